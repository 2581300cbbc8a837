"""The two things build.py does: `check` (everything but the HTML) and `build` (check, then the site)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .checks import PageStatus, page_statuses, run_checks
from .coverage import CoverageReport, compute_coverage
from .errors import CheckError, LoadError, Problem
from .load import load_kb, load_outline
from .model import KnowledgeBase
from .render import render_pages
from .site import WriteResult, build_lock, build_site, write_pages

__all__ = ["Paths", "CheckResult", "check", "build", "generate"]


@dataclass(frozen=True)
class Paths:
    """Where the project's inputs and outputs live."""

    root: Path
    faq: Path
    source: Path
    templates: Path
    docs: Path
    config: Path
    site: Path

    @classmethod
    def at(cls, root: Path) -> "Paths":
        """The standard layout under `root`."""
        return cls(root, root / "data/faq.yaml", root / "data/source.yaml", root / "templates",
                   root / "docs", root / "mkdocs.yml", root / "site")


@dataclass(frozen=True)
class CheckResult:
    """What `check` found: the data, its coverage, every problem, and each page's status."""

    kb: KnowledgeBase
    coverage: CoverageReport
    problems: list[Problem]
    pages: dict[PurePosixPath, str]
    statuses: list[PageStatus]
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def check(paths: Paths, today: dt.date | None = None) -> CheckResult:
    """Load both YAML files, render in memory, and run every check; raise LoadError/RenderError on bad input."""
    today = today or dt.date.today()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    # 1. load both files, collecting the problems of each before failing
    problems: list[Problem] = []
    loaded = {}
    for name, loader, path in (("kb", load_kb, paths.faq), ("outline", load_outline, paths.source)):
        try:
            loaded[name] = loader(path)
        except LoadError as exc:
            problems += exc.problems
    if problems:
        raise LoadError(problems)
    (kb, kb_map), (outline, outline_map) = loaded["kb"], loaded["outline"]
    timings["load"] = time.perf_counter() - started
    # 2. render every page in memory (template errors name the template and line)
    pages = render_pages(kb, paths.templates)
    timings["render"] = time.perf_counter() - started - timings["load"]
    # 3. cross-entry checks, coverage and readability
    coverage = compute_coverage(outline, kb)
    problems = run_checks(kb, kb_map, coverage, outline_map, pages, today)
    statuses = page_statuses(kb, pages, today)
    timings["check"] = time.perf_counter() - started - timings["load"] - timings["render"]
    return CheckResult(kb, coverage, problems, pages, statuses, timings)


def generate(paths: Paths, today: dt.date | None = None) -> tuple[CheckResult, WriteResult]:
    """Check, then write the generated pages into docs/ (only what changed). No MkDocs."""
    result = check(paths, today)
    if result.errors:
        raise CheckError(result.problems)
    return result, write_pages(result.pages, paths.docs)


def build(paths: Paths, today: dt.date | None = None) -> tuple[CheckResult, WriteResult]:
    """Check, write docs/, and build site/ with MkDocs; site/ changes only if every step succeeds."""
    with build_lock(paths.root):
        result, written = generate(paths, today)
        # builds are reproducible: the same inputs give the same bytes (sitemap dates included)
        with _source_date_epoch(max(p.last_reviewed for p in result.kb.pages)):
            build_site(paths.config, paths.site)
    return result, written


@contextlib.contextmanager
def _source_date_epoch(day: dt.date) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH to the last review date unless the caller set it."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = _epoch(day)
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def _epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))

