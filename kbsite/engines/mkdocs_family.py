"""What MkDocs and ProperDocs (its maintained fork, the same API under another name) share: build and serve."""

from __future__ import annotations

import importlib
import io
import logging
from pathlib import Path

import click

from . import EngineError

HOOK_FILE = Path(__file__).resolve().parent.parent / "serve_hook.py"


def build(package: str, config_file: Path) -> None:
    """Load the configuration strictly and build; warnings become an EngineError with their text."""
    config = importlib.import_module(f"{package}.config")
    commands = importlib.import_module(f"{package}.commands.build")
    captured = io.StringIO()
    handler = logging.StreamHandler(captured)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger(package)
    logger.addHandler(handler)
    try:
        cfg = config.load_config(config_file=str(config_file), strict=True)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            commands.build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (click.ClickException, SystemExit, OSError) as exc:  # both engines' errors are click exceptions
        details = [line for line in captured.getvalue().splitlines() if line.strip()]
        raise EngineError("; ".join(details[-5:]) or str(exc) or type(exc).__name__) from None
    finally:
        logger.removeHandler(handler)


def serve(package: str, config_file: Path, dev_addr: str, watch: list[Path]) -> None:
    """The engine's own live server, with the hook that regenerates docs/ before every rebuild."""
    commands = importlib.import_module(f"{package}.commands.serve")
    _show_log(package)
    commands.serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True,
                   hooks=[str(HOOK_FILE)], watch=[str(path) for path in watch])


def _show_log(package: str) -> None:
    """Print the engine's messages (and our hook's problem lines) the way its own command does."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    for name in (package, "kbsite"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
