"""Coverage: check names exactly what of the source article no entry covers."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run_in_process  # build.py in this process: the same output, without start-up
from helpers import line_of, replace_in


def test_complete_coverage_prints_the_summary_and_passes(mini: Path) -> None:
    result = run_in_process(mini, "check")
    assert result.returncode == 0, result.stderr
    assert "coverage: 2/2 sections, 2/2 points covered (1 point and 1 part excluded on purpose)" in result.stdout
    assert "reader questions: 1/1 answered, 1/1 points covered" in result.stdout


def test_removing_the_only_entry_that_answers_a_reader_question_fails_and_names_it(mini: Path) -> None:
    replace_in(mini / "data/faq.yaml", "covers: [intro.drug, first-use.surgery]", "covers: [intro.drug]")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    questions = mini / "data/questions.yaml"
    line = line_of(questions, "- id: first-use")
    assert (f"data/questions.yaml:{line}:9: question 'first-use' (What was ketamine first used for?) is answered "
            "by no entry; add 'first-use' to the covers of an entry that explains it") in result.stderr
    point = line_of(questions, "- id: surgery")
    assert f"data/questions.yaml:{point}:13: point 'first-use.surgery' is covered by no entry" in result.stderr
    assert "reader questions: 0/1 answered, 0/1 points covered" in result.stdout


def test_a_question_id_must_not_be_a_section_id(mini: Path) -> None:
    replace_in(mini / "data/questions.yaml", "- id: first-use", "- id: uses")
    replace_in(mini / "data/faq.yaml", "first-use.surgery]", "uses.surgery]")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    line = line_of(mini / "data/questions.yaml", "- id: uses")
    assert (f"data/questions.yaml:{line}:9: questions[0].id: 'uses' is also a section of data/source.yaml; "
            "give the question its own id") in result.stderr


def test_coverage_text_lists_sections_points_and_their_entries(mini: Path) -> None:
    result = run_in_process(mini, "coverage")
    assert result.returncode == 0, result.stderr
    assert "  uses: What it is used for  [conditions:depression]" in result.stdout
    assert "    uses.depression: It is used for depression that other treatments did not help.  [conditions:depression]" \
        in result.stdout
    assert "    first-use.surgery: It was first used to put people to sleep for surgery.  [topics:anaesthetic]" \
        in result.stdout


def test_removing_the_only_entry_that_covers_a_section_fails_and_names_it(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "    covers: [uses, uses.depression]\n", "")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    source_line = line_of(mini / "data/source.yaml", "- id: uses")
    assert (f"data/source.yaml:{source_line}:9: section 'uses' (What it is used for) is covered by no entry"
            in result.stderr)
    point_line = line_of(mini / "data/source.yaml", "- id: depression")
    assert f"data/source.yaml:{point_line}:13: point 'uses.depression' is covered by no entry" in result.stderr
    assert "coverage: 1/2 sections, 1/2 points covered" in result.stdout


def test_an_excluded_point_needs_no_entry_but_a_plain_point_does(mini: Path) -> None:
    replace_in(mini / "data/source.yaml", "        excluded: A promise about the article, not a fact.\n", "")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    assert "point 'intro.promo' is covered by no entry" in result.stderr


def test_unknown_covers_id_names_the_entry_line(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "covers: [intro.drug, first-use.surgery]", "covers: [intro.drugs, first-use.surgery]")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    line = line_of(faq, "covers: [intro.drugs")
    assert (f"data/faq.yaml:{line}:14: topics[0].covers: unknown section or point 'intro.drugs'; "
            "did you mean 'intro.drug'?") in result.stderr


def test_coverage_json_maps_sections_to_points_entries_and_pages(mini: Path) -> None:
    result = run_in_process(mini, "coverage", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["complete"] is True
    uses = next(s for s in report["sections"] if s["id"] == "uses")
    assert uses["entries"] == [{"entry": "conditions:depression", "page": "uses"}]
    point = uses["points"][0]
    assert point["id"] == "uses.depression" and point["pages"] == ["uses"]
    assert report["excluded"] == [{"heading": "Newsletter", "reason": "Marketing."}]
    [question] = report["questions"]
    assert question["id"] == "first-use" and question["covered"] is True
    assert question["points"][0]["entries"] == [{"entry": "topics:anaesthetic", "page": "what-is-ketamine"}]


def test_coverage_markdown_is_a_table_of_sections_and_pages(mini: Path) -> None:
    result = run_in_process(mini, "coverage", "--format", "markdown")
    assert "| What it is used for | uses |" in result.stdout
