"""The strict loader: exact places for every problem, and limits that keep hostile files harmless."""

from __future__ import annotations

import datetime as dt
import marshal
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import line_of, replace_in

from kbsite import safe_yaml
from kbsite.errors import LoadError
from kbsite.load import MAX_DEPTH, load_kb, load_outline

MINI_DATA = Path(__file__).resolve().parent / "fixtures" / "mini" / "data"


def write(tmp_path: Path, text: str, name: str = "faq.yaml") -> Path:
    """Write dedented YAML to a file in tmp_path."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def messages(path: Path, loader=load_kb) -> list[str]:  # type: ignore[no-untyped-def]
    """The problem lines a LoadError lists, with the folder removed."""
    with pytest.raises(LoadError) as caught:
        loader(path)
    return [str(problem).removeprefix(f"{path.parent}/") for problem in caught.value.problems]


def test_the_mini_knowledge_base_loads(tmp_path: Path) -> None:
    kb, source_map = load_kb(MINI_DATA / "faq.yaml")
    assert kb.site.title == "Mini guide"
    assert source_map.locate(("faqs", 0, "question")).line == line_of(MINI_DATA / "faq.yaml", "question: Will I be awake?")


def test_merge_keys_still_work_and_are_not_duplicate_keys() -> None:
    kb, _ = load_kb(MINI_DATA / "faq.yaml")
    assert [page.last_reviewed.isoformat() for page in kb.pages] == ["2026-11-01"] * len(kb.pages)


def test_a_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        site:
          title: A
          faqs:
            - id: a
              id: b
        """)
    assert messages(path) == ["faq.yaml:5:7: duplicate key 'id' (first defined on line 4); keep one and delete the other"]


def test_an_unclosed_quote_points_at_the_opening_quote(tmp_path: Path) -> None:
    path = write(tmp_path, 'site:\n  title: "Mini\n  audience: x\n')
    assert messages(path) == ["faq.yaml:2:10: YAML syntax error: while scanning a quoted scalar: found unexpected end"
                              " of stream; close the quote"]


def test_a_value_shared_through_an_anchor_is_reported_once(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        pages:
          - &p {id: home, last_reviewed: 2026-02-30}
          - {<<: *p, id: faq}
          - {<<: *p, id: about}
        """)
    dates = [line for line in messages(path) if "not a valid date" in line]
    assert dates == ["faq.yaml:2:34: pages[0].last_reviewed: '2026-02-30' is not a valid date; write it as YYYY-MM-DD"]


def test_an_unknown_key_named_like_a_type_is_still_named(tmp_path: Path) -> None:
    path = write(tmp_path, "str: 1\n")
    assert "faq.yaml:1:1: top level: unknown key 'str'; allowed keys are: site, pages, references, topics," \
           " conditions, treatment, side_effects, not_suitable_for, faqs, glossary, corrections, options," \
           " also_ask_about, clinic_questions, reviews, changes" in messages(path)


def test_a_huge_wrong_value_is_shown_short(tmp_path: Path) -> None:
    path = write(tmp_path, "site: [" + ", ".join(["word"] * 5000) + "]\n")
    line = next(line for line in messages(path) if line.startswith("faq.yaml:1:7: site:"))
    assert len(line) < 200


def test_nesting_one_level_too_deep_is_refused_where_it_starts(tmp_path: Path) -> None:
    path = write(tmp_path, "site: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")  # the top-level mapping is level 1
    assert messages(path) == [f"faq.yaml:1:{6 + MAX_DEPTH}: nested more than {MAX_DEPTH} levels deep; check the"
                              " indentation and the brackets"]


@pytest.mark.parametrize(("shape", "depth"), [("flow", 1_001), ("flow", 100_000), ("block", 1_001), ("block", 3_000)])
def test_nesting_far_too_deep_is_refused_with_a_place_whatever_the_parser(tmp_path: Path, shape: str,
                                                                           depth: int) -> None:
    """libyaml's own limit (PyYAML 6.0.4 and later) and ours give the same kind of message."""
    text = ("site: " + "[" * depth + "]" * depth if shape == "flow"
            else "site:\n" + "".join(" " * level + "-\n" for level in range(1, depth + 1)) + " " * (depth + 1) + "x")
    [message] = messages(write(tmp_path, text + "\n"))
    assert re.fullmatch(r"faq\.yaml:\d+:\d+: nested more than 64 levels deep; check the indentation and the brackets",
                        message)


def test_aliases_chained_too_deep_are_refused(tmp_path: Path) -> None:
    lines = ["k0: &a0 [x]"] + [f"k{i}: &a{i} [*a{i - 1}]" for i in range(1, 3000)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert messages(path) == [f"faq.yaml:{MAX_DEPTH + 1}:6: aliases here nest more than {MAX_DEPTH} levels deep;"
                              " remove the chained aliases"]


def test_a_billion_laughs_bomb_is_refused_within_a_small_memory_limit(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    # a child process capped at 512 MiB of address space and 20 s of CPU: expanding the bomb would need ~40 GiB
    script = ("import resource, sys; from pathlib import Path; from kbsite.load import load_kb; "
              "from kbsite.errors import LoadError\n"
              "resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))\n"
              "resource.setrlimit(resource.RLIMIT_CPU, (20, 20))\n"
              "try:\n    load_kb(Path(sys.argv[1]))\nexcept LoadError as e:\n    print(e)\n")
    result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.stdout.strip() == (f"{path}:7:5: aliases here expand to more than 2,000,000 values; remove the"
                                     " nested aliases ('billion laughs' documents are refused)")
    assert result.returncode == 0, result.stderr


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "site: &me {title: *me}\n")
    assert messages(path) == ["faq.yaml:1:7: an alias refers to the anchor it is inside of; remove the alias"]


def test_the_outline_loader_reports_the_same_way(tmp_path: Path) -> None:
    path = write(tmp_path, "title: <b>A</b>\nfile: a.txt\nsections: []\n", name="source.yaml")
    assert messages(path, load_outline) == [
        "source.yaml:1:8: title: raw HTML '<b>' is not allowed in text; write plain Markdown (for a < sign followed"
        " by a letter, put a space after it)",
        "source.yaml:3:11: sections: must list at least one item",
    ]


def test_a_file_that_cannot_be_read_is_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "site: {}\n")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)  # root can read anything, so the refusal is simulated
    assert messages(path) == ["faq.yaml: cannot be read (Permission denied); check its permissions"]


# --- the parsed-YAML cache (.cache/yaml/) ----------------------------------------------------------------

PLACES = [(("faqs", 0, "question"), False), (("faqs", 1, "sources", 0), False), (("pages", 2), False),
          (("faqs", 0, "id"), True), (("site", "title"), True), (("pages", 1, "last_reviewed"), False),
          (("faqs", 99, "answer"), False), (("nowhere",), False)]
"""Data paths to place: values and keys, inside entries and not, merged from an anchor, and missing ones."""


def places(source_map) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(source_map.locate(path, key=key)) for path, key in PLACES]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder to work in (the cache is kept under the current folder), with the mini faq.yaml in data/."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KBSITE_NO_CACHE", raising=False)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "faq.yaml").write_bytes((MINI_DATA / "faq.yaml").read_bytes())
    return tmp_path


def refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("parsed although the bytes are cached")

    monkeypatch.setattr(safe_yaml, "_compose", refuse)


def test_a_cached_file_gives_the_same_data_and_places_without_parsing(project: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path("data/faq.yaml")
    monkeypatch.setenv("KBSITE_NO_CACHE", "1")
    fresh, fresh_map = load_kb(path)
    assert not (project / ".cache").exists()  # KBSITE_NO_CACHE=1 writes nothing
    monkeypatch.delenv("KBSITE_NO_CACHE")
    first, first_map = load_kb(path)
    assert [p.name for p in (project / ".cache" / "yaml").iterdir()] == ["data_faq.yaml.marshal"]
    refuse_parsing(monkeypatch)
    warm, warm_map = load_kb(path)
    assert warm == first == fresh
    assert places(warm_map) == places(first_map) == places(fresh_map)
    line = line_of(path, "question: Will I be awake?")
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index("Will") + 1
    assert places(warm_map)[0] == f"data/faq.yaml:{line}:{column}"


def test_changed_bytes_are_parsed_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = project / "data" / "faq.yaml"
    load_kb(path)
    replace_in(path, "title: Mini guide", "title: Mini guide, changed")
    assert load_kb(path)[0].site.title == "Mini guide, changed"
    refuse_parsing(monkeypatch)
    assert load_kb(path)[0].site.title == "Mini guide, changed"


def test_a_damaged_or_foreign_cache_entry_is_ignored(project: Path) -> None:
    path = project / "data" / "faq.yaml"
    good, good_map = load_kb(path)
    entry = project / ".cache" / "yaml" / "data_faq.yaml.marshal"
    for damaged in (b"", b"not marshal", entry.read_bytes()[:-100], marshal.dumps(("another key", b"", b""))):
        entry.write_bytes(damaged)
        kb, source_map = load_kb(path)
        assert kb == good and places(source_map) == places(good_map)


def test_problems_are_placed_the_same_from_the_cache(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = project / "data" / "faq.yaml"
    replace_in(path, "question: Will I be awake?", "qestion: Will I be awake?")
    cold = messages(path)
    assert any(":5: faqs[0]: unknown key 'qestion'; did you mean 'question'?" in line for line in cold)
    refuse_parsing(monkeypatch)
    assert messages(path) == cold


def test_files_outside_the_current_folder_are_not_cached(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "faq.yaml"
    elsewhere.write_bytes((MINI_DATA / "faq.yaml").read_bytes())
    load_kb(elsewhere)
    assert not (project / ".cache").exists()


def test_values_the_cache_cannot_hold_are_parsed_every_time(project: Path) -> None:
    path = write(project, "when: !!timestamp 2026-01-01 10:00:00\n", name="odd.yaml")
    data, _ = safe_yaml.read_yaml(path)
    assert data == {"when": dt.datetime(2026, 1, 1, 10, 0)}
    assert not (project / ".cache" / "yaml" / "odd.yaml.marshal").exists()
    assert safe_yaml.read_yaml(path)[0] == data
