"""Which parts of the source article the knowledge base covers, and which it misses.

Pure: `compute_coverage(outline, kb)` returns a value; the `as_*` functions format it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from .model import KnowledgeBase, SourceOutline
from .pages import page_of_entry

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

    @property
    def missing_sections(self) -> list[SectionCoverage]:
        return [s for s in self.sections if not s.covered]

    @property
    def missing_points(self) -> list[tuple[SectionCoverage, PointCoverage]]:
        return [(s, p) for s in self.sections for p in s.points if not p.covered]

    @property
    def counted_points(self) -> list[PointCoverage]:
        return [p for s in self.sections for p in s.points if p.excluded is None]

    @property
    def complete(self) -> bool:
        return not self.missing_sections and not self.missing_points and not self.unknown

    def summary(self) -> str:
        """One line: sections and points covered of total."""
        sections = len(self.sections) - len(self.missing_sections)
        points = self.counted_points
        covered = sum(1 for p in points if p.entries)
        excluded = sum(1 for s in self.sections for p in s.points if p.excluded is not None)
        return (f"coverage: {sections}/{len(self.sections)} sections, {covered}/{len(points)} points covered"
                f" ({excluded} points and {len(self.excluded)} parts excluded on purpose)")


def cited_entries(kb: KnowledgeBase) -> Iterator[Entry]:
    """Every entry that has `sources` and `covers`, with where it lives and the page it is on."""
    for collection in ("topics", "conditions", "treatment", "side_effects", "not_suitable_for", "faqs", "corrections"):
        for index, item in enumerate(getattr(kb, collection)):
            yield Entry(collection, index, item.id, page_of_entry(collection, item),
                        tuple(item.sources), tuple(item.covers))


def compute_coverage(outline: SourceOutline, kb: KnowledgeBase) -> CoverageReport:
    """Map every section and point of the outline to the entries that cover it."""
    by_id: dict[str, list[Entry]] = {}
    known = {s.id for s in outline.sections} | {f"{s.id}.{p.id}" for s in outline.sections for p in s.points}
    unknown = []
    for entry in cited_entries(kb):
        for position, target in enumerate(entry.covers):
            if target in known:
                by_id.setdefault(target, []).append(entry)
            else:
                unknown.append((entry, position, target))
    sections = tuple(
        SectionCoverage(
            id=s.id, heading=s.heading, entries=tuple(by_id.get(s.id, ())),
            points=tuple(PointCoverage(f"{s.id}.{p.id}", p.text, p.excluded, tuple(by_id.get(f"{s.id}.{p.id}", ())))
                         for p in s.points))
        for s in outline.sections)
    return CoverageReport(sections, tuple((e.heading, e.reason) for e in outline.excluded), tuple(unknown))


def as_text(report: CoverageReport) -> str:
    """The summary, then one line for each section or point no entry covers."""
    lines = [report.summary()]
    for section in report.missing_sections:
        lines.append(f"  missing section '{section.id}': {section.heading}")
    for section, point in report.missing_points:
        lines.append(f"  missing point '{point.id}' (section '{section.heading}'): {point.text}")
    return "\n".join(lines)


def as_json(report: CoverageReport) -> str:
    """The full mapping section -> points -> entries -> pages, as JSON."""
    def entries(items: tuple[Entry, ...]) -> list[dict[str, str]]:
        return [{"entry": e.label, "page": e.page} for e in items]

    data = {
        "summary": report.summary(),
        "complete": report.complete,
        "sections": [
            {"id": s.id, "heading": s.heading, "covered": s.covered, "entries": entries(s.entries),
             "pages": sorted({e.page for e in s.entries} | {e.page for p in s.points for e in p.entries}),
             "points": [{"id": p.id, "text": p.text, "covered": p.covered, "excluded": p.excluded,
                         "entries": entries(p.entries), "pages": sorted({e.page for e in p.entries})}
                        for p in s.points]}
            for s in report.sections],
        "excluded": [{"heading": h, "reason": r} for h, r in report.excluded],
        "unknown_covers": [{"entry": e.label, "covers": t} for e, _, t in report.unknown],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def as_markdown(report: CoverageReport) -> str:
    """A table of sections with the pages that cover them, for the About page or a PR comment."""
    lines = ["| Section of the article | Covered on |", "|---|---|"]
    for s in report.sections:
        pages = sorted({e.page for e in s.entries} | {e.page for p in s.points for e in p.entries})
        lines.append(f"| {s.heading} | {', '.join(pages) or '**missing**'} |")
    return "\n".join(lines)
