"""MkDocs in its own process: `python -m kbsite.mkdocs_worker CONFIG DOCS_DIR SITE_DIR`.

Started before the knowledge base is loaded, it imports MkDocs and Material and loads the
configuration while the parent loads, validates and renders, then waits for the go-ahead on
stdin: a JSON line {"source_date_epoch"} sent once the pages are staged in DOCS_DIR. It builds
strictly into SITE_DIR and answers with one JSON line {"ok": bool, "message": str}. An empty
stdin means "cancelled": it exits at once.
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys


def main(config_file: str, docs_dir: str, site_dir: str) -> int:
    """Load the configuration, wait for the go-ahead, build, report; the exit code mirrors `ok`."""
    from mkdocs import config as mkdocs_config
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    captured = io.StringIO()
    handler = logging.StreamHandler(captured)
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        # everything up to here overlaps the parent's loading, checking and rendering
        cfg = mkdocs_config.load_config(config_file=config_file, docs_dir=docs_dir, site_dir=site_dir, strict=True)
        line = sys.stdin.readline()
        if not line.strip():
            return 0
        job = json.loads(line)
        if job.get("source_date_epoch") and "SOURCE_DATE_EPOCH" not in os.environ:
            os.environ["SOURCE_DATE_EPOCH"] = job["source_date_epoch"]
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (MkDocsException, SystemExit, OSError) as exc:
        details = [text for text in captured.getvalue().splitlines() if text.strip()]
        message = "; ".join(details[-5:]) or str(exc) or type(exc).__name__
        print(json.dumps({"ok": False, "message": message}), flush=True)
        return 1
    print(json.dumps({"ok": True, "message": ""}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
