"""A translated edition: data/es.yaml laid over the English knowledge base, proved complete and current.

A translation file mirrors data/faq.yaml, keyed by each entry's id (a glossary term by its English term, a
change by its place in the list) and holding only reader-facing text; ids, sources, covers, numbers and dates
are written once, in English. Its own `crisis_lines:` and `references:` (help and pages in the language),
`own_topics:` (prose only this edition has, such as pages in its language, with their sources) and `words:`
(the templates' phrases, by their English) complete it.

Which English a Spanish text translates is kept beside it, in data/es.from.json: the English text as it was
when the translation was last marked current (`python build.py translations --mark-current ID`). When the
English changes, `check` warns at the Spanish text and shows the words that changed.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import DataPath, Location, Problem, Severity
from .model import KnowledgeBase

__all__ = ["LANGUAGES", "ENGLISH_NAMES", "TEXT_FIELDS", "COLLECTIONS", "Text", "Translation", "TranslationCoverage",
           "texts",
           "translate", "mark_current", "read_marks", "write_marks", "dotted", "spanish_path"]

LANGUAGES = {"en": "English", "es": "Español"}
"""Every edition: its language code and its name in its own language (for the switch). English is the original."""
ENGLISH_NAMES = {"en": "English", "es": "Spanish"}
"""Each language's name in English, for messages to editors."""

TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "Site": ("title", "description", "audience", "disclaimer", "crisis_intro", "emergency", "crisis_short",
             "publisher", "funding", "conflicts"),
    "Page": ("title", "description", "intro"),
    "Topic": ("heading", "body"),
    "Condition": ("name", "summary", "approval", "cautions"),
    "Evidence": ("reason",),
    "Step": ("heading", "body"),
    "SideEffect": ("name", "detail", "how_long", "what_to_do"),
    "NotSuitable": ("who", "why"),
    "Faq": ("question", "answer", "group"),
    "Term": ("term", "expansion", "definition"),
    "Correction": ("claim", "truth"),
    "Count": ("outcome", "who"),
    "Cell": ("text", "not_known"),
    "Option": ("name", "summary"),
    "AlsoAsk": ("name", "note"),
    "ClinicQuestion": ("question", "why"),
    "Change": ("what", "why"),
}
"""Each model's reader-facing text fields (tests/test_translation.py proves every Text field is listed).
Nested models (an entry's counts, a condition's evidence, an option's cells) are walked into."""

COLLECTIONS: dict[str, str | None] = {
    "pages": "id", "topics": "id", "conditions": "id", "treatment": "id", "side_effects": "id",
    "not_suitable_for": "id", "faqs": "id", "glossary": "term", "corrections": "id", "options": "id",
    "also_ask_about": "id", "clinic_questions": "id", "changes": None,
}
"""The translated lists and what keys their entries in a translation file (None: the place in the list).
Not translated: `references` (titles stay as published), `reviews` (names and dates) and the crisis lines
(each edition lists the help for its readers)."""

_OWN = ("crisis_lines", "references", "words", "language", "own_topics")
"""Top-level keys of a translation file that are the edition's own, not translations of English entries."""

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Text:
    """One reader-facing English text and where it is, in data/faq.yaml and in a translation file."""

    english_path: Path_
    path: Path_
    english: str | tuple[str, ...]


@dataclass(frozen=True)
class TranslationCoverage:
    """How much of the English a translation covers, for the summary line and `coverage --format json`."""

    language: str
    texts: int
    missing: tuple[str, ...]
    out_of_date: tuple[str, ...]

    @property
    def translated(self) -> int:
        return self.texts - len(self.missing)

    @property
    def complete(self) -> bool:
        return not self.missing

    def summary(self) -> str:
        """'Spanish (es): 773 of 773 texts translated (100%), 0 out of date.'"""
        share = 100 * self.translated / self.texts if self.texts else 100.0
        return (f"{ENGLISH_NAMES[self.language]} ({self.language}): {self.translated} of {self.texts} texts translated "
                f"({share:.0f}%), {len(self.out_of_date)} out of date.")

    def as_dict(self) -> dict[str, Any]:
        return {"language": self.language, "texts": self.texts, "translated": self.translated,
                "complete": self.complete, "missing": list(self.missing), "out_of_date": list(self.out_of_date)}


@dataclass(frozen=True)
class Translation:
    """A translated knowledge base, the template phrases, and what is missing or stale."""

    language: str
    kb: KnowledgeBase
    words: dict[str, str]
    problems: list[Problem]
    coverage: TranslationCoverage


def dotted(path: Path_) -> str:
    """('faqs', 'chances', 'counts', 0, 'who') -> 'faqs.chances.counts[0].who'."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def texts(kb: KnowledgeBase) -> Iterator[Text]:
    """Every reader-facing English text of the knowledge base, in file order."""
    yield from _walk(kb.site, ("site",), ("site",))
    for collection, key in COLLECTIONS.items():
        for index, item in enumerate(getattr(kb, collection)):
            name = index if key is None else getattr(item, key)
            yield from _walk(item, (collection, index), (collection, name))


def _walk(model: BaseModel, english: Path_, path: Path_) -> Iterator[Text]:
    for name in TEXT_FIELDS.get(type(model).__name__, ()):
        value = getattr(model, name)
        if value:  # an optional text left out in English needs no translation
            yield Text((*english, name), (*path, name), tuple(value) if isinstance(value, list) else value)
    for name, value in model:
        if isinstance(value, BaseModel):
            yield from _walk(value, (*english, name), (*path, name))
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for index, item in enumerate(value):
                yield from _walk(item, (*english, name, index), (*path, name, index))


_MISSING = object()


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or not 0 <= part < len(data):
                return _MISSING
            data = data[part]
        else:
            if not isinstance(data, dict) or part not in data:
                return _MISSING
            data = data[part]
    return data


def _set(data: Any, path: Path_, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def translate(kb: KnowledgeBase, data: dict[str, Any], marks: dict[str, str], language: str = "es") -> Translation:
    """The knowledge base in another language: each English text replaced by its translation from `data`.

    A text with no translation keeps its English and is an error; a translation whose English changed since it
    was marked current (`marks`: dotted path -> the English it translates) is a warning, showing what changed.
    Keys of `data` that translate nothing (a mistyped id, a source list) are errors too.
    """
    merged = kb.model_dump()
    problems: list[Problem] = []
    missing, stale, used = [], [], set()
    all_texts = list(texts(kb))
    for text in all_texts:
        value = _get(data, text.path)
        if value is _MISSING or value is None:
            missing.append(dotted(text.path))
            problems.append(Problem(DataPath("faq", text.english_path),
                                    f"{dotted(text.english_path)}: no {ENGLISH_NAMES[language]} translation; add "
                                    f"{dotted(text.path)} to data/{language}.yaml"))
            continue
        used.add(text.path)
        _set(merged, text.english_path, list(value) if isinstance(value, (list, tuple)) else value)
        was = marks.get(dotted(text.path))
        now = _as_text(text.english)
        if was != now:
            stale.append(dotted(text.path))
            problems.append(Problem(DataPath(language, text.path), _stale_message(text, was, now), Severity.WARNING))
    problems += _unused(data, used, language)
    merged["site"]["crisis_lines"] = data.get("crisis_lines") or merged["site"]["crisis_lines"]
    merged["references"] = merged["references"] + list(data.get("references") or [])
    merged["topics"] = merged["topics"] + list(data.get("own_topics") or [])  # the edition's own, with sources
    translated = _validate(merged, kb, language, problems)
    words = {str(k): str(v) for k, v in (data.get("words") or {}).items()}
    coverage = TranslationCoverage(language, len(all_texts), tuple(missing), tuple(stale))
    return Translation(language, translated, words, problems, coverage)


def _as_text(value: str | tuple[str, ...]) -> str:
    return "\n".join(f"- {item}" for item in value) if isinstance(value, tuple) else value


def _stale_message(text: Text, was: str | None, now: str) -> str:
    mark = f"python build.py translations --mark-current {dotted(text.path[:2])}"
    if was is None:
        return (f"{dotted(text.path)}: translation not marked current; once it matches the English, run `{mark}`")
    return (f"{dotted(text.path)}: translation out of date: the English changed ({_changed_words(was, now)}); "
            f"update the translation, then run `{mark}`")


def _changed_words(was: str, now: str, limit: int = 160) -> str:
    """The words that differ, such as "'2 weeks' is now '3 weeks'", cut to `limit` characters."""
    old, new = was.split(), now.split()
    changes = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        before, after = " ".join(old[a1:a2]), " ".join(new[b1:b2])
        if op == "replace":
            changes.append(f"'{before}' is now '{after}'")
        elif op == "delete":
            changes.append(f"'{before}' was removed")
        elif op == "insert":
            changes.append(f"'{after}' was added")
    said = "; ".join(changes) or "only its spacing"
    return said if len(said) <= limit else said[:limit - 1] + "…"


def _unused(data: dict[str, Any], used: set[Path_], language: str) -> list[Problem]:
    """Translations of nothing: an id, term or field the English does not have (a typo, or a removed entry)."""
    problems = []

    def leaves(value: Any, path: Path_) -> Iterator[Path_]:
        if path in used:
            return
        if isinstance(value, dict):
            for key, item in value.items():
                yield from leaves(item, (*path, key))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for index, item in enumerate(value):
                yield from leaves(item, (*path, index))
        else:
            yield path

    for key, value in data.items():
        if key in _OWN:
            continue
        if key != "site" and key not in COLLECTIONS:
            problems.append(Problem(DataPath(language, (key,), key=True),
                                    f"{key}: not a part of data/faq.yaml that is translated; the translated parts "
                                    f"are site, {', '.join(COLLECTIONS)}"))
            continue
        for path in leaves(value, (key,)):
            problems.append(Problem(DataPath(language, path, key=True),
                                    f"{dotted(path)}: translates nothing in data/faq.yaml (no such entry or text); "
                                    "check the id, or remove it"))
    return problems


def _validate(merged: dict[str, Any], kb: KnowledgeBase, language: str, problems: list[Problem]) -> KnowledgeBase:
    """The merged data as a KnowledgeBase; a translation that breaks a rule (raw HTML, too long) is an error
    at its place in the translation file, and the English text stands in for it."""
    for _ in range(50):  # each round drops the texts that failed; a handful of rounds at most
        try:
            return KnowledgeBase.model_validate(merged)
        except ValidationError as exc:
            english = kb.model_dump()
            for error in exc.errors():
                loc = tuple(error["loc"])
                place = spanish_path(kb, loc)
                problems.append(Problem(DataPath(language, place), f"{dotted(place)}: {error['msg']}"))
                _restore(merged, english, loc)
    return kb


def _restore(merged: dict[str, Any], english: dict[str, Any], loc: Path_) -> None:
    """Put the English value back at `loc` (or its nearest parent that the English has)."""
    for end in range(len(loc), 0, -1):
        value = _get(english, loc[:end])
        if value is not _MISSING:
            _set(merged, loc[:end], value)
            return


def spanish_path(kb: KnowledgeBase, english_path: Path_) -> Path_:
    """Where a place of the merged knowledge base is written in the translation file."""
    if english_path[:2] == ("site", "crisis_lines"):
        return ("crisis_lines", *english_path[2:])
    for collection, own in (("references", "references"), ("topics", "own_topics")):
        if english_path[:1] == (collection,) and len(english_path) >= 2 and isinstance(english_path[1], int) \
                and english_path[1] >= len(getattr(kb, collection)):
            return (own, english_path[1] - len(getattr(kb, collection)), *english_path[2:])
    if len(english_path) >= 2 and english_path[0] in COLLECTIONS and isinstance(english_path[1], int):
        collection, index = english_path[0], english_path[1]
        key = COLLECTIONS[collection]
        items = getattr(kb, collection)
        if key is not None and index < len(items):
            return (collection, getattr(items[index], key), *english_path[2:])
    return english_path


def mark_current(kb: KnowledgeBase, data: dict[str, Any], marks: dict[str, str],
                 which: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """Record the English that each chosen translation now translates; return the new marks and what was marked.

    Each of `which` is 'all', an entry ('faqs.chances' or just 'chances', a glossary term, 'site', 'changes[0]')
    or one text ('faqs.chances.answer').
    """
    wanted = list(which)
    updated = dict(marks)
    marked = []
    for text in texts(kb):
        name = dotted(text.path)
        entry = "site" if text.path[0] == "site" else dotted(text.path[:2])
        chosen = any(w == "all" or name == w or name.startswith(w + ".") or name.startswith(w + "[")
                     or (len(text.path) > 1 and str(text.path[1]) == w) for w in wanted)
        if chosen and _get(data, text.path) not in (_MISSING, None):
            updated[name] = _as_text(text.english)
            if entry not in marked:
                marked.append(entry)
    known = {dotted(text.path) for text in texts(kb)}  # marks of texts the English no longer has are dropped
    return {k: v for k, v in sorted(updated.items()) if k in known}, marked


_MARKS_ABOUT = ("Which English text each translation translates, as it was when marked current. Written by "
                "`python build.py translations --mark-current ID`; do not edit by hand.")


def read_marks(path: Path) -> tuple[dict[str, str], list[Problem]]:
    """The marks file (a missing one is empty: every translation is then 'not marked current')."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, ValueError) as exc:
        return {}, [Problem(Location(f"data/{path.name}"), f"cannot be read: {exc}; run `python build.py "
                                                          "translations --mark-current all` to write it afresh")]
    english = data.get("english") if isinstance(data, dict) else None
    if not isinstance(english, dict):
        return {}, [Problem(Location(f"data/{path.name}", 1, 1), "expected {\"about\": ..., \"english\": "
                                                                "{path: text}}; run `python build.py translations "
                                                                "--mark-current all` to write it afresh")]
    return {str(k): str(v) for k, v in english.items()}, []


def write_marks(path: Path, marks: dict[str, str]) -> None:
    """Write the marks file: one text per line, sorted, so a change reads well in a diff."""
    text = json.dumps({"about": _MARKS_ABOUT, "english": dict(sorted(marks.items()))}, ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
