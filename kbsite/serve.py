"""Live preview: MkDocs' own server, with a hook that regenerates docs/ before every rebuild."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from .pipeline import Paths

__all__ = ["serve", "HOOK_FILE"]

HOOK_FILE = Path(__file__).with_name("serve_hook.py")


def serve(paths: Paths, dev_addr: str) -> None:
    """Serve site at dev_addr; edits to data/ or templates/ regenerate pages and reload the browser."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    _show_mkdocs_log()

    # The hook is passed here, not in mkdocs.yml, so `mkdocs build` stays a plain build. site_url is the
    # preview's own address, so pages are served at / (not under the published site's path).
    mkdocs_serve(config_file=str(paths.config), dev_addr=dev_addr, livereload=True, site_url=f"http://{dev_addr}/",
                 hooks=[str(HOOK_FILE)], watch=[str(paths.faq.parent), str(paths.templates)])


def _show_mkdocs_log() -> None:
    """Print MkDocs' messages (and our hook's problem lines) the way the mkdocs command does."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    for name in ("mkdocs", "kbsite"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
