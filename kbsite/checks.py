"""Rules that span entries: ids, citations, coverage, review dates, readability, glossary.

Each check returns a list of Problems; none prints or exits.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from .coverage import CoverageReport, cited_entries
from .errors import DataPath, Problem, Severity
from .model import PAGE_IDS, KnowledgeBase, Option
from .pages import CITED_COLLECTIONS, PAGE_FILES, files_of_page, slug
from .readability import SCALES, Scale, prose, score, score_text
from .text import inline_text

__all__ = ["PageStatus", "ENTRY_PROSE", "ENTRY_GRADE_MIN_WORDS", "check_ids", "check_references", "check_coverage",
           "check_reviews", "check_changes", "check_valid_until", "check_pages", "check_entry_grades",
           "check_glossary", "page_statuses", "run_checks", "run_edition_checks", "cited_ids", "entry_prose"]

WARN = Severity.WARNING
VALID_UNTIL_WARNING_DAYS = 30
"""How many days before an entry's `valid_until` date `check` starts to warn."""

ENTRY_PROSE: dict[str, tuple[str, ...]] = {
    "topics": ("body",),
    "conditions": ("summary", "approval", "cautions"),
    "treatment": ("body",),
    "side_effects": ("detail", "how_long", "what_to_do"),
    "not_suitable_for": ("why",),
    "faqs": ("answer",),
    "corrections": ("truth",),
    "options": ("summary",),
    "also_ask_about": ("note",),
    "clinic_questions": ("why",),
}
"""The reader-facing prose of each kind of entry (headings aside), graded field by field; a list such as
`cautions` is graded as one text, each item a sentence of its own, as on the page. Each comparison cell's
text (`options[i].cells.<row>.text`) is graded too."""

ENTRY_GRADE_MIN_WORDS = 10
"""Prose of fewer words is not graded on its own: Flesch-Kincaid means nothing for a phrase ('Usually
short-lived.' grades 20.6). The page grade still counts it."""


@dataclass(frozen=True)
class PageStatus:
    """What `check` reports for each page: reading grade, citations and review status."""

    page: str
    file: str
    grade: float
    """The page's score on its language's scale (the Flesch-Kincaid grade in English)."""
    citations: int
    review: str
    language: str = "en"


def _faq(path: tuple[str | int, ...], key: bool = False) -> DataPath:
    return DataPath("faq", path, key)


def _source(path: tuple[str | int, ...]) -> DataPath:
    return DataPath("source", path)


def _questions(path: tuple[str | int, ...]) -> DataPath:
    return DataPath("questions", path)


def run_checks(kb: KnowledgeBase, coverage: CoverageReport, rendered: dict[PurePosixPath, str],
               today: dt.date) -> list[Problem]:
    """Every cross-entry rule, in one list; places are data paths, located by the caller."""
    return [
        *check_ids(kb),
        *check_references(kb),
        *check_coverage(coverage),
        *check_reviews(kb, today),
        *check_changes(kb, today),
        *check_valid_until(kb, today),
        *check_pages(kb, rendered),
        *check_entry_grades(kb),
        *check_glossary(kb, rendered),
    ]


def run_edition_checks(kb: KnowledgeBase, rendered: dict[PurePosixPath, str], scale: Scale,
                       english_references: int) -> list[Problem]:
    """The rules that depend on a translated edition's words: reading ease in its language, the glossary of its
    abbreviations, and its own crisis lines and references (those after the first `english_references`)."""
    problems = [*check_pages(kb, rendered, scale), *check_entry_grades(kb, scale), *check_glossary(kb, rendered)]
    known = {ref.id for ref in kb.references}
    cited = {ref_id for _, ref_id in cited_ids(kb)} | {line.source for line in kb.site.crisis_lines}
    for index, line in enumerate(kb.site.crisis_lines):
        if line.source not in known:
            problems.append(Problem(_faq(("site", "crisis_lines", index, "source")),
                                    f"crisis_lines[{index}].source: unknown reference '{line.source}'"
                                    f"{_closest(line.source, known)}"))
    for index, ref in enumerate(kb.references[english_references:], start=english_references):
        if ref.id not in cited:
            problems.append(Problem(_faq(("references", index, "id")),
                                    f"references: reference '{ref.id}' is never cited; cite it or remove it", WARN))
    return problems


def check_ids(kb: KnowledgeBase) -> list[Problem]:
    """Ids are unique within each list, each page appears once, and glossary terms are unique."""
    problems = []
    for collection in ("references", "pages", *CITED_COLLECTIONS):
        problems += _duplicates(collection, [item.id for item in getattr(kb, collection)], "id")
    problems += _duplicates("glossary", [term.term for term in kb.glossary], "term")
    first_asked: dict[str, int] = {}
    first_worded: dict[frozenset[str], int] = {}
    for index, faq in enumerate(kb.faqs):
        earlier = first_asked.setdefault(slug(faq.question), index)
        if earlier != index:
            problems.append(Problem(_faq(("faqs", index, "question")),
                                    f"faqs[{index}].question: the same question is asked in faqs[{earlier}] "
                                    f"('{kb.faqs[earlier].id}'); merge the two answers"))
            continue
        words = content_words(faq.question)
        earlier = first_worded.setdefault(words, index) if words else index
        if earlier != index:
            problems.append(Problem(_faq(("faqs", index, "question")),
                                    f"faqs[{index}].question: asks what faqs[{earlier}] ('{kb.faqs[earlier].id}') "
                                    f"asks, in the same words: '{kb.faqs[earlier].question}'; merge the two, "
                                    "or say what is different", WARN))
    present = {page.id for page in kb.pages}
    for page_id in PAGE_IDS:
        if page_id not in present:
            problems.append(Problem(_faq(("pages",), key=True),
                                    f"pages: page '{page_id}' is missing; add an entry with id: {page_id}"))
    return problems


_FUNCTION_WORDS = frozenset("""
    a an the and or but if so than then of to in on at for from by with about as into after before
    i me my myself you your yourself we our it its they them their he she his her this that these those
    is am are was were be been being do does did done have has had can could will would should shall may might
    must get got there here what which who whom when where why how any some all
""".split())


def content_words(question: str) -> frozenset[str]:
    """The words that carry a question's meaning: no function words, case, punctuation or plural -s."""
    words = slug(question).split("-")
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                     for w in words if w and w not in _FUNCTION_WORDS)


def _duplicates(collection: str, values: list[str], key: str) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for index, value in enumerate(values):
        if value in first:
            problems.append(Problem(_faq((collection, index, key)),
                                    f"{collection}[{index}].{key}: duplicate {key} '{value}' (also {collection}"
                                    f"[{first[value]}], line {{line}}); give each entry its own",
                                    related=_faq((collection, first[value], key))))
        else:
            first[value] = index
    return problems


def check_references(kb: KnowledgeBase) -> list[Problem]:
    """Every cited id exists; every reference is cited; links are https."""
    known = {ref.id for ref in kb.references}
    used: set[str] = set()
    problems = []
    for path, ref_id in cited_ids(kb):
        used.add(ref_id)
        if ref_id not in known:
            problems.append(Problem(_faq(path), f"{_dotted(path[:-1])}: unknown reference '{ref_id}'"
                                    f"{_closest(ref_id, known)}"))
    for index, line in enumerate(kb.site.crisis_lines):
        used.add(line.source)
        if line.source not in known:
            problems.append(Problem(_faq(("site", "crisis_lines", index, "source")),
                                    f"site.crisis_lines[{index}].source: unknown reference '{line.source}'"
                                    f"{_closest(line.source, known)}"))
    for index, ref in enumerate(kb.references):
        if ref.id not in used:
            problems.append(Problem(_faq(("references", index, "id")),
                                    f"references[{index}]: reference '{ref.id}' is never cited; cite it or remove it",
                                    WARN))
    for path, url in _urls(kb):
        if url.startswith("http://"):
            problems.append(Problem(_faq(path), f"{_dotted(path)}: link uses http://; use https:// "
                                    "so readers' connections stay private", WARN))
    return problems


def cited_ids(kb: KnowledgeBase) -> Iterable[tuple[tuple[str | int, ...], str]]:
    """Every reference id the knowledge base cites, with the data path of the place that cites it."""
    def cited(path: tuple[str | int, ...], item: Any) -> Iterable[tuple[tuple[str | int, ...], str]]:
        for position, ref_id in enumerate(item.sources):
            yield (*path, "sources", position), ref_id
        for number, count in enumerate(item.counts):
            for position, ref_id in enumerate(count.sources):
                yield (*path, "counts", number, "sources", position), ref_id

    for entry in cited_entries(kb):
        item = getattr(kb, entry.collection)[entry.index]
        if isinstance(item, Option):
            for row, cell in item.cells:
                yield from cited((*entry.path, "cells", row), cell)
        else:
            yield from cited(entry.path, item)


def _urls(kb: KnowledgeBase) -> Iterable[tuple[tuple[str | int, ...], str]]:
    for index, ref in enumerate(kb.references):
        if ref.url:
            yield ("references", index, "url"), ref.url
    for index, line in enumerate(kb.site.crisis_lines):
        if line.url:
            yield ("site", "crisis_lines", index, "url"), line.url
    for entry in cited_entries(kb):
        item = getattr(kb, entry.collection)[entry.index]
        for name, value in item:
            if isinstance(value, str) and "](http://" in value:  # the test first: most texts have no link
                for url in re.findall(r"\]\((http://[^)\s]+)", value):
                    yield (*entry.path, name), url


def _dotted(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _closest(value: str, known: set[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else "; add it under references or fix the id"


def check_coverage(coverage: CoverageReport) -> list[Problem]:
    """Every section, reader question and non-excluded point is covered; every `covers` id exists."""
    problems = []
    known = set(coverage.known_ids)
    for entry, position, target in coverage.unknown:
        close = difflib.get_close_matches(target, sorted(known), n=1)
        hint = (f"did you mean '{close[0]}'?" if close else
                "use an id from data/source.yaml or data/questions.yaml, such as 'section' or 'section.point'")
        problems.append(Problem(_faq((*entry.path, "covers", position)),
                                f"{entry.collection}[{entry.index}].covers: unknown section or point '{target}'; "
                                f"{hint}"))
    source_ids = {section.id for section in coverage.sections}
    for index, question in enumerate(coverage.questions):
        if question.id in source_ids:
            problems.append(Problem(_questions(("questions", index, "id")),
                                    f"questions[{index}].id: '{question.id}' is also a section of data/source.yaml; "
                                    "give the question its own id"))
    for kind, items, place, key in (("section", coverage.sections, _source, "sections"),
                                    ("question", coverage.questions, _questions, "questions")):
        for index, item in enumerate(items):
            if not item.covered:
                what = f"({item.heading}) is covered by no entry" if kind == "section" else \
                       f"({item.heading}) is answered by no entry"
                problems.append(Problem(place((key, index, "id")),
                                        f"{kind} '{item.id}' {what}; add '{item.id}' to the covers of an entry "
                                        "that explains it"))
            for p_index, point in enumerate(item.points):
                if not point.covered:
                    problems.append(Problem(place((key, index, "points", p_index, "id")),
                                            f"point '{point.id}' is covered by no entry: {point.text} "
                                            f"(add '{point.id}' to an entry's covers, or mark the point excluded "
                                            "with a reason)"))
    return problems


def check_valid_until(kb: KnowledgeBase, today: dt.date) -> list[Problem]:
    """A fact past its `valid_until` fails; one within 30 days of it warns."""
    problems = []
    for entry in cited_entries(kb):
        until = getattr(kb, entry.collection)[entry.index].valid_until
        if until is None:
            continue
        where = _faq((*entry.path, "valid_until"))
        name = f"{entry.collection}[{entry.index}] '{entry.id}'"
        if until < today:
            problems.append(Problem(where, f"{name}: valid_until {until} has passed; check the fact against its "
                                    "sources, update it, then move valid_until on"))
        elif (until - today).days <= VALID_UNTIL_WARNING_DAYS:
            problems.append(Problem(where, f"{name}: fact due for re-check by {until} "
                                    f"({(until - today).days} days); check it against its sources", WARN))
    return problems


def check_reviews(kb: KnowledgeBase, today: dt.date) -> list[Problem]:
    """Page checks: overdue fails, due soon warns, and each page keeps to its review cycle."""
    problems = []
    window = dt.timedelta(days=kb.site.review_warning_days)
    for index, page in enumerate(kb.pages):
        name = f"pages[{index}] '{page.id}'"
        where = _faq(("pages", index, "next_review"))
        if page.next_review < today:
            problems.append(Problem(where, f"{name}: review was due on {page.next_review}; check the page against "
                                    "its sources, then move last_reviewed and next_review on and add a changes entry"))
        elif page.next_review - today <= window:
            days = (page.next_review - today).days
            problems.append(Problem(where, f"{name}: review due in {days} days ({page.next_review})", WARN))
        if page.last_reviewed > today:
            problems.append(Problem(_faq(("pages", index, "last_reviewed")),
                                    f"{name}: last_reviewed {page.last_reviewed} is in the future"))
        latest = add_months(page.last_reviewed, page.review_cycle_months)
        if page.next_review > latest:
            problems.append(Problem(where, f"{name}: next_review {page.next_review} is more than "
                                    f"{page.review_cycle_months} months after last_reviewed {page.last_reviewed}; "
                                    f"set it to {latest} or earlier (review_cycle_months: {page.review_cycle_months})"))
    return problems


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the last day of the month where it has fewer days)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))


def check_changes(kb: KnowledgeBase, today: dt.date) -> list[Problem]:
    """A page's last-checked date is recorded in `changes`; changes and clinical reviews are not in the future."""
    problems = []
    recorded = {(change.date, page) for change in kb.changes for page in change.pages}
    for index, page in enumerate(kb.pages):
        if (page.last_reviewed, page.id) not in recorded:
            problems.append(Problem(_faq(("pages", index, "last_reviewed")),
                                    f"pages[{index}] '{page.id}': last_reviewed {page.last_reviewed} has no changes "
                                    f"entry of that date naming '{page.id}'; add one under changes (date: "
                                    f"{page.last_reviewed}, pages: [{page.id}], what, why)"))
    for collection, items in (("changes", kb.changes), ("reviews", kb.reviews)):
        for index, item in enumerate(items):
            if item.date > today:
                problems.append(Problem(_faq((collection, index, "date")),
                                        f"{collection}[{index}].date: {item.date} is in the future; "
                                        "record it on the day it happens"))
    return problems


def check_pages(kb: KnowledgeBase, rendered: dict[PurePosixPath, str], scale: Scale = SCALES["en"]) -> list[Problem]:
    """Every page reads at least as easily as its language's limit (English: the site's maximum grade)."""
    problems = []
    limit = kb.site.max_grade if scale.page_limit is None else scale.page_limit
    for index, page in enumerate(kb.pages):
        # a split FAQ is graded file by file (one pass each), and reports its hardest file
        graded = [(score(rendered[file], scale.language), file) for file in files_of_page(page.id, rendered)
                  if file in rendered]
        if not graded:
            continue
        level, hardest = (min if scale.higher_is_easier else max)(graded, key=lambda pair: pair[0])
        where = f" ({hardest})" if len(graded) > 1 else ""
        if not scale.fails(level, limit):
            continue
        if scale.higher_is_easier:
            message = (f"page '{page.id}'{where} scores {scale.describe(level)} on the {scale.name}, below the "
                       f"limit of {scale.describe(limit)}; {scale.advice}")
        else:
            message = (f"page '{page.id}'{where} reads at grade {level}, above the limit of {limit}; "
                       f"{scale.advice}")
        problems.append(Problem(_faq(("pages", index, "id")), message))
    return problems


def check_entry_grades(kb: KnowledgeBase, scale: Scale = SCALES["en"]) -> list[Problem]:
    """Each entry's prose reads within its language's entry limit, so one hard entry cannot hide in an easy page."""
    problems = []
    limit = kb.site.max_entry_grade if scale.entry_limit is None else scale.entry_limit
    for path, value in entry_prose(kb):
        level = _entry_grade(value, scale.language)
        if level is None or not scale.fails(level, limit):
            continue
        if scale.higher_is_easier:
            message = (f"{_dotted(path)}: scores {scale.describe(level)} on the {scale.name}, below "
                       f"{scale.describe(limit)}; {scale.advice}")
        else:
            message = f"{_dotted(path)}: reading grade {level} is above {limit:g}; {scale.advice}"
        problems.append(Problem(_faq(path), message))
    return problems


def entry_prose(kb: KnowledgeBase) -> Iterable[tuple[tuple[str | int, ...], str]]:
    """Each field of reader-facing prose (ENTRY_PROSE, and every comparison cell's text) with its data path."""
    for collection, fields in ENTRY_PROSE.items():
        for index, item in enumerate(getattr(kb, collection)):
            for name in fields:
                value = getattr(item, name)
                yield (collection, index, name), "\n".join(f"- {line}" for line in value) if isinstance(value, list) else value
    for index, option in enumerate(kb.options):
        for row, cell in option.cells:
            if cell.text:
                yield ("options", index, "cells", row, "text"), cell.text


@functools.lru_cache(maxsize=4096)  # a large knowledge base repeats answers; each distinct text is graded once
def _entry_grade(markdown: str, language: str = "en") -> float | None:
    """The score of one field's prose, or None when it is too short to grade."""
    text = prose(markdown)
    return score_text(text, language) if len(text.split()) >= ENTRY_GRADE_MIN_WORDS else None


_ABBREVIATION = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)?\b")
"""A word of two or more capitals or digits, such as 'NMDA' or 'IV'; '(?<!\\w[A-Z])' is a word boundary before the
first capital, written after it so that the regex engine can skip straight to capitals (3 times faster)."""
_UNCHECKED = re.compile(r"<!-- prose-off -->.*?<!-- prose-on -->", re.S)
_IGNORED = {"US", "UK", "OK", "TV", "EE", "UU", "AYUDA"}  # EE. UU. is Spanish for the US; AYUDA a word to text
_ROMAN = re.compile(r"^[IVXLC]+$")  # 'Schedule III'; a real abbreviation such as IV is found in the glossary first


def check_glossary(kb: KnowledgeBase, rendered: dict[PurePosixPath, str]) -> list[Problem]:
    """Warn about an abbreviation in the pages that has no glossary entry."""
    terms = {term.term for term in kb.glossary}
    found: dict[str, str] = {}
    for path, text in rendered.items():
        if path.name == "references.md":
            continue
        end = text.find("\n---\n", 4) if text.startswith("---\n") else -1  # the front matter, without a regex
        body = inline_text(_UNCHECKED.sub("", text[end + 5:] if end >= 0 else text))
        for word in _ABBREVIATION.findall(body):
            if word not in terms and word not in _IGNORED and not _ROMAN.match(word):
                found.setdefault(word, path.name)
    return [Problem(_faq(("glossary",), key=True),
                    f"glossary: '{word}' is used (first on {page}) but has no glossary entry; add one", WARN)
            for word, page in sorted(found.items())]


_CITATION = re.compile(r"\]\(references\.md#ref-")
"""A citation link (one number, or a run such as '10–12')."""


def page_statuses(kb: KnowledgeBase, rendered: dict[PurePosixPath, str], today: dt.date,
                  scale: Scale = SCALES["en"]) -> list[PageStatus]:
    """One line of facts per page for the `check` report (the score on the edition's scale)."""
    statuses = []
    window = dt.timedelta(days=kb.site.review_warning_days)
    for page in kb.pages:
        path = PAGE_FILES[page.id]
        texts = [rendered.get(file, "") for file in files_of_page(page.id, rendered)]
        if page.next_review < today:
            review = f"OVERDUE since {page.next_review}"
        elif page.next_review - today <= window:
            review = f"due soon: {page.next_review}"
        else:
            review = f"ok until {page.next_review}"
        citations = sum(len(_CITATION.findall(text)) for text in texts)
        scores = [score(text, scale.language) for text in texts]
        statuses.append(PageStatus(page.id, path, min(scores) if scale.higher_is_easier else max(scores), citations,
                                   review, scale.language))
    return statuses
