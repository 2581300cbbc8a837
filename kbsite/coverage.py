"""Which parts of the source article the knowledge base covers, and which it misses.

Pure: `compute_coverage(outline, kb)` returns a value; the `as_*` functions format it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .model import KnowledgeBase, Point, QuestionOutline, SourceOutline
from .pages import CITED_COLLECTIONS, page_of_entry
from .translation import TranslationCoverage

__all__ = ["Entry", "PointCoverage", "SectionCoverage", "CoverageReport", "cited_entries",
           "compute_coverage", "as_text", "as_json", "as_markdown"]


@dataclass(frozen=True)
class Entry:
    """A knowledge-base entry that cites sources and covers parts of the article."""

    collection: str
    index: int
    id: str
    page: str
    sources: tuple[str, ...]
    covers: tuple[str, ...]

    @property
    def path(self) -> tuple[str | int, ...]:
        return (self.collection, self.index)

    @property
    def label(self) -> str:
        return f"{self.collection}:{self.id}"


@dataclass(frozen=True)
class PointCoverage:
    id: str
    text: str
    excluded: str | None
    entries: tuple[Entry, ...]

    @property
    def covered(self) -> bool:
        return bool(self.entries) or self.excluded is not None


@dataclass(frozen=True)
class SectionCoverage:
    id: str
    heading: str
    entries: tuple[Entry, ...]
    points: tuple[PointCoverage, ...]

    @property
    def covered(self) -> bool:
        return bool(self.entries) or any(p.entries for p in self.points)


@dataclass(frozen=True)
class CoverageReport:
    """Coverage of every section and point, plus `covers` ids that match nothing."""

    sections: tuple[SectionCoverage, ...]
    excluded: tuple[tuple[str, str], ...]
    unknown: tuple[tuple[Entry, int, str], ...] = field(default=())
    questions: tuple[SectionCoverage, ...] = field(default=())
    """The reader questions of data/questions.yaml, covered the same way (heading = the question)."""

    @property
    def missing_sections(self) -> list[SectionCoverage]:
        return [s for s in self.sections if not s.covered]

    @property
    def missing_points(self) -> list[tuple[SectionCoverage, PointCoverage]]:
        return [(s, p) for s in self.sections for p in s.points if not p.covered]

    @property
    def missing_questions(self) -> list[SectionCoverage]:
        return [q for q in self.questions if not q.covered]

    @property
    def missing_question_points(self) -> list[tuple[SectionCoverage, PointCoverage]]:
        return [(q, p) for q in self.questions for p in q.points if not p.covered]

    @property
    def counted_points(self) -> list[PointCoverage]:
        return [p for s in self.sections for p in s.points if p.excluded is None]

    @property
    def known_ids(self) -> list[str]:
        """Every id an entry may cover: sections, questions and their points."""
        return [item for s in (*self.sections, *self.questions) for item in (s.id, *(p.id for p in s.points))]

    @property
    def complete(self) -> bool:
        return not (self.missing_sections or self.missing_points or self.missing_questions
                    or self.missing_question_points or self.unknown)

    def summary(self) -> str:
        """Two lines: sections and points of the article covered, then reader questions and their points."""
        sections = len(self.sections) - len(self.missing_sections)
        points = self.counted_points
        covered = sum(1 for p in points if p.entries)
        excluded = sum(1 for s in self.sections for p in s.points if p.excluded is not None)
        q_points = [p for q in self.questions for p in q.points]
        answered = len(self.questions) - len(self.missing_questions)
        return (f"coverage: {sections}/{len(self.sections)} sections, {covered}/{len(points)} points covered"
                f" ({_count(excluded, 'point')} and {_count(len(self.excluded), 'part')} excluded on purpose)\n"
                f"reader questions: {answered}/{len(self.questions)} answered, "
                f"{sum(1 for p in q_points if p.entries)}/{len(q_points)} points covered")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def cited_entries(kb: KnowledgeBase) -> Iterator[Entry]:
    """Every entry that has `sources` and `covers`, with where it lives and the page it is on."""
    for collection in CITED_COLLECTIONS:
        for index, item in enumerate(getattr(kb, collection)):
            yield Entry(collection, index, item.id, page_of_entry(collection, item),
                        tuple(item.sources), tuple(item.covers))


def compute_coverage(outline: SourceOutline, kb: KnowledgeBase,
                     questions: QuestionOutline | None = None) -> CoverageReport:
    """Map every section and point of the outline, and every reader question, to the entries that cover it."""
    by_id: dict[str, list[Entry]] = {}
    asked = questions.questions if questions else []
    known = ({s.id for s in (*outline.sections, *asked)}
             | {f"{s.id}.{p.id}" for s in (*outline.sections, *asked) for p in s.points})
    unknown = []
    for entry in cited_entries(kb):
        for position, target in enumerate(entry.covers):
            if target in known:
                by_id.setdefault(target, []).append(entry)
            else:
                unknown.append((entry, position, target))
    sections = tuple(_covered(s.id, s.heading, s.points, by_id) for s in outline.sections)
    answered = tuple(_covered(q.id, q.question, q.points, by_id) for q in asked)
    return CoverageReport(sections, tuple((e.heading, e.reason) for e in outline.excluded), tuple(unknown),
                          answered)


def _covered(item_id: str, heading: str, points: Iterable[Point], by_id: dict[str, list[Entry]]) -> SectionCoverage:
    """One section (or question) with its points and the entries naming each."""
    return SectionCoverage(
        id=item_id, heading=heading, entries=tuple(by_id.get(item_id, ())),
        points=tuple(PointCoverage(f"{item_id}.{p.id}", p.text, p.excluded, tuple(by_id.get(f"{item_id}.{p.id}", ())))
                     for p in points))


def as_text(report: CoverageReport, translations: Sequence[TranslationCoverage] = ()) -> str:
    """Every section and reader question, each point under it, and the entries covering each; then the summary,
    and a line per translated edition."""
    lines: list[str] = []
    for title, items in (("Source article", report.sections), ("Reader questions", report.questions)):
        if not items:
            continue
        lines.append(f"{title}:")
        for item in items:
            lines.append(f"  {item.id}: {item.heading}  [{_entries_text(item.entries, item.covered)}]")
            for point in item.points:
                state = f"excluded: {point.excluded}" if point.excluded else _entries_text(point.entries, point.covered)
                lines.append(f"    {point.id}: {point.text}  [{state}]")
    for entry, _, target in report.unknown:
        lines.append(f"unknown: {entry.label} covers '{target}', which is in neither outline")
    lines.append(report.summary())
    lines += [translation.summary() for translation in translations]
    return "\n".join(lines)


def _entries_text(entries: tuple[Entry, ...], covered: bool) -> str:
    if entries:
        return ", ".join(e.label for e in entries)
    return "through its points" if covered else "MISSING"


def as_json(report: CoverageReport, translations: Sequence[TranslationCoverage] = ()) -> str:
    """The full mapping section -> points -> entries -> pages (and the same for reader questions), as JSON,
    with each translated edition's coverage (what is missing, what is out of date)."""
    def entries(items: tuple[Entry, ...]) -> list[dict[str, str]]:
        return [{"entry": e.label, "page": e.page} for e in items]

    def outline(items: tuple[SectionCoverage, ...], key: str) -> list[dict[str, object]]:
        return [
            {"id": s.id, key: s.heading, "covered": s.covered, "entries": entries(s.entries),
             "pages": sorted({e.page for e in s.entries} | {e.page for p in s.points for e in p.entries}),
             "points": [{"id": p.id, "text": p.text, "covered": p.covered, "excluded": p.excluded,
                         "entries": entries(p.entries), "pages": sorted({e.page for e in p.entries})}
                        for p in s.points]}
            for s in items]

    data = {
        "summary": report.summary(),
        "complete": report.complete,
        "sections": outline(report.sections, "heading"),
        "questions": outline(report.questions, "question"),
        "excluded": [{"heading": h, "reason": r} for h, r in report.excluded],
        "unknown_covers": [{"entry": e.label, "covers": t} for e, _, t in report.unknown],
        "translations": {translation.language: {"summary": translation.summary(), **translation.as_dict()}
                         for translation in translations},
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def as_markdown(report: CoverageReport, translations: Sequence[TranslationCoverage] = ()) -> str:
    """Tables of sections and reader questions with the pages that cover them, for a PR comment."""
    lines = ["| Section of the article | Covered on |", "|---|---|"]
    for s in report.sections:
        lines.append(f"| {s.heading} | {', '.join(_pages(s)) or '**missing**'} |")
    if report.questions:
        lines += ["", "| Reader question | Answered on |", "|---|---|"]
        for q in report.questions:
            lines.append(f"| {q.heading} | {', '.join(_pages(q)) or '**missing**'} |")
    if translations:
        lines += ["", *(f"- {translation.summary()}" for translation in translations)]
    return "\n".join(lines)


def _pages(item: SectionCoverage) -> list[str]:
    return sorted({e.page for e in item.entries} | {e.page for p in item.points for e in p.entries})
