"""The two things build.py does: `check` (everything but the HTML) and `build` (check, then the site)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import engines
from .checks import PageStatus, page_statuses, run_checks
from .coverage import CoverageReport, compute_coverage
from .errors import CheckError, LoadError, Location, Problem, SiteError
from .load import SourceMap, load_kb, load_outline, load_questions
from .model import KnowledgeBase, QuestionOutline, SourceOutline
from .release import release_problems
from .render import nav, render_pages
from .site import Stage, WriteResult, build_lock, write_pages
from .source_map import locate_problems

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


def verify(prepared: Prepared, today: dt.date | None = None, release_config: Path | None = None) -> CheckResult:
    """Coverage, citations, ids, review dates, reading grade and glossary, on prepared pages.

    With `release_config` (mkdocs.yml), also refuse the placeholders a published site must not carry.
    """
    started = time.perf_counter()
    today = today or dt.date.today()
    kb = prepared.kb
    coverage = compute_coverage(prepared.outline, kb, prepared.questions)
    found = run_checks(kb, coverage, prepared.pages, today)
    if release_config is not None:
        found += _release_problems(kb, release_config)
    problems = locate_problems(found, {"faq": prepared.kb_map, "source": prepared.outline_map,  # -> file:line:col
                                       "questions": prepared.questions_map})
    statuses = page_statuses(kb, prepared.pages, today)
    timings = {**prepared.timings, "check": time.perf_counter() - started}
    return CheckResult(kb, coverage, problems, prepared.pages, statuses, timings)


def _release_problems(kb: KnowledgeBase, config: Path) -> list[Problem]:
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(Location(config.name), f"cannot be read: {exc}")]
    return release_problems(kb, text, config.name)


def check(paths: Paths, today: dt.date | None = None, release: bool = False) -> CheckResult:
    """Load, render in memory and run every check (with `release`, the release checks too); writes nothing."""
    return verify(prepare(paths), today, paths.config if release else None)


def generate(paths: Paths, today: dt.date | None = None) -> tuple[CheckResult, WriteResult]:
    """Check, then write the generated pages into docs/ (only what changed). No MkDocs."""
    result = check(paths, today)
    if result.errors:
        raise CheckError(result.problems)
    return result, write_pages(result.pages, paths.docs)


def build(paths: Paths, today: dt.date | None = None, engine: str | None = None,
          release: bool = False) -> tuple[CheckResult, WriteResult]:
    """Check, build site/ with an engine and write docs/; nothing changes unless every step succeeds.

    A `release` build also refuses placeholders (an example.org site_url or contact, say).
    """
    with build_lock(paths.root), Stage(paths.config, paths.site) as stage:
        # 1. load, render and check (a release: no placeholders either); any error stops here
        result = check(paths, today, release)
        if result.errors:
            raise CheckError(result.problems)
        # 2. stage the pages, beside the hand-written files of docs/, with the navigation from the data
        config = stage.prepare(result.pages, paths.docs, nav(result.kb))
        # 3. the engine builds the staged pages into the stage; reproducible, dated by the newest review
        with _source_date_epoch(max(p.last_reviewed for p in result.kb.pages)):
            try:
                engines.engine(engines.chosen(engine)).build(config)
            except engines.EngineError as exc:
                raise SiteError([Problem(Location(paths.config.name), f"{engines.chosen(engine)} build failed: "
                                         f"{exc}")]) from None
        # 4. publish: the new site replaces site/, then docs/ gets the changed pages
        stage.publish(paths.site)
        written = write_pages(result.pages, paths.docs)
    return result, written


@contextlib.contextmanager
def _source_date_epoch(day: dt.date) -> Iterator[None]:
    """SOURCE_DATE_EPOCH for the engine (unless the caller set one), restored afterwards."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    epoch = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
