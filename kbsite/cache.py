"""The project's caches in `.cache/`: results remembered by a hash of everything they were made from.

`.cache/` is taken from the current directory at first use (build.py works from the project root). Two caches
use it: reading grades (`readability.py`, `grades.json`) and parsed YAML (`safe_yaml.py`, `yaml/`); Jinja
keeps its compiled templates in `jinja/`. Every entry's key includes a hash of the code that made it, so
an edit to the rules can never serve an old result. Caches are best effort: a folder that cannot be
written only means the next run works again. `KBSITE_NO_CACHE=1` turns them all off.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

__all__ = ["CACHE_DIR", "NO_CACHE_VARIABLE", "enabled", "folder", "code_hash", "write_atomic"]

CACHE_DIR = Path(".cache")
"""Where caches are kept; a relative path is taken from the current directory at first use."""

NO_CACHE_VARIABLE = "KBSITE_NO_CACHE"
"""Set it to 1 to read and write no cache: every grade measured, every file parsed afresh."""


def enabled() -> bool:
    """False when KBSITE_NO_CACHE is set (to anything but 0)."""
    return os.environ.get(NO_CACHE_VARIABLE, "") in ("", "0")


def folder() -> Path:
    """The cache folder, as an absolute path."""
    return Path(os.getcwd(), CACHE_DIR)


def code_hash(*files: str) -> str:
    """A short hash of these source files (pass `__file__`): part of a cache key, so new code never trusts old results."""
    digest = hashlib.sha256()
    for file in files:
        try:
            digest.update(Path(file).read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()[:16]


def write_atomic(top: Path, name: str, data: bytes) -> bool:
    """Write `data` to `top / name` (a temporary file, then a rename); False if it cannot be written.

    `top` is the cache folder; it is created on first use with a `.gitignore` of its own (like pytest's
    cache), whatever the project's .gitignore says. Only it and `name`'s own folder are created, never a
    missing project folder.
    """
    path, temporary = top / name, None
    try:
        new_folder = not top.is_dir()
        top.mkdir(exist_ok=True)
        if new_folder:
            (top / ".gitignore").write_text("# created by kbsite\n*\n", encoding="utf-8")
        path.parent.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp",
                                         delete=False) as file:
            temporary = file.name
            file.write(data)
        os.replace(temporary, path)
        temporary = None
        return True
    except OSError:
        return False  # a read-only or missing folder: the work is done, just not remembered
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
