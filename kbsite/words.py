"""The templates' own words in each language: Jinja's i18n extension, with phrases looked up by their English.

A template writes `{{ _("Sources") }}` (or `_("%(n)s in 100", n=5)`); the English edition prints the phrase
as written, a translated one looks it up in its translation file's `words:` (English phrase -> translation).
The phrases of every template are found with Jinja's own extractor, so a phrase with no translation is
reported even when no page of this knowledge base happens to print it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import jinja2

from .errors import DataPath, Location, Problem, Severity
from .model import EVIDENCE_LEVELS, OPTION_ROWS, REFERENCE_KINDS
from .translation import ENGLISH_NAMES

__all__ = ["Words", "template_phrases", "check_words", "PYTHON_PHRASES", "MONTHS"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

PYTHON_PHRASES = (
    "%(day)s %(month)s %(year)s", *MONTHS,
    "Source", "Sources", "drug maker", "%(n)s in 100", "This page:",
    "%(count)s question on this topic. See [all topics](%(link)s) for the rest.",
    "%(count)s questions on this topic. See [all topics](%(link)s) for the rest.",
    *OPTION_ROWS.values(), *(text for pair in EVIDENCE_LEVELS.values() for text in pair), *REFERENCE_KINDS,
)
"""Phrases written in kbsite/ rather than in a template: dates, citations, pictures, split FAQ pages, and the
model's labels that templates translate by value (`_(heading)`)."""


class Words:
    """Look-ups of phrases in one language; the English edition (no mapping) prints each phrase as written."""

    def __init__(self, language: str = "en", mapping: Mapping[str, str] | None = None) -> None:
        self.language = language
        self.mapping = dict(mapping or {})
        self.missing: set[str] = set()

    def gettext(self, phrase: str) -> str:
        """The phrase in this language (Jinja fills in its %(name)s values afterwards)."""
        if self.language == "en" and not self.mapping:
            return phrase
        found = self.mapping.get(phrase)
        if found is None:
            self.missing.add(phrase)
            return phrase
        return found

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural phrase for `n` (English and Spanish agree: 1 is singular)."""
        return self.gettext(singular if n == 1 else plural)

    def format(self, phrase: str, **values: object) -> str:
        """The phrase in this language with its %(name)s values filled in, for phrases written in kbsite/."""
        return self.gettext(phrase) % values if values else self.gettext(phrase)

    def install(self, env: jinja2.Environment) -> None:
        """Make `_`, `gettext` and `ngettext` call this language in the environment's templates."""
        env.install_gettext_callables(self.gettext, self.ngettext, newstyle=True)  # type: ignore[attr-defined]


def template_phrases(templates: Path) -> dict[str, Location]:
    """Every phrase the templates pass to `_()` or `ngettext()`, with where it first appears."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    found: dict[str, Location] = {}
    for path in sorted(templates.rglob("*.j2")):
        name = path.relative_to(templates.parent).as_posix()
        try:
            source = path.read_text(encoding="utf-8")
            extracted = list(env.extract_translations(source))
        except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
            continue  # rendering reports it, with the line
        for line, _function, message in extracted:
            for phrase in (message if isinstance(message, tuple) else (message,)):
                if isinstance(phrase, str):
                    found.setdefault(phrase, Location(name, line, 1))
    return found


def check_words(words: Words, phrases: Mapping[str, Location], file_key: str) -> list[Problem]:
    """Every phrase of the templates and of kbsite/ has a translation; every translation is of a phrase in use."""
    language = words.language
    wanted = {**{p: Location("kbsite") for p in PYTHON_PHRASES}, **phrases}
    def missing(phrase: str, where: Location) -> Problem:
        return Problem(where, f"'{phrase}': no {ENGLISH_NAMES[language]} translation; add it under words: in "
                              f"data/{language}.yaml")

    problems = [missing(phrase, where) for phrase, where in wanted.items() if phrase not in words.mapping]
    problems += [missing(phrase, Location("kbsite")) for phrase in sorted(words.missing - set(wanted))]
    for phrase in sorted(set(words.mapping) - set(wanted) - words.missing):
        problems.append(Problem(DataPath(file_key, ("words", phrase), key=True),
                                f"words: '{phrase}' is no longer used by any template; remove it", Severity.WARNING))
    return problems
