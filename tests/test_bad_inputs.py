"""Every mistake an editor can make: the build stops, names the exact place, and the published site stays whole.

Each case copies a project whose site/ and docs/ were built from the valid `mini` data, breaks one thing,
runs `build.py build` (and `build.py check`) as an editor would, and checks the exact lines printed, the
exit code, that no traceback leaks, and that site/ and docs/ keep every byte they had.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import MINI, make_project, run_build, snapshot

from kbsite.load import MAX_BYTES

FAQ, SOURCE = "data/faq.yaml", "data/source.yaml"
TODAY = "2026-11-24"  # review deadlines are measured against a fixed day, so the messages never drift

Breaker = Callable[[Path], None]


def edit(file: str, old: str, new: str) -> Breaker:
    """Replace the one occurrence of `old` in `file` with `new`."""

    def apply(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} should occur once in {file}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return apply


def append(file: str, text: str) -> Breaker:
    """Add `text` at the end of `file`."""

    def apply(root: Path) -> None:
        with (root / file).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return apply


def prepend(file: str, text: str) -> Breaker:
    """Put `text` before the first line of `file`."""

    def apply(root: Path) -> None:
        path = root / file
        path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")

    return apply


def write_bytes(file: str, data: bytes) -> Breaker:
    """Replace the whole of `file` with `data`."""
    return lambda root: (root / file).write_bytes(data)


def edit_bytes(file: str, old: bytes, new: bytes) -> Breaker:
    """Replace bytes in `file` (for encodings the text helpers cannot write)."""

    def apply(root: Path) -> None:
        path = root / file
        raw = path.read_bytes()
        assert raw.count(old) == 1
        path.write_bytes(raw.replace(old, new))

    return apply


def remove(file: str) -> Breaker:
    """Delete `file`."""
    return lambda root: (root / file).unlink()


def directory_instead(file: str) -> Breaker:
    """Put a folder where `file` should be."""

    def apply(root: Path) -> None:
        (root / file).unlink()
        (root / file).mkdir()

    return apply


def oversized(file: str) -> Breaker:
    """Grow `file` one byte past the size limit (valid YAML: a comment padded with spaces)."""

    def apply(root: Path) -> None:
        path = root / file
        pad = MAX_BYTES + 1 - path.stat().st_size - 2
        with path.open("a", encoding="utf-8") as handle:
            handle.write("#" + " " * pad + "\n")

    return apply


def billion_laughs() -> str:
    """Nine levels of nine aliases: 9**9 strings once expanded, a few hundred bytes on disk."""
    lines = ['site: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]', "pages:"]
    for level in range(1, 10):
        lines.append(f"  - &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


NEW_FAQ = """  - id: {id}
    question: {question}
    answer: Most people feel calm.
    group: The treatment day
    sources: [anand-2023]
glossary:
"""


@dataclass(frozen=True)
class Case:
    """One broken input and the exact lines an editor must see on stderr."""

    id: str
    breaks: Breaker
    expected: list[str]


SUMMARY_1 = "1 error, 0 warnings"

CASES = [
    # --- YAML syntax ---
    Case("syntax error: a colon inside a plain value", edit(FAQ, "  title: Mini guide", "  title: Mini: guide"),
         ["data/faq.yaml:3:14: YAML syntax error: mapping values are not allowed in this context", SUMMARY_1]),
    Case("a tab used for indentation", edit(FAQ, "  title: Mini guide", "\ttitle: Mini guide"),
         ["data/faq.yaml:3:1: YAML syntax error: a tab character; indent with spaces, not tabs", SUMMARY_1]),
    Case("an unclosed quote", edit(FAQ, "  title: Mini guide", '  title: "Mini guide'),
         ["data/faq.yaml:3:10: YAML syntax error: while scanning a quoted scalar: found unexpected end of stream;"
          " close the quote", SUMMARY_1]),
    Case("a key without its colon (the line that lacks it is named, not the next)",
         edit(FAQ, "group: The treatment day", "group The treatment day"),
         ["data/faq.yaml:88:5: YAML syntax error: this line has no ':' after its key; write it as 'key: value'",
          SUMMARY_1]),
    Case("an unclosed bracket", edit(FAQ, "covers: [uses, uses.depression]", "covers: [uses, uses.depression"),
         ["data/faq.yaml:84:5: YAML syntax error: while parsing a flow sequence; did not find expected ',' or ']'",
          SUMMARY_1]),
    Case("a list where the file should hold keys", write_bytes(FAQ, b"- just\n- a list\n"),
         ["data/faq.yaml:1:1: top level: input should be a valid dictionary or instance of KnowledgeBase, got list"
          " ['just', 'a list']", SUMMARY_1]),
    # --- duplicate keys, at every depth ---
    Case("a duplicate key at the top level", append(FAQ, "glossary: []\n"),
         ["data/faq.yaml:99:1: duplicate key 'glossary' (first defined on line 90); keep one and delete the other",
          SUMMARY_1]),
    Case("a duplicate key inside site", edit(FAQ, "  title: Mini guide\n", "  title: Mini guide\n  title: Again\n"),
         ["data/faq.yaml:4:3: duplicate key 'title' (first defined on line 3); keep one and delete the other",
          SUMMARY_1]),
    Case("a duplicate key inside a list item", edit(FAQ, "      how: call or text 988\n",
                                                     "      how: call or text 988\n      how: call 988\n"),
         ["data/faq.yaml:11:7: duplicate key 'how' (first defined on line 10); keep one and delete the other",
          SUMMARY_1]),
    Case("a duplicate key in a flow mapping that also merges an anchor",
         edit(FAQ, "{<<: *page, id: uses,", "{<<: *page, id: uses, id: usage,"),
         ["data/faq.yaml:35:27: duplicate key 'id' (first defined on line 35); keep one and delete the other",
          SUMMARY_1]),
    Case("a duplicate key in source.yaml", edit(SOURCE, "    heading: What it is\n",
                                                  "    heading: What it is\n    heading: Again\n"),
         ["data/source.yaml:6:5: duplicate key 'heading' (first defined on line 5); keep one and delete the other",
          SUMMARY_1]),
    # --- unknown keys and wrong types ---
    Case("a misspelt key", edit(FAQ, "  title: Mini guide", "  titel: Mini guide"),
         ["data/faq.yaml:3:3: site: missing required field 'title'; add it",
          "data/faq.yaml:3:3: site: unknown key 'titel'; did you mean 'title'?", "2 errors, 0 warnings"]),
    Case("a misspelt key three levels down", edit(FAQ, "      level: good", "      levle: good"),
         ["data/faq.yaml:79:7: conditions[0].evidence: missing required field 'level'; add it",
          "data/faq.yaml:79:7: conditions[0].evidence: unknown key 'levle'; did you mean 'level'?",
          "2 errors, 0 warnings"]),
    Case("one source written as text instead of a list",
         edit(FAQ, "    group: The treatment day\n    sources: [anand-2023]",
              "    group: The treatment day\n    sources: anand-2023"),
         ["data/faq.yaml:89:14: faqs[0].sources: input should be a valid list, got str 'anand-2023'", SUMMARY_1]),
    Case("a word where a number belongs", edit(FAQ, "  title: Mini guide\n", "  title: Mini guide\n  max_grade: easy\n"),
         ["data/faq.yaml:4:14: site.max_grade: input should be a valid number, unable to parse string as a number,"
          " got str 'easy'", SUMMARY_1]),
    Case("a single value where a block of keys belongs",
         edit(FAQ, "    evidence:\n      level: good\n      reason: Large trials found it helps.\n",
              "    evidence: good\n"),
         ["data/faq.yaml:78:15: conditions[0].evidence: input should be a valid dictionary or instance of Evidence,"
          " got str 'good'", SUMMARY_1]),
    # --- empty values ---
    Case("an empty string", edit(FAQ, "  title: Mini guide", '  title: ""'),
         ["data/faq.yaml:3:10: site.title: must not be empty; write the text or remove the key", SUMMARY_1]),
    Case("a key with no value", edit(FAQ, "  title: Mini guide", "  title:"),
         ["data/faq.yaml:3:9: site.title: input should be a valid string, got NoneType None", SUMMARY_1]),
    # --- who is behind the site ---
    Case("a contact that is neither a web address nor an email address",
         edit(FAQ, "contact: https://example.org/contact", "contact: ring the editors"),
         ["data/faq.yaml:22:12: site.contact: 'ring the editors' is neither an https:// address nor an email address;"
          " write one, such as https://your-site.org/contact or editors@your-site.org", SUMMARY_1]),
    Case("a contact page on http://",
         edit(FAQ, "contact: https://example.org/contact", "contact: http://guide.org/contact"),
         ["data/faq.yaml:22:12: site.contact: 'http://guide.org/contact' is neither an https:// address nor an email"
          " address; write one, such as https://your-site.org/contact or editors@your-site.org", SUMMARY_1]),
    Case("no publisher", edit(FAQ, "  publisher: The test editors\n", ""),
         ["data/faq.yaml:3:3: site: missing required field 'publisher'; add it", SUMMARY_1]),
    Case("an empty statement of conflicts of interest",
         edit(FAQ, "  conflicts: The editors have no links to any clinic or drug maker.", '  conflicts: ""'),
         ["data/faq.yaml:24:14: site.conflicts: must not be empty; write the text or remove the key", SUMMARY_1]),
    # --- dates ---
    Case("a date that does not exist", edit(FAQ, "last_reviewed: 2026-11-01", "last_reviewed: 2026-02-30"),
         ["data/faq.yaml:31:20: pages[0].last_reviewed: '2026-02-30' is not a valid date; write it as YYYY-MM-DD",
          SUMMARY_1]),
    Case("a date written in words", edit(FAQ, "next_review: 2029-11-01", "next_review: 1 Nov 2029"),
         ["data/faq.yaml:32:18: pages[0].next_review: '1 Nov 2029' is not a valid date; write it as YYYY-MM-DD",
          SUMMARY_1]),
    Case("a next review before the last review",
         edit(FAQ, "description: Who made it and how.}", "description: Who made it and how., next_review: 2026-10-01}"),
         ["data/faq.yaml:43:5: pages[10]: next_review 2026-10-01 must be after last_reviewed 2026-11-01", SUMMARY_1]),
    # --- references, covers, ids ---
    Case("a source id with a typo", edit(FAQ, "    group: The treatment day\n    sources: [anand-2023]",
                                         "    group: The treatment day\n    sources: [anand-2032]"),
         ["data/faq.yaml:89:15: faqs[0].sources: unknown reference 'anand-2032'; did you mean 'anand-2023'?",
          SUMMARY_1]),
    Case("a crisis line citing an unknown reference", edit(FAQ, "source: us-988", "source: us-911"),
         ["data/faq.yaml:12:15: site.crisis_lines[0].source: unknown reference 'us-911'; did you mean 'us-988'?",
          "1 error, 1 warning"]),
    Case("a covers id that is not in source.yaml", edit(FAQ, "covers: [intro.drug, first-use.surgery]", "covers: [intro.drugs, first-use.surgery]"),
         ["data/faq.yaml:73:14: topics[0].covers: unknown section or point 'intro.drugs'; did you mean"
          " 'intro.drug'?",
          "data/source.yaml:4:9: section 'intro' (What it is) is covered by no entry; add 'intro' to the covers of"
          " an entry that explains it",
          "data/source.yaml:7:13: point 'intro.drug' is covered by no entry: Ketamine is a medicine used to put people"
          " to sleep for surgery. (add 'intro.drug' to an entry's covers, or mark the point excluded with a reason)",
          "3 errors, 0 warnings"]),
    Case("two questions with the same id", edit(FAQ, "glossary:\n", NEW_FAQ.format(id="awake", question="Will I sleep?")),
         ["data/faq.yaml:90:9: faqs[1].id: duplicate id 'awake' (also faqs[0], line 85); give each entry its own",
          SUMMARY_1]),
    Case("the same question asked twice (same link anchor)",
         edit(FAQ, "glossary:\n", NEW_FAQ.format(id="awake-again", question="Will I be awake!")),
         ["data/faq.yaml:91:15: faqs[1].question: the same question is asked in faqs[0] ('awake'); merge the two"
          " answers", SUMMARY_1]),
    Case("two references with the same id", edit(FAQ, "  - id: samaritans\n", "  - id: us-988\n"),
         ["data/faq.yaml:15:15: site.crisis_lines[1].source: unknown reference 'samaritans'; add it under"
          " references or fix the id",
          "data/faq.yaml:59:9: references[3].id: duplicate id 'us-988' (also references[2], line 55); give each"
          " entry its own", "2 errors, 0 warnings"]),
    # --- the files themselves ---
    Case("an empty file", write_bytes(FAQ, b""),
         ["data/faq.yaml:1:1: the file is empty; it should hold the keys of KnowledgeBase (site, pages, references,"
          " topics, conditions, treatment, side_effects, not_suitable_for, faqs, glossary, corrections, options, also_ask_about,"
          " clinic_questions, reviews, changes)", SUMMARY_1]),
    Case("a file holding only a comment", write_bytes(SOURCE, b"# to do\n"),
         ["data/source.yaml:1:1: the file is empty; it should hold the keys of SourceOutline (title, file, sections,"
          " excluded)", SUMMARY_1]),
    Case("a missing file", remove(SOURCE),
         ["data/source.yaml: file not found; check the path, or restore it from git", SUMMARY_1]),
    Case("a folder where the file should be", directory_instead(FAQ),
         ["data/faq.yaml: is a directory, not a YAML file", SUMMARY_1]),
    Case("bytes that are not UTF-8", edit_bytes(FAQ, b"Mini guide", b"Mini gu\xefde"),
         ["data/faq.yaml:3:17: byte 0xef is not valid UTF-8; save the file as UTF-8", SUMMARY_1]),
    Case("a 'billion laughs' alias bomb", write_bytes(FAQ, billion_laughs().encode()),
         ["data/faq.yaml:8:5: aliases here expand to more than 2,000,000 values; remove the nested aliases"
          " ('billion laughs' documents are refused)", SUMMARY_1]),
    Case("brackets nested hundreds deep", write_bytes(FAQ, b"site: " + b"[" * 500 + b"]" * 500 + b"\n"),
         ["data/faq.yaml:1:70: nested more than 64 levels deep; check the indentation and the brackets", SUMMARY_1]),
    Case("an alias inside its own anchor", write_bytes(FAQ, b"site: &me [*me]\n"),
         ["data/faq.yaml:1:7: an alias refers to the anchor it is inside of; remove the alias", SUMMARY_1]),
    Case("a file over the size limit", oversized(FAQ),
         [f"data/faq.yaml: file is {MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,} bytes (split the content or"
          " remove what is not needed)", SUMMARY_1]),
    # --- markup and links that must never go live ---
    Case("raw HTML in an answer", edit(FAQ, "Yes. You stay awake,", "Yes. You stay <b>awake</b>,"),
         ["data/faq.yaml:87:13: faqs[0].answer: raw HTML '<b>' is not allowed in text; write plain Markdown (for a <"
          " sign followed by a letter, put a space after it)", SUMMARY_1]),
    Case("a <script> in the site title", edit(FAQ, "  title: Mini guide", "  title: Mini <script>alert(1)</script>"),
         ["data/faq.yaml:3:10: site.title: raw HTML '<script>' is not allowed in text; write plain Markdown (for a <"
          " sign followed by a letter, put a space after it)", SUMMARY_1]),
    Case("a <script> in source.yaml", edit(SOURCE, "title: A short article", "title: A <script src=x.js></script>"),
         ["data/source.yaml:1:8: title: raw HTML '<script src=x.js>' is not allowed in text; write plain Markdown"
          " (for a < sign followed by a letter, put a space after it)", SUMMARY_1]),
    Case("a javascript: link", edit(FAQ, "Yes. You stay awake,", "Yes. You stay [awake](javascript:alert(1)),"),
         ["data/faq.yaml:87:13: faqs[0].answer: 'javascript:' links are not allowed; link to an https:// page",
          SUMMARY_1]),
    Case("a javascript: link hidden with an HTML entity",
         edit(FAQ, "Yes. You stay awake,", "Yes. You stay [awake](&#106;avascript:alert(1)),"),
         ["data/faq.yaml:87:13: faqs[0].answer: 'javascript:' links are not allowed; link to an https:// page",
          SUMMARY_1]),
    Case("a data: image", edit(FAQ, "That was in 1970.", "That was in 1970. ![x](data:image/svg+xml;base64,PHN2Zz4=)"),
         ["data/faq.yaml:71:11: topics[0].body: 'data:' links are not allowed; link to an https:// page", SUMMARY_1]),
    Case("a javascript: address as a reference url",
         edit(FAQ, "      url: https://findahelpline.com\n      source", "      url: javascript:alert(1)\n      source"),
         ["data/faq.yaml:18:12: site.crisis_lines[2].url: 'javascript:alert(1)' has the wrong form (write a full"
          " address starting with https://)", SUMMARY_1]),
    Case("an event handler in a Markdown attribute list",
         edit(FAQ, "That was in 1970.", "That was in 1970. [More](https://example.org){ onclick=alert(1) }"),
         ["data/faq.yaml:71:11: topics[0].body: '{ onclick=' sets an event handler, which would run as script;"
          " remove it", SUMMARY_1]),
    # --- templates ---
    # (each break goes on line 1 of a template, so the expected line holds while the templates evolve)
    Case("a template syntax error", prepend("templates/faq.md.j2", "{% iff page %}x{% endif %}\n"),
         ["templates/faq.md.j2:1:1: template syntax error: Encountered unknown tag 'iff'.", SUMMARY_1]),
    Case("an undefined variable in a template", prepend("templates/base.md.j2", "{{ front_mater }}\n"),
         ["templates/base.md.j2:1:1: template error: 'front_mater' is undefined", SUMMARY_1]),
    Case("an undefined variable in a shared partial", prepend("templates/partials/footer.md.j2", "{{ sitee.title }}\n"),
         ["templates/partials/footer.md.j2:1:1: template error: 'sitee' is undefined", SUMMARY_1]),
]


def outputs(root: Path) -> dict[str, bytes]:
    """Every file under site/ and docs/, by path, with its bytes."""
    return {f"{tree}/{name}": data for tree in ("site", "docs") for name, data in snapshot(root / tree).items()}


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project, built once: site/ and docs/ hold a good build."""
    root = make_project(tmp_path_factory.mktemp("good") / "project", MINI)
    result = run_build(root, "build", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def project(built_mini: Path, tmp_path: Path) -> Path:
    """A private copy of the built mini project, safe to break."""
    return Path(shutil.copytree(built_mini, tmp_path / "project"))


def test_the_table_covers_at_least_25_mistakes() -> None:
    assert len(CASES) >= 25
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_bad_input_fails_with_its_exact_place_and_leaves_the_site_whole(case: Case, project: Path) -> None:
    before = outputs(project)
    case.breaks(project)
    built = run_build(project, "build", "--today", TODAY)
    assert built.stderr.splitlines() == case.expected
    assert built.returncode == 1
    assert "Traceback" not in built.stdout + built.stderr
    assert outputs(project) == before  # site/ and docs/ keep every byte
    assert not list(project.glob(".site-*"))  # no half-built site left behind


CHECK_SAMPLE = ["a tab used for indentation", "a covers id that is not in source.yaml", "a missing file",
                "a template syntax error", "a javascript: link"]


CHECK_CASES = [case for case in CASES if case.id in CHECK_SAMPLE]


@pytest.mark.parametrize("case", CHECK_CASES, ids=[case.id for case in CHECK_CASES])
def test_check_lists_the_same_problems_as_build_and_writes_nothing(case: Case, project: Path) -> None:
    before = outputs(project)
    case.breaks(project)
    checked = run_build(project, "check", "--today", TODAY)
    assert checked.stderr.splitlines() == case.expected
    assert checked.returncode == 1
    assert "Traceback" not in checked.stdout + checked.stderr
    assert outputs(project) == before


def test_an_http_link_is_a_warning_and_the_site_builds(project: Path) -> None:
    edit(FAQ, "      url: https://findahelpline.com\n      source", "      url: http://findahelpline.com\n      source")(project)
    built = run_build(project, "build", "--today", TODAY)
    assert built.returncode == 0, built.stderr
    assert built.stdout.splitlines()[:2] == [
        "data/faq.yaml:18:12: warning: site.crisis_lines[2].url: link uses http://; use https:// so readers'"
        " connections stay private",
        "0 errors, 1 warning",
    ]
    assert "http://findahelpline.com" in (project / "site/index.html").read_text(encoding="utf-8")


def test_jinja_syntax_in_yaml_text_is_shown_as_text_and_never_run(project: Path) -> None:
    edit(FAQ, "Yes. You stay awake,", "Yes {{ 7 * 7 }} {% if true %}x{% endif %} {{ site.title }}. You stay awake,")(project)
    built = run_build(project, "build", "--today", TODAY)
    assert built.returncode == 0, built.stderr
    page = (project / "site/faq/index.html").read_text(encoding="utf-8")
    assert "Yes {{ 7 * 7 }} {% if true %}x{% endif %} {{ site.title }}. You stay awake" in page
    assert "Yes 49" not in page


def test_a_utf8_byte_order_mark_is_accepted(project: Path) -> None:
    path = project / FAQ
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    built = run_build(project, "build", "--today", TODAY)
    assert built.returncode == 0, built.stderr
    assert "This is a short guide." in (project / "site/index.html").read_text(encoding="utf-8")
