"""Whatever bytes an editor saves, the loader answers with the project's own error, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbsite.errors import KbError
from kbsite.load import load_kb

REAL_FAQ = Path(__file__).resolve().parent.parent / "data" / "faq.yaml"
LINES = REAL_FAQ.read_text(encoding="utf-8").splitlines(keepends=True)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.dates().map(str))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(["site", "pages", "references", "faqs", "id", "title", "sources",
                                               "last_reviewed", "next_review", "<<"]), st.text(max_size=8)),
                    inner, max_size=4)), max_leaves=20)


def load_text(tmp_path: Path, data: str | bytes) -> None:
    """Write `data` as data/faq.yaml and load it; only KbError (or success) is allowed out."""
    path = tmp_path / "faq.yaml"
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    try:
        load_kb(path)
    except KbError as exc:
        assert exc.problems, "an error must list at least one problem"
        assert all(str(problem).startswith(str(path)) for problem in exc.problems)


@FUZZ
@given(document=documents)
def test_any_yaml_document_gives_a_result_or_a_kb_error(tmp_path: Path, document: object) -> None:
    load_text(tmp_path, yaml.safe_dump(document, allow_unicode=True))


@FUZZ
@given(text=st.text(alphabet=st.sampled_from(list(" \t\n:-[]{}&*!|>'\"#%@`,?<=~0a1Z.\\\x00\x85\ufeff")), max_size=80))
def test_any_text_made_of_yaml_punctuation_gives_a_result_or_a_kb_error(tmp_path: Path, text: str) -> None:
    load_text(tmp_path, text)


@st.composite
def mutated_faq(draw: st.DrawFn) -> str:
    """The real faq.yaml with a few editor-style slips: deleted or inserted characters, doubled lines, bad indents."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        slip = draw(st.sampled_from(["delete", "insert", "duplicate", "indent", "dedent", "swap"]))
        if slip == "delete" and line:
            at = draw(st.integers(0, len(line) - 1))
            lines[index] = line[:at] + line[at + 1:]
        elif slip == "insert":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.sampled_from(list(":-[]{}&*!|>'\"# \t\n\\"))) + line[at:]
        elif slip == "duplicate":
            lines.insert(index, line)
        elif slip == "indent":
            lines[index] = draw(st.sampled_from(["  ", " ", "\t", "    "])) + line
        elif slip == "dedent":
            lines[index] = line[draw(st.integers(1, 4)):] if line.startswith(" ") else line
        elif slip == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
    return "".join(lines)


@FUZZ
@given(text=mutated_faq())
def test_a_slip_of_the_keyboard_in_the_real_faq_gives_a_result_or_a_kb_error(tmp_path: Path, text: str) -> None:
    load_text(tmp_path, text)


@FUZZ
@given(data=st.binary(max_size=64))
def test_any_bytes_give_a_result_or_a_kb_error(tmp_path: Path, data: bytes) -> None:
    load_text(tmp_path, data)


@pytest.mark.parametrize("text", [
    "site: &a [*a]\n",
    "a: &a {<<: *a}\n",
    "? [1, 2]\n: x\n",
    "!!python/object:os.system {}\n",
    "site: !!binary 'not base64!'\n",
    "site: !!int '0x_'\n",
    "site: {1: 2, true: 3, null: 4}\n",
    "--- a\n--- b\n",
    "%YAML 9.9\n---\nx\n",
])
def test_odd_yaml_the_fuzzer_may_miss_gives_a_kb_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(KbError):
        load_kb(_write(tmp_path, text))


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "faq.yaml"
    path.write_text(text, encoding="utf-8")
    return path
