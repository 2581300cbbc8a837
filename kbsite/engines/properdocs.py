"""ProperDocs: the maintained drop-in fork of MkDocs by its former maintainers (`pip install '.[properdocs]'`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import mkdocs_family


def build(config_file: Path) -> None:
    """Build the staged site strictly."""
    import properdocs.replacement  # noqa: F401  ProperDocs' own way (its CLI does this) to run MkDocs plugins and themes
    mkdocs_family.build("properdocs", config_file)


def serve(config_file: Path, dev_addr: str, watch: list[Path], **_: Any) -> None:
    """ProperDocs' live preview."""
    import properdocs.replacement  # noqa: F401
    mkdocs_family.serve("properdocs", config_file, dev_addr, watch)  # our hook regenerates the pages
