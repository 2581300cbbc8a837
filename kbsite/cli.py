"""The command line: parse arguments, call the pipeline, print problems, choose the exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from .coverage import as_json, as_markdown, as_text
from .engines import DEFAULT_ENGINE, ENGINE_VARIABLE, ENGINES
from .errors import KbError, Problem, summarize
from .pipeline import CheckResult, Paths, build, check, mark_translations
from .readability import SCALES
from .translation import ENGLISH_NAMES, LANGUAGES
from .schema import SCHEMA_FILE, schema_is_current, write_schema
from .serve import serve
from .site import clean

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """Build the ketamine infusion therapy site from data/faq.yaml and data/source.yaml.

Problems are listed one per line as file:line:col: message, then a summary line.
Exit codes: 0 ok, 1 a content problem, 2 wrong usage."""


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit code."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, on every run
    parser = _parser()
    args = parser.parse_args(argv)
    paths = Paths.at(Path(args.root).resolve())
    os.chdir(paths.root)  # messages name files relative to the project, as editors expect
    try:
        return args.run(args, paths)
    except KbError as exc:
        _print_problems(exc.problems)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("interrupted; site/ was left as it was", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `build.py check | head`
        sys.stderr.close()
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    parser.set_defaults(run=_build, today=None, engine=None, release=False, strict=False)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def today(p: argparse.ArgumentParser) -> None:
        p.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                       help="the date review deadlines are measured against (default: today)")

    def strict(p: argparse.ArgumentParser) -> None:
        p.add_argument("--strict", action="store_true",
                       help="fail on warnings too (a translation out of date, a review due soon)")

    def release(p: argparse.ArgumentParser) -> None:
        p.add_argument("--release", action="store_true",
                       help="for publishing: also refuse placeholders (an example.org site_url in mkdocs.yml, "
                            "an example or empty site.contact, TODO text in the publisher's details)")

    def engine(p: argparse.ArgumentParser) -> None:
        p.add_argument("--engine", choices=ENGINES, default=None,
                       help=f"what turns the pages into HTML (default: ${ENGINE_VARIABLE}, else {DEFAULT_ENGINE})")

    p = commands.add_parser("build", help="check, render docs/ and build site/ (the default)",
                            description="Load and check the data, build site/ with the engine, write docs/. "
                                        "site/ and docs/ change only when every step succeeds.")
    today(p)
    engine(p)
    release(p)
    strict(p)
    p.set_defaults(run=_build)
    p = commands.add_parser("check", help="everything but the HTML; exit 1 on any error",
                            description="Load, validate and check the data and the pages "
                                        "(coverage, citations, review dates, readability). Writes nothing.")
    today(p)
    release(p)
    strict(p)
    p.set_defaults(run=_check)
    p = commands.add_parser("serve", help="live preview that rebuilds when data/ or templates/ change",
                            description="Serve the site at http://127.0.0.1:8000 and regenerate pages "
                                        "whenever data/ or templates/ change.")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address and port (default 127.0.0.1:8000)")
    engine(p)
    p.set_defaults(run=_serve)
    p = commands.add_parser("coverage", help="which entries cover each part of the article and each reader question",
                            description="Print the coverage of the source article and of the reader questions: "
                                        "sections and questions, their points, and the entries covering each "
                                        "(json and markdown add the pages).")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.set_defaults(run=_coverage)
    p = commands.add_parser("translations", help="how complete and current each translation is; mark one current",
                            description="Print each translation's coverage. With --mark-current, record that the "
                                        "chosen translations match today's English (data/<language>.from.json), "
                                        "after you have brought them up to date.")
    p.add_argument("--language", default="es", choices=[lang for lang in LANGUAGES if lang != "en"])
    p.add_argument("--mark-current", nargs="+", metavar="ID", default=[],
                   help="an entry ('faqs.chances' or 'chances'), one text ('faqs.chances.answer'), 'site', "
                        "'changes[0]', or 'all'")
    p.set_defaults(run=_translations)
    p = commands.add_parser("clean", help="remove site/ and the generated pages in docs/",
                            description="Remove site/ and every page in docs/ that carries the GENERATED mark; "
                                        "hand-written files stay.")
    p.set_defaults(run=_clean)
    p = commands.add_parser("schema", help=f"write {SCHEMA_FILE} (JSON Schema for editors)",
                            description=f"Write the JSON Schema of data/faq.yaml to {SCHEMA_FILE}.")
    p.add_argument("--check", action="store_true", help="exit 1 if the file is out of date instead of writing")
    p.set_defaults(run=_schema)
    return parser


def _check(args: argparse.Namespace, paths: Paths) -> int:
    result = check(paths, args.today, args.release)
    _print_report(result)
    return EXIT_PROBLEMS if result.errors or (args.strict and result.problems) else EXIT_OK


def _build(args: argparse.Namespace, paths: Paths) -> int:
    result, written = build(paths, args.today, args.engine, args.release, args.strict)
    _print_problems(result.problems, quiet_ok=True)
    print(f"{len(written.written)} page(s) written, {len(written.removed)} removed in docs/; "
          f"site built in {paths.site.name}/")
    return EXIT_OK


def _serve(args: argparse.Namespace, paths: Paths) -> int:
    serve(paths, args.dev_addr, args.engine)
    return EXIT_OK


def _coverage(args: argparse.Namespace, paths: Paths) -> int:
    result = check(paths)
    formats = {"text": as_text, "json": as_json, "markdown": as_markdown}
    print(formats[args.format](result.coverage, result.translations))
    complete = result.coverage.complete and all(t.complete for t in result.translations)
    return EXIT_OK if complete else EXIT_PROBLEMS


def _translations(args: argparse.Namespace, paths: Paths) -> int:
    if not paths.translation(args.language).is_file():
        print(f"data/{args.language}.yaml: no such file; there is no {ENGLISH_NAMES[args.language]} edition yet",
              file=sys.stderr)
        return EXIT_PROBLEMS
    if args.mark_current:
        marked = mark_translations(paths, args.language, args.mark_current)
        if not marked:
            print(f"nothing matched {' '.join(args.mark_current)}; give an entry such as faqs.chances, or all",
                  file=sys.stderr)
            return EXIT_USAGE
        print(f"marked current in data/{args.language}.from.json: {', '.join(marked[:12])}"
              + (f" and {len(marked) - 12} more" if len(marked) > 12 else ""))
    result = check(paths)
    for coverage in result.translations:
        if coverage.language == args.language:
            print(coverage.summary())
            for name in coverage.missing:
                print(f"  missing: {name}")
            for name in coverage.out_of_date:
                print(f"  not current: {name}")
            return EXIT_OK if coverage.complete and not coverage.out_of_date else EXIT_PROBLEMS
    return EXIT_PROBLEMS


def _clean(args: argparse.Namespace, paths: Paths) -> int:
    removed = clean(paths.docs, paths.site)
    print(f"removed {paths.site.name}/ and {len(removed)} generated page(s) in {paths.docs.name}/")
    return EXIT_OK


def _schema(args: argparse.Namespace, paths: Paths) -> int:
    if args.check:
        if not schema_is_current(paths.root):
            print(f"{SCHEMA_FILE}: out of date; run `make schema`", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"{SCHEMA_FILE}: up to date")
        return EXIT_OK
    write_schema(paths.root)
    print(f"wrote {SCHEMA_FILE}")
    return EXIT_OK


def _print_report(result: CheckResult) -> None:
    for language in dict.fromkeys(status.language for status in result.statuses):
        scale = SCALES[language]
        measure = "grade" if language == "en" else "INFLESZ"
        width = len(measure)
        print(f"{'page' if language == 'en' else 'page (' + language + ')':<18} {measure} {'citations':>9}  review")
        for status in result.statuses:
            if status.language == language:
                print(f"{status.page:<18} {status.grade:>{width}} {status.citations:>9}  {status.review}")
        if scale.higher_is_easier:
            print(f"({measure}: {scale.name}; higher is easier, {scale.page_limit:g} or more passes)")
    print(result.coverage.summary())
    for coverage in result.translations:
        print(coverage.summary())
    _print_problems(result.problems)


def _print_problems(problems: list[Problem], quiet_ok: bool = False) -> None:
    for problem in sorted(problems, key=lambda p: (p.location.file, p.location.line, p.location.col)):
        print(problem, file=sys.stderr if problem.is_error else sys.stdout)
    if problems or not quiet_ok:
        stream = sys.stderr if any(p.is_error for p in problems) else sys.stdout
        print(summarize(problems), file=stream)


if __name__ == "__main__":
    sys.exit(main())
