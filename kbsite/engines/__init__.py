"""The engines that turn the generated Markdown into HTML: one small module each, one interface.

Each module has `build(config_file)` (build strictly into the config's site_dir; raise EngineError on failure)
and `serve(config_file, dev_addr, paths)` (a live preview that regenerates pages when data/ or templates/ change).
Nothing outside this package knows which engine runs.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

__all__ = ["ENGINES", "DEFAULT_ENGINE", "ENGINE_VARIABLE", "EngineError", "engine", "chosen"]

ENGINES = ("mkdocs", "properdocs", "zensical")
"""Every engine the site builds with. MkDocs is the default (the design card's choice)."""

DEFAULT_ENGINE = "mkdocs"
ENGINE_VARIABLE = "KBSITE_ENGINE"
"""The environment variable that picks the engine when --engine is not given."""


class EngineError(Exception):
    """The engine refused the pages (a broken link, say); the message says what it printed."""


def chosen(name: str | None = None) -> str:
    """The engine to use: the one named, else $KBSITE_ENGINE, else the default."""
    return name or os.environ.get(ENGINE_VARIABLE) or DEFAULT_ENGINE


def engine(name: str) -> ModuleType:
    """The module of an engine by name."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine '{name}'; choose one of: {', '.join(ENGINES)}")
    return importlib.import_module(f"{__name__}.{name}")
