"""The two things build.py does: `check` (everything but the HTML) and `build` (check, then the site)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from typing import TYPE_CHECKING

from .errors import CheckError, LoadError, Problem
from .site import SiteBuild, WriteResult, build_lock, write_pages

# pydantic, Jinja and textstat take a quarter of a second to import. They are imported inside the
# step that needs them, so `build` starts MkDocs' worker first and the two start-ups overlap.
if TYPE_CHECKING:
    from .checks import PageStatus
    from .coverage import CoverageReport
    from .load import SourceMap
    from .model import KnowledgeBase, QuestionOutline, SourceOutline

__all__ = ["Paths", "Prepared", "CheckResult", "prepare", "verify", "check", "build", "generate"]


@dataclass(frozen=True)
class Paths:
    """Where the project's inputs and outputs live."""

    root: Path
    faq: Path
    source: Path
    questions: Path
    templates: Path
    docs: Path
    config: Path
    site: Path

    @classmethod
    def at(cls, root: Path) -> "Paths":
        """The standard layout under `root`."""
        return cls(root, root / "data/faq.yaml", root / "data/source.yaml", root / "data/questions.yaml",
                   root / "templates",
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


@dataclass(frozen=True)
class Prepared:
    """Both files loaded and every page rendered in memory: what the checks and MkDocs need."""

    kb: KnowledgeBase
    kb_map: SourceMap
    outline: SourceOutline
    outline_map: SourceMap
    questions: QuestionOutline
    questions_map: SourceMap
    pages: dict[PurePosixPath, str]
    timings: dict[str, float]


def prepare(paths: Paths) -> Prepared:
    """Load both YAML files and render every page; raise LoadError/RenderError on bad input."""
    from .load import load_kb, load_outline, load_questions
    from .render import render_pages

    started = time.perf_counter()
    # 1. load both files, collecting the problems of each before failing
    problems: list[Problem] = []
    loaded = {}
    for name, loader, path in (("kb", load_kb, paths.faq), ("outline", load_outline, paths.source),
                               ("questions", load_questions, paths.questions)):
        try:
            loaded[name] = loader(path)
        except LoadError as exc:
            problems += exc.problems
    if problems:
        raise LoadError(problems)
    (kb, kb_map), (outline, outline_map) = loaded["kb"], loaded["outline"]
    questions, questions_map = loaded["questions"]
    loaded_at = time.perf_counter()
    # 2. render every page in memory (template errors name the template and line)
    pages = render_pages(kb, paths.templates)
    timings = {"load": loaded_at - started, "render": time.perf_counter() - loaded_at}
    return Prepared(kb, kb_map, outline, outline_map, questions, questions_map, pages, timings)


def verify(prepared: Prepared, today: dt.date | None = None) -> CheckResult:
    """Coverage, citations, ids, review dates, reading grade and glossary, on prepared pages."""
    from .checks import page_statuses, run_checks
    from .coverage import compute_coverage

    started = time.perf_counter()
    today = today or dt.date.today()
    kb = prepared.kb
    coverage = compute_coverage(prepared.outline, kb, prepared.questions)
    problems = run_checks(kb, prepared.kb_map, coverage, prepared.outline_map, prepared.questions_map,
                          prepared.pages, today)
    statuses = page_statuses(kb, prepared.pages, today)
    timings = {**prepared.timings, "check": time.perf_counter() - started}
    return CheckResult(kb, coverage, problems, prepared.pages, statuses, timings)


def check(paths: Paths, today: dt.date | None = None) -> CheckResult:
    """Load, render in memory and run every check; writes nothing."""
    return verify(prepare(paths), today)


def generate(paths: Paths, today: dt.date | None = None) -> tuple[CheckResult, WriteResult]:
    """Check, then write the generated pages into docs/ (only what changed). No MkDocs."""
    result = check(paths, today)
    if result.errors:
        raise CheckError(result.problems)
    return result, write_pages(result.pages, paths.docs)


def build(paths: Paths, today: dt.date | None = None) -> tuple[CheckResult, WriteResult]:
    """Check, build site/ with MkDocs and write docs/; nothing changes unless every step succeeds."""
    with build_lock(paths.root), SiteBuild(paths.config, paths.site) as site:
        # 1. load and render while the MkDocs worker starts up in parallel
        prepared = prepare(paths)
        # 2. MkDocs builds a staged copy of the pages while the checks run (two cores, one wait);
        #    builds are reproducible: SOURCE_DATE_EPOCH defaults to the newest review date
        site.start(prepared.pages, paths.docs, _epoch(max(p.last_reviewed for p in prepared.kb.pages)))
        result = verify(prepared, today)
        if result.errors:
            raise CheckError(result.problems)
        # 3. publish: the new site replaces site/ in one step, then docs/ gets the changed pages
        site.finish()
        written = write_pages(result.pages, paths.docs)
    return result, written


def _epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))

