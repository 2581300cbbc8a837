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
from .checks import PageStatus, page_statuses, run_checks, run_edition_checks
from .coverage import CoverageReport, compute_coverage
from .errors import CheckError, DataPath, LoadError, Location, Problem, SiteError
from .load import SourceMap, load_kb, load_outline, load_questions
from .model import KnowledgeBase, QuestionOutline, SourceOutline
from .pages import ORIGINAL_LANGUAGE, edition_folder
from .readability import SCALES
from .release import publisher_problems, release_problems
from .render import nav, render_pages
from .safe_yaml import read_yaml
from .site import Stage, WriteResult, build_lock, write_pages
from .source_map import locate_problems
from .translation import (
    LANGUAGES,
    Translation,
    TranslationCoverage,
    dotted,
    mark_current,
    read_marks,
    spanish_path,
    translate,
    write_marks,
)
from .words import Words, check_words, template_phrases

__all__ = ["Paths", "Prepared", "Edition", "CheckResult", "prepare", "verify", "check", "build", "generate",
           "stage_editions", "mark_translations"]


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

    def translation(self, language: str) -> Path:
        """A translated edition's text: data/es.yaml. Without the file, there is no such edition."""
        return self.faq.with_name(f"{language}.yaml")

    def marks(self, language: str) -> Path:
        """Which English each translation translates: data/es.from.json."""
        return self.faq.with_name(f"{language}.from.json")

    def languages(self) -> tuple[str, ...]:
        """Every edition to build: English, and each language whose translation file exists."""
        return (ORIGINAL_LANGUAGE, *(lang for lang in LANGUAGES
                                     if lang != ORIGINAL_LANGUAGE and self.translation(lang).is_file()))


@dataclass(frozen=True)
class Edition:
    """A translated edition: its knowledge base and words, where its file is, and its pages (edition paths)."""

    translation: Translation
    source_map: SourceMap
    words: Words
    pages: dict[PurePosixPath, str]

    @property
    def language(self) -> str:
        return self.translation.language


@dataclass(frozen=True)
class CheckResult:
    """What `check` found: the data, its coverage, every problem, and each page's status (every edition).

    `pages` holds every edition's files by their docs/ path (a translated edition under es/, say).
    """

    kb: KnowledgeBase
    coverage: CoverageReport
    problems: list[Problem]
    pages: dict[PurePosixPath, str]
    statuses: list[PageStatus]
    timings: dict[str, float] = field(default_factory=dict)
    editions: tuple[Edition, ...] = ()
    translations: tuple[TranslationCoverage, ...] = ()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


@dataclass(frozen=True)
class Prepared:
    """Every file loaded and every page of every edition rendered in memory: what the checks and engines need."""

    kb: KnowledgeBase
    kb_map: SourceMap
    outline: SourceOutline
    outline_map: SourceMap
    questions: QuestionOutline
    questions_map: SourceMap
    pages: dict[PurePosixPath, str]
    timings: dict[str, float]
    editions: tuple[Edition, ...] = ()
    phrases: dict[str, Location] = field(default_factory=dict)


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
    languages = paths.languages()
    translated = [_translate(kb, paths, language) for language in languages[1:]]
    loaded_at = time.perf_counter()
    # 2. render every page of every edition in memory (template errors name the template and line)
    pages = render_pages(kb, paths.templates, languages=languages)
    editions = []
    for translation, source_map in translated:
        words = Words(translation.language, translation.words)
        own = render_pages(translation.kb, paths.templates, words, languages)
        editions.append(Edition(translation, source_map, words, own))
        pages |= {PurePosixPath(edition_folder(translation.language)) / path: text for path, text in own.items()}
    phrases = template_phrases(paths.templates) if editions else {}
    timings = {"load": loaded_at - started, "render": time.perf_counter() - loaded_at}
    return Prepared(kb, kb_map, outline, outline_map, questions, questions_map, pages, timings, tuple(editions),
                    phrases)


def _translate(kb: KnowledgeBase, paths: Paths, language: str) -> tuple[Translation, SourceMap]:
    """A translation file laid over the English; raise LoadError if it cannot be read at all."""
    data, source_map = read_yaml(paths.translation(language))
    if not isinstance(data, dict):
        raise LoadError([Problem(Location(source_map.file, 1, 1), "expected the translation's keys (site, pages, "
                                 "faqs, …, crisis_lines, references, words); see the editor's guide")])
    marks, problems = read_marks(paths.marks(language))
    if problems:
        raise LoadError(problems)
    return translate(kb, data, marks, language), source_map


def verify(prepared: Prepared, today: dt.date | None = None, release_config: Path | None = None) -> CheckResult:
    """Coverage, citations, ids, review dates, reading grade and glossary, on prepared pages.

    With `release_config` (mkdocs.yml), also refuse the placeholders a published site must not carry.
    """
    started = time.perf_counter()
    today = today or dt.date.today()
    kb = prepared.kb
    coverage = compute_coverage(prepared.outline, kb, prepared.questions)
    english = english_pages(prepared)
    found = run_checks(kb, coverage, english, today)
    statuses = page_statuses(kb, english, today)
    maps = {"faq": prepared.kb_map, "source": prepared.outline_map, "questions": prepared.questions_map}
    for edition in prepared.editions:  # completeness, staleness, readability in its language, its words
        language, translation = edition.language, edition.translation
        maps[language] = edition.source_map
        found += translation.problems
        found += check_words(edition.words, prepared.phrases, language)
        found += [_in_translation(p, kb, language) for p in
                  run_edition_checks(translation.kb, edition.pages, SCALES[language], len(kb.references))]
        statuses += page_statuses(translation.kb, edition.pages, today, SCALES[language])
    if release_config is not None:
        found += _release_problems(kb, release_config)
        found += [_in_translation(p, kb, e.language) for e in prepared.editions
                  for p in publisher_problems(e.translation.kb)]
    problems = locate_problems(found, maps)  # -> file:line:col
    timings = {**prepared.timings, "check": time.perf_counter() - started}
    return CheckResult(kb, coverage, problems, prepared.pages, statuses, timings, prepared.editions,
                       tuple(e.translation.coverage for e in prepared.editions))


def english_pages(result: CheckResult | Prepared) -> dict[PurePosixPath, str]:
    """The English edition's pages: every page but those under a translation's folder (es/)."""
    folders = {edition.language for edition in result.editions}
    return {path: text for path, text in result.pages.items()
            if not (len(path.parts) > 1 and path.parts[0] in folders)}


def _in_translation(problem: Problem, kb: KnowledgeBase, language: str) -> Problem:
    """A problem the checks found in a translated knowledge base, placed in its translation file."""
    where = problem.location
    if not isinstance(where, DataPath) or where.file != "faq":
        return problem
    place = spanish_path(kb, where.path)
    english, translated = dotted(where.path), dotted(place)
    message = problem.message
    if english and message.startswith(english):
        message = translated + message[len(english):]
    return Problem(DataPath(language, place, where.key), message, problem.severity)


def _release_problems(kb: KnowledgeBase, config: Path) -> list[Problem]:
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(Location(config.name), f"cannot be read: {exc}")]
    return release_problems(kb, text, config.name)


def check(paths: Paths, today: dt.date | None = None, release: bool = False) -> CheckResult:
    """Load, render in memory and run every check (with `release`, the release checks too); writes nothing."""
    return verify(prepare(paths), today, paths.config if release else None)


def stage_editions(stage: Stage, result: CheckResult | Prepared, docs: Path) -> list[Path]:
    """Stage every edition (English, then each translation into its folder); the configuration of each, in
    build order. (bench/run.py stages with it too, to time the engine alone on the very same pages.)"""
    configs = [stage.prepare(english_pages(result), docs, nav(result.kb))]
    configs += [stage.prepare(e.pages, docs, nav(e.translation.kb), e.language, e.translation.kb.site.title)
                for e in result.editions]
    return configs


def mark_translations(paths: Paths, language: str, which: list[str]) -> list[str]:
    """Record that the chosen translations match today's English; return the entries marked."""
    kb, _ = load_kb(paths.faq)
    data, _ = read_yaml(paths.translation(language))
    marks, _ = read_marks(paths.marks(language))  # an unreadable file is written afresh
    updated, marked = mark_current(kb, data if isinstance(data, dict) else {}, marks, which)
    if marked:
        write_marks(paths.marks(language), updated)
    return marked


def generate(paths: Paths, today: dt.date | None = None) -> tuple[CheckResult, WriteResult]:
    """Check, then write the generated pages into docs/ (only what changed). No MkDocs."""
    result = check(paths, today)
    if result.errors:
        raise CheckError(result.problems)
    return result, write_pages(result.pages, paths.docs)


def build(paths: Paths, today: dt.date | None = None, engine: str | None = None,
          release: bool = False, strict: bool = False) -> tuple[CheckResult, WriteResult]:
    """Check, build site/ with an engine and write docs/; nothing changes unless every step succeeds.

    A `release` build also refuses placeholders (an example.org site_url or contact, say); a `strict` one
    stops on warnings too (a translation out of date, say).
    """
    with build_lock(paths.root), Stage(paths.config, paths.site) as stage:
        # 1. load, render and check every edition (a release: no placeholders either); any error stops here
        result = check(paths, today, release)
        if result.errors or (strict and result.problems):
            raise CheckError(result.problems)
        # 2. stage each edition's pages beside the hand-written files of docs/, with its navigation from the data
        configs = stage_editions(stage, result, paths.docs)
        # 3. the engine builds each edition into the stage (a translation into its folder); reproducible,
        #    dated by the newest review
        with _source_date_epoch(max(p.last_reviewed for p in result.kb.pages)):
            for config in configs:
                try:
                    engines.engine(engines.chosen(engine)).build(config)
                except engines.EngineError as exc:
                    raise SiteError([Problem(Location(paths.config.name), f"{engines.chosen(engine)} build "
                                             f"failed: {exc}")]) from None
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
