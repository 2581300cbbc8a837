"""Zensical: Material for MkDocs' successor, which reads mkdocs.yml (`pip install '.[zensical]'`).

`build` calls Zensical's Python API in this process (one start-up, not two); its Rust runtime prints
straight to the terminal's file descriptors, past `sys.stdout`, so they are pointed at a temporary file
for the call, to turn what it says into the EngineError's message (and keep a good build quiet). It ignores
MkDocs hooks, so `serve` watches data/ and templates/ itself (watchfiles) and regenerates docs/, which
Zensical's server, run as its command line, then picks up.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from . import EngineError

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def build(config_file: Path) -> None:
    """Build the staged site strictly; Zensical's diagnostics become the EngineError's message."""
    import zensical  # its Rust runtime, loaded only when this engine builds

    with contextlib.chdir(config_file.parent), _terminal_output() as said:  # as its command line runs there
        try:
            zensical.build(str(config_file), {"clean": True, "strict": True})
            return
        except Exception as exc:  # noqa: BLE001  "Aborted because --strict flag is set", or a template error
            failure = str(exc) or type(exc).__name__
        said.seek(0)
        output = said.read().decode("utf-8", "replace")
    lines = [_ANSI.sub("", line).strip(" │╭╰─┬") for line in output.splitlines()]
    said_first = "; ".join(line for line in lines if line and line not in ("Build started", "No issues found"))
    raise EngineError("; ".join(part for part in (said_first[:600], failure) if part))


@contextlib.contextmanager
def _terminal_output() -> Iterator[IO[bytes]]:
    """What is written to file descriptors 1 and 2 (stdout and stderr) inside the block, in a temporary file."""
    sys.stdout.flush()
    sys.stderr.flush()
    with tempfile.TemporaryFile() as captured:
        saved = [os.dup(fd) for fd in (1, 2)]
        try:
            for fd in (1, 2):
                os.dup2(captured.fileno(), fd)
            yield captured
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            for fd, copy in zip((1, 2), saved):
                os.dup2(copy, fd)
                os.close(copy)


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
