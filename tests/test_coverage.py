"""Coverage: check names exactly what of the source article no entry covers."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run_build
from helpers import line_of, replace_in


def test_complete_coverage_prints_the_summary_and_passes(mini: Path) -> None:
    result = run_build(mini, "check")
    assert result.returncode == 0, result.stderr
    assert "coverage: 2/2 sections, 2/2 points covered (1 points and 1 parts excluded on purpose)" in result.stdout


def test_removing_the_only_entry_that_covers_a_section_fails_and_names_it(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "    covers: [uses, uses.depression]\n", "")
    result = run_build(mini, "check")
    assert result.returncode == 1
    source_line = line_of(mini / "data/source.yaml", "- id: uses")
    assert (f"data/source.yaml:{source_line}:9: section 'uses' (What it is used for) is covered by no entry"
            in result.stderr)
    point_line = line_of(mini / "data/source.yaml", "- id: depression")
    assert f"data/source.yaml:{point_line}:13: point 'uses.depression' is covered by no entry" in result.stderr
    assert "coverage: 1/2 sections, 1/2 points covered" in result.stdout


def test_an_excluded_point_needs_no_entry_but_a_plain_point_does(mini: Path) -> None:
    replace_in(mini / "data/source.yaml", "        excluded: A promise about the article, not a fact.\n", "")
    result = run_build(mini, "check")
    assert result.returncode == 1
    assert "point 'intro.promo' is covered by no entry" in result.stderr


def test_unknown_covers_id_names_the_entry_line(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "covers: [intro.drug]", "covers: [intro.drugs]")
    result = run_build(mini, "check")
    assert result.returncode == 1
    line = line_of(faq, "covers: [intro.drugs]")
    assert (f"data/faq.yaml:{line}:14: topics[0].covers: unknown section or point 'intro.drugs'" in result.stderr)


def test_coverage_json_maps_sections_to_points_entries_and_pages(mini: Path) -> None:
    result = run_build(mini, "coverage", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["complete"] is True
    uses = next(s for s in report["sections"] if s["id"] == "uses")
    assert uses["entries"] == [{"entry": "conditions:depression", "page": "uses"}]
    point = uses["points"][0]
    assert point["id"] == "uses.depression" and point["pages"] == ["uses"]
    assert report["excluded"] == [{"heading": "Newsletter", "reason": "Marketing."}]


def test_coverage_markdown_is_a_table_of_sections_and_pages(mini: Path) -> None:
    result = run_build(mini, "coverage", "--format", "markdown")
    assert "| What it is used for | uses |" in result.stdout
