"""Zensical: Material for MkDocs' successor, which reads mkdocs.yml (`pip install '.[zensical]'`).

Its build runs in its own Rust runtime, which prints straight to the terminal, so it is run as its command
line to capture what it says. It ignores MkDocs hooks, so `serve` watches data/ and templates/ itself
(watchfiles) and regenerates docs/, which Zensical's server then picks up.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from . import EngineError

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def build(config_file: Path) -> None:
    """Build the staged site strictly; Zensical's diagnostics become the EngineError's message."""
    result = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "--clean",
                             "--config-file", str(config_file)], cwd=config_file.parent, capture_output=True,
                            text=True)
    if result.returncode != 0:  # what it says comes before Python's traceback of its "Aborted" exception
        said = (result.stdout + result.stderr).split("Traceback (most recent call last)")[0]
        lines = [_ANSI.sub("", line).strip(" │╭╰─┬") for line in said.splitlines()]
        lines = [line for line in lines if line and line != "Build started"]
        raise EngineError("; ".join(lines)[:600] or result.stderr.strip().splitlines()[-1])


def serve(config_file: Path, dev_addr: str, watch: list[Path], regenerate: Any = None, **_: Any) -> None:
    """Zensical's server on the generated docs/, with data/ and templates/ watched to regenerate the pages."""
    from watchfiles import watch as watch_changes

    stop = threading.Event()

    def regenerate_on_change() -> None:
        for _changes in watch_changes(*watch, stop_event=stop):
            if regenerate is not None:
                regenerate()

    threading.Thread(target=regenerate_on_change, daemon=True).start()
    try:
        subprocess.run([sys.executable, "-m", "zensical", "serve", "--config-file", str(config_file),
                        "--dev-addr", dev_addr], cwd=config_file.parent, check=False)
    finally:
        stop.set()
