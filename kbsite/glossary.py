"""Glossary tooltips on the first use of each term in each section of a page, as reference works do.

A marked use is an `<abbr>` with the definition as its title; it joins the Tab order so that the tooltip opens
on focus as it does on hover. Headings, FAQ questions and other lines of raw HTML, link texts, citations and
attribute lists are never marked.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .model import Term
from .text import plain_text

__all__ = ["definitions", "mark_first_uses"]

_HEADING = re.compile(r"^#{1,6}\s")
_PROTECTED = re.compile(r"!?\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?|\{[^}]*\}|<[^>]+>|`[^`]*`|https?://\S+|Sources:.*$")
"""Parts of a line left alone: links with their text, attribute lists, tags, code, bare addresses, citations."""
_UNMARKED_LINE = re.compile(r"^\s*(?:<|\{:|\*\[|\|)")
"""Lines of raw HTML (an FAQ question's <summary>, a figure), attribute lists, abbreviations and table rows."""


def definitions(glossary: Iterable[Term]) -> dict[str, str]:
    """Term -> its tooltip text ('expansion: definition')."""
    out = {}
    for term in glossary:
        text = plain_text(term.definition)
        out[term.term] = f"{term.expansion}: {text}" if term.expansion else text
    return out


def _pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for every term, longest first; a lowercase term also matches at a sentence start."""
    alternatives = []
    for term in sorted(terms, key=len, reverse=True):
        escaped = re.escape(term)
        alternatives.append(f"(?i:{escaped})" if term == term.lower() else escaped)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])") if alternatives else None


def mark_first_uses(markdown: str, tooltips: dict[str, str]) -> str:
    """The page with the first use of each glossary term in each section marked as an `<abbr>`.

    Sections start at each heading. The front matter and `<!-- prose-off -->` blocks are left alone.
    """
    pattern = _pattern(tooltips)
    if pattern is None:
        return markdown
    keys = {term.lower(): term for term in tooltips}
    lines = markdown.split("\n")
    seen: set[str] = set()
    skipping = False
    front = bool(lines) and lines[0] == "---"
    for number, line in enumerate(lines):
        if front:
            front = not (number > 0 and line == "---")
            continue
        if "<!-- prose-off -->" in line:
            skipping = True
        if skipping:
            skipping = "<!-- prose-on -->" not in line
            continue
        if _HEADING.match(line):
            seen = set()
            continue
        if _UNMARKED_LINE.match(line):
            continue
        lines[number] = _mark_line(line, pattern, keys, tooltips, seen)
    return "\n".join(lines)


def _mark_line(line: str, pattern: re.Pattern[str], keys: dict[str, str], tooltips: dict[str, str],
               seen: set[str]) -> str:
    out, start = [], 0
    for protected in _PROTECTED.finditer(line):
        out.append(_mark_text(line[start:protected.start()], pattern, keys, tooltips, seen))
        out.append(protected.group(0))
        start = protected.end()
    out.append(_mark_text(line[start:], pattern, keys, tooltips, seen))
    return "".join(out)


def _mark_text(text: str, pattern: re.Pattern[str], keys: dict[str, str], tooltips: dict[str, str],
               seen: set[str]) -> str:
    def mark(match: re.Match[str]) -> str:
        word = match.group(0)
        term = keys[word.lower()]
        if term in seen:
            return word
        seen.add(term)
        return f'<abbr title="{html.escape(tooltips[term], quote=True)}" tabindex="0">{word}</abbr>'

    return pattern.sub(mark, text) if text else text
