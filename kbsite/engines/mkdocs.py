"""MkDocs 1.6 with Material for MkDocs (the default engine). Material reaches end of life on 5 May 2027."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import mkdocs_family


def build(config_file: Path) -> None:
    """Build the staged site strictly."""
    mkdocs_family.build("mkdocs", config_file)


def serve(config_file: Path, dev_addr: str, watch: list[Path], **_: Any) -> None:
    """MkDocs' live preview."""
    mkdocs_family.serve("mkdocs", config_file, dev_addr, watch)  # our hook regenerates the pages
