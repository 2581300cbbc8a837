"""The templates' own words in each language: Jinja's i18n extension, with phrases looked up by their English.

A template writes `{{ _("Sources") }}` (or `_("%(n)s in 100", n=5)`); the English edition prints the phrase
as written, a translated one looks it up in its translation file's `words:` (English phrase -> translation).
The phrases of every template are found with Jinja's own extractor, so a phrase with no translation is
reported even when no page of this knowledge base happens to print it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

import jinja2

from . import cache
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
    """Every phrase the templates pass to `_()` or `ngettext()`, with where it first appears.

    Parsing every template costs about 50 ms, so the result is remembered in `.cache/phrases/` by a hash of
    the templates' names and bytes (and of this file).
    """
    sources = {}
    for path in sorted(templates.rglob("*.j2")):
        try:
            sources[path.relative_to(templates.parent).as_posix()] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # rendering reports it
    digest = hashlib.sha256(cache.code_hash(__file__).encode())
    for name, source in sources.items():
        digest.update(f"\0{name}\0{source}".encode())
    name = f"phrases/{digest.hexdigest()[:32]}.json"
    if cache.enabled():
        try:
            stored = json.loads((cache.folder() / name).read_text(encoding="utf-8"))
            return {phrase: Location(*where) for phrase, where in stored.items()}
        except (OSError, ValueError, TypeError):
            pass  # not remembered yet
    found = _extract(sources)
    if cache.enabled():
        data = {phrase: [where.file, where.line, where.col] for phrase, where in found.items()}
        if cache.write_atomic(cache.folder(), name, json.dumps(data, ensure_ascii=False).encode("utf-8")):
            for old in (cache.folder() / name).parent.glob("*.json"):  # only the templates as they are now
                if old.name != Path(name).name:
                    old.unlink(missing_ok=True)
    return found


def _extract(sources: dict[str, str]) -> dict[str, Location]:
    """Jinja's extractor over each template's source."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    found: dict[str, Location] = {}
    for name, source in sources.items():
        try:
            extracted = list(env.extract_translations(source))
        except jinja2.TemplateSyntaxError:
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
