"""Glossary tooltips on the first use of each term in each section of a page, as reference works do.

A marked use is an `<abbr>` with the definition as its title; it joins the Tab order so that the tooltip opens
on focus as it does on hover. Headings, FAQ questions and other lines of raw HTML, link texts, citations and
attribute lists are never marked.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Iterator

from .model import Term
from .text import plain_text

__all__ = ["definitions", "mark_first_uses"]

_FRONT_MATTER = re.compile(r"---\n(?:[^\n]*\n)*?---(?:\n|\Z)")
_PROSE_OFF, _PROSE_ON = "<!-- prose-off -->", "<!-- prose-on -->"
_LINK = r"\[[^\]\n]*\]\([^)\n]*\)(?:\{[^}\n]*\})?"
"""A link with its text (and its attribute list)."""
_LEFT_ALONE = r"""
    ^(?: (?P<heading>\#{1,6}[^\S\n].*)       # a heading (it starts a new section),
       | [^\S\n]*(?:<|\{:|\*\[|\|).*         #   or a line of raw HTML (an FAQ question's <summary>, a figure),
       )$                                    #   an attribute list, an abbreviation or a table row
  | !LINK | LINK                             # an image or a link (not '!?\[': that costs a step at every character)
  | \{[^}\n]*\} | <[^>\n]+> | `[^`\n]*`      # an attribute list, a tag, code
  | https?://\S+ | Sources:.*$               # a bare address; citations, to the end of the line
""".replace("LINK", _LINK)
"""What is left alone, matched before any term. `[^\\S\\n]` is a space within the line."""
_TERM_END = r"(?=[^\w-]|\Z|https?://\S|Sources:)"
"""After a term: a character that is not part of a word, or the start of a part left alone."""


def definitions(glossary: Iterable[Term]) -> dict[str, str]:
    """Term -> its tooltip text ('expansion: definition')."""
    out = {}
    for term in glossary:
        text = plain_text(term.definition)
        out[term.term] = f"{term.expansion}: {text}" if term.expansion else text
    return out


def mark_first_uses(markdown: str, tooltips: dict[str, str]) -> str:
    """The page with the first use of each glossary term in each section marked as an `<abbr>`.

    Sections start at each heading. The front matter and `<!-- prose-off -->` blocks are left alone.
    """
    terms = tuple(term for term in tooltips if term and "\n" not in term)  # a use never spans lines
    if not terms:
        return markdown
    pattern = _pattern(terms)
    keys = {term.lower(): term for term in tooltips}
    seen: set[str] = set()

    def mark(match: re.Match[str]) -> str:
        word = match.group("term")
        if word is None:  # a part left alone
            if match.group("heading") is not None:
                seen.clear()
            return match.group(0)
        term = keys.get(word.lower()) or _term_of(word, terms)
        if term in seen:
            return word
        seen.add(term)
        return f'<abbr title="{html.escape(tooltips[term], quote=True)}" tabindex="0">{word}</abbr>'

    out, done = [], 0
    for start, end in _markable(markdown):
        out += [markdown[done:start], pattern.sub(mark, markdown[start:end])]
        done = end
    out.append(markdown[done:])
    return "".join(out)


def _markable(markdown: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of whole lines outside the front matter and the prose-off blocks."""
    start = 0
    if markdown.startswith("---\n") or markdown == "---":
        front = _FRONT_MATTER.match(markdown)
        if front is None:
            return  # front matter to the end
        start = front.end()
    while (off := markdown.find(_PROSE_OFF, start)) >= 0:
        line = markdown.rfind("\n", 0, off) + 1
        yield start, line
        on = markdown.find(_PROSE_ON, line)  # the block ends with the line that turns prose on again
        start = markdown.find("\n", on) if on >= 0 else -1
        if start < 0:
            return
    yield start, len(markdown)


@functools.lru_cache(maxsize=8)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for what is left alone (first) and every term (the longest first).

    A lowercase term also matches at a sentence start (in any case, in fact). The terms are grouped by
    their first character, so that most words are passed over in one step (the plain alternation of
    every term took twice as long at 10,000 FAQs); a first character outside the groups (one of
    Unicode's other case forms, such as the Kelvin sign for a 'k') tries the plain alternation of the
    lowercase terms, so a term matches exactly what `(?i:term)` or the term itself matches.
    """
    ordered = sorted(terms, key=len, reverse=True)
    initials = "".join({term[0] for term in terms} | {term[0].upper() for term in terms if term == term.lower()})
    same_letter = {first: set(re.findall(f"(?i:{re.escape(first)})", initials))  # each initial it stands for
                   for first in {term[0] for term in terms if term == term.lower()}}
    groups: dict[str, list[str]] = {}
    for term in ordered:
        blind = term == term.lower()
        for char in same_letter[term[0]] if blind else (term[0],):
            groups.setdefault(char, []).append(_alternative(term[1:], blind))
    keys = "".join(map(re.escape, groups))
    alternatives = [f"{re.escape(char)}(?:{'|'.join(rests)})" for char, rests in groups.items()]
    lowercase = [_alternative(term, True) for term in ordered if term == term.lower()]  # the others start with a key
    if lowercase:
        alternatives.append(f"(?![{keys}])(?:{'|'.join(lowercase)})")
    term = rf"(?<![\w-])(?=(?i:[{keys}]))(?P<term>{'|'.join(alternatives)}){_TERM_END}"
    return re.compile(f"{_LEFT_ALONE}|{term}", re.M | re.X)


@functools.lru_cache(maxsize=64)
def _term_of(word: str, terms: tuple[str, ...]) -> str:
    """The term a matched word is a use of, where lowercasing does not tell (the Kelvin sign in 'Kg', say)."""
    return next(term for term in sorted(terms, key=len, reverse=True)
                if re.fullmatch(_alternative(term, term == term.lower()), word))


def _alternative(text: str, case_blind: bool) -> str:
    escaped = re.escape(text)
    return f"(?i:{escaped})" if case_blind and escaped else escaped
