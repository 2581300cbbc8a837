"""MkDocs hook used by `build.py serve`: regenerate docs/ from the YAML before each rebuild.

On bad input it prints the problems and keeps the last good pages, so the preview never breaks.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from kbsite.errors import KbError, summarize
from kbsite.pipeline import Paths, generate

# Not under "mkdocs": MkDocs' strict mode counts its own warnings and would stop the preview.
log = logging.getLogger("kbsite.serve")


def on_pre_build(config: Any, **_: Any) -> None:
    """Regenerate pages; report problems instead of failing the preview."""
    paths = Paths.at(Path(config.docs_dir).resolve().parent)  # the configuration itself is a temporary copy
    try:
        result, written = generate(paths)
    except KbError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        log.error("%s; the preview keeps the last good pages", summarize(exc.problems))
        return
    for problem in result.problems:
        log.warning(str(problem))
    if written.written or written.removed:
        log.info("regenerated %s", ", ".join(str(p) for p in written.written + written.removed))
