"""Trust gates: each one fails on a crafted bad knowledge base with the right message."""

from __future__ import annotations

from pathlib import Path

from helpers import run_in_process  # build.py in this process: the same output, without start-up
from helpers import line_of, replace_in


def test_a_clean_knowledge_base_reports_grade_citations_and_review_per_page(mini: Path) -> None:
    result = run_in_process(mini, "check", "--today", "2027-01-01")
    assert result.returncode == 0, result.stderr
    assert "uses                 4.9         1  ok until 2029-11-01" in result.stdout
    assert result.stdout.rstrip().endswith("0 errors, 0 warnings")


def test_an_entry_without_sources_is_an_error(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "    sources: [feder-2021-focus]\n", "    sources: []\n")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    line = line_of(faq, "sources: []")
    assert f"data/faq.yaml:{line}:14: topics[0].sources: must list at least one item" in result.stderr


def test_an_unknown_citation_is_an_error_with_a_suggestion(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "    sources: [anand-2023]\n    covers", "    sources: [anand-2024]\n    covers")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    line = line_of(faq, "sources: [anand-2024]")
    assert (f"data/faq.yaml:{line}:15: conditions[0].sources: unknown reference 'anand-2024'; "
            "did you mean 'anand-2023'?") in result.stderr


def test_an_unused_reference_is_a_warning_only(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "references:\n", "references:\n  - id: spare\n    citation: A spare source.\n"
               "    kind: review\n    doi: 10.1000/spare\n")
    result = run_in_process(mini, "check")
    assert result.returncode == 0, result.stderr
    line = line_of(faq, "- id: spare")
    assert (f"data/faq.yaml:{line}:9: warning: references[0]: reference 'spare' is never cited; "
            "cite it or remove it") in result.stdout


def test_a_reference_needs_a_link(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "    doi: 10.1056/NEJMoa2302399\n", "")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    assert "references[1]: a reference needs a url or a doi so readers can find it" in result.stderr


def test_a_reference_kind_must_be_one_of_the_known_kinds(mini: Path) -> None:
    replace_in(mini / "data/faq.yaml", "    kind: trial\n    doi: 10.1056", "    kind: blog\n    doi: 10.1056")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    assert ("references[1].kind: input should be 'regulator', 'guideline', 'trial', 'review', 'study', "
            "'animal study', 'manufacturer', 'news', 'drug information', 'law', 'professional body' or "
            "'patient information'") in result.stderr


def test_a_question_asked_again_in_the_same_words_warns(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "glossary:\n", "  - id: still-awake\n    question: Am I awake?\n"
               "    answer: Yes, you stay awake.\n    group: The treatment day\n    sources: [anand-2023]\n"
               "glossary:\n")
    result = run_in_process(mini, "check")
    assert result.returncode == 0, result.stderr
    line = line_of(faq, "question: Am I awake?")
    assert (f"data/faq.yaml:{line}:15: warning: faqs[1].question: asks what faqs[0] ('awake') asks, in the same "
            "words: 'Will I be awake?'; merge the two, or say what is different") in result.stdout


def test_a_fact_near_its_valid_until_date_warns_and_fails_after_it(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "first-use.surgery]\n", "first-use.surgery]\n    valid_until: 2026-12-31\n")
    line = line_of(faq, "valid_until: 2026-12-31")
    soon = run_in_process(mini, "check", "--today", "2026-12-10")
    assert soon.returncode == 0, soon.stderr
    assert (f"data/faq.yaml:{line}:18: warning: topics[0] 'anaesthetic': fact due for re-check by 2026-12-31 "
            "(21 days); check it against its sources") in soon.stdout
    late = run_in_process(mini, "check", "--today", "2027-01-01")
    assert late.returncode == 1
    assert (f"data/faq.yaml:{line}:18: topics[0] 'anaesthetic': valid_until 2026-12-31 has passed; check the fact "
            "against its sources, update it, then move valid_until on") in late.stderr


def test_review_due_within_90_days_warns(mini: Path) -> None:
    result = run_in_process(mini, "check", "--today", "2029-09-01")
    assert result.returncode == 0
    assert "warning: pages[0] 'home': review due in 61 days (2029-11-01)" in result.stdout
    assert "due soon: 2029-11-01" in result.stdout


def test_overdue_review_fails(mini: Path) -> None:
    result = run_in_process(mini, "check", "--today", "2029-11-02")
    assert result.returncode == 1
    line = line_of(mini / "data/faq.yaml", "next_review: 2029-11-01")
    assert (f"data/faq.yaml:{line}:18: pages[0] 'home': review was due on 2029-11-01; check the page "
            "against its sources, then move last_reviewed and next_review on") in result.stderr
    assert "OVERDUE since 2029-11-01" in result.stdout


def test_a_hard_to_read_page_fails_the_reading_grade(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "    answer: Yes. You stay awake, but you may feel far away from your body.\n",
               "    answer: Notwithstanding considerable interindividual variability, administration "
               "characteristically preserves consciousness while simultaneously precipitating "
               "dissociative perceptual phenomenology, particularly during intravenous delivery.\n")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    assert "page 'faq' reads at grade" in result.stderr
    assert "above the limit of 8.0; use shorter sentences and everyday words" in result.stderr


def test_the_grade_limit_is_set_in_one_place(mini: Path) -> None:
    replace_in(mini / "data/faq.yaml", "  emergency:", "  max_grade: 3\n  emergency:")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    assert "page 'uses' reads at grade 4.9, above the limit of 3.0" in result.stderr


def test_an_abbreviation_without_a_glossary_entry_warns(mini: Path) -> None:
    replace_in(mini / "data/faq.yaml", "That was in 1970.", "That was in 1970, long before TRD was named.")
    result = run_in_process(mini, "check")
    assert result.returncode == 0
    assert "warning: glossary: 'TRD' is used (first on what-is-ketamine.md) but has no glossary entry" in result.stdout


def test_duplicate_ids_are_errors_at_the_second_entry(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "  - id: samaritans\n", "  - id: us-988\n")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    line = line_of(faq, "- id: us-988", occurrence=2)
    assert f"data/faq.yaml:{line}:9: references[3].id: duplicate id 'us-988'" in result.stderr


def test_a_missing_page_is_an_error(mini: Path) -> None:
    replace_in(mini / "data/faq.yaml", "  - {<<: *page, id: glossary, title: Glossary, description: Words we use.}\n", "")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    assert "pages: page 'glossary' is missing; add an entry with id: glossary" in result.stderr


HARD_ANSWER = ("Yes. Administration characteristically preserves consciousness while simultaneously producing "
               "dissociative perceptual experiences.")
EASY_ANSWER = "    answer: Yes. You stay awake, but you may feel far away from your body.\n"


def test_a_hard_entry_fails_even_when_its_page_passes(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, EASY_ANSWER, f"    answer: {HARD_ANSWER}\n")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    assert "faq                  6.3         1" in result.stdout  # the page as a whole reads easily
    line = line_of(faq, "answer: Yes. Administration")
    assert result.stderr.splitlines() == [
        f"data/faq.yaml:{line}:13: faqs[0].answer: reading grade 31.6 is above 10; use shorter sentences and "
        "everyday words",
        "1 error, 0 warnings",
    ]


def test_the_entry_grade_limit_is_set_in_one_place(mini: Path) -> None:
    replace_in(mini / "data/faq.yaml", "  emergency:", "  max_entry_grade: 4.5\n  emergency:")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    line = line_of(mini / "data/faq.yaml", "summary: In a large trial")
    assert (f"data/faq.yaml:{line}:14: conditions[0].summary: reading grade 5.9 is above 4.5; use shorter "
            "sentences and everyday words") in result.stderr.splitlines()


def test_a_list_of_cautions_is_graded_as_one_text_at_the_list(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "    sources: [anand-2023]\n    covers: [uses,",
               "    cautions:\n      - It is short.\n      - Characteristically, concomitant benzodiazepine administration "
               "substantially attenuates antidepressant responsiveness.\n"
               "    sources: [anand-2023]\n    covers: [uses,")
    result = run_in_process(mini, "check")
    line = line_of(faq, "- It is short.")
    assert (f"data/faq.yaml:{line}:7: conditions[0].cautions: reading grade 30.5 is above 10; use shorter "
            "sentences and everyday words") in result.stderr.splitlines()


def test_a_phrase_too_short_to_grade_is_left_to_the_page_grade(mini: Path) -> None:
    replace_in(mini / "data/faq.yaml", EASY_ANSWER, "    answer: Characteristically unproblematic.\n")
    result = run_in_process(mini, "check")
    assert result.returncode == 0, result.stderr  # two words: Flesch-Kincaid would say grade 30-something


def test_a_next_check_beyond_the_page_s_review_cycle_fails(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "{<<: *page, id: choosing, title: Choosing a clinic, description: How to choose.}",
               "{<<: *page, id: choosing, title: Choosing a clinic, description: How to choose.,"
               " review_cycle_months: 12, next_review: 2028-11-01}")
    result = run_in_process(mini, "check", "--today", "2027-01-01")
    assert result.returncode == 1
    line = line_of(faq, "id: choosing")
    assert result.stderr.splitlines() == [
        f"data/faq.yaml:{line}:124: pages[6] 'choosing': next_review 2028-11-01 is more than 12 months after "
        "last_reviewed 2026-11-01; set it to 2027-11-01 or earlier (review_cycle_months: 12)",
        "1 error, 0 warnings",
    ]


def test_a_review_cycle_is_12_or_36_months(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "    review_cycle_months: 36\n", "    review_cycle_months: 24\n")
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    line = line_of(faq, "review_cycle_months: 24")
    assert f"data/faq.yaml:{line}:26: pages[0].review_cycle_months: input should be 12 or 36" in result.stderr


def test_moving_a_page_s_last_checked_date_needs_a_change_entry_naming_it(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "{<<: *page, id: uses, title: What it is used for, description: What it can help with.}",
               "{<<: *page, id: uses, title: What it is used for, description: What it can help with.,"
               " last_reviewed: 2026-11-20}")
    result = run_in_process(mini, "check", "--today", "2026-11-24")
    assert result.returncode == 1
    line = line_of(faq, "id: uses")
    assert result.stderr.splitlines() == [
        f"data/faq.yaml:{line}:107: pages[2] 'uses': last_reviewed 2026-11-20 has no changes entry of that date "
        "naming 'uses'; add one under changes (date: 2026-11-20, pages: [uses], what, why)",
        "1 error, 0 warnings",
    ]
    # the change recorded, naming the page on that date: the check passes
    with faq.open("a", encoding="utf-8") as handle:
        handle.write("  - date: 2026-11-20\n    pages: [uses]\n    what: Checked the page against its sources.\n"
                     "    why: A new trial was published.\n")
    assert run_in_process(mini, "check", "--today", "2026-11-24").returncode == 0


def test_a_change_entry_of_another_date_or_page_does_not_count(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "{<<: *page, id: uses, title: What it is used for, description: What it can help with.}",
               "{<<: *page, id: uses, title: What it is used for, description: What it can help with.,"
               " last_reviewed: 2026-11-20}")
    with faq.open("a", encoding="utf-8") as handle:
        handle.write("  - date: 2026-11-20\n    pages: [faq]\n    what: A new answer.\n    why: Readers asked.\n"
                     "  - date: 2026-11-21\n    pages: [uses]\n    what: A fix.\n    why: A typo.\n")
    result = run_in_process(mini, "check", "--today", "2026-11-24")
    assert result.returncode == 1
    assert "pages[2] 'uses': last_reviewed 2026-11-20 has no changes entry of that date naming 'uses'" in result.stderr


def test_a_change_or_a_clinical_review_dated_in_the_future_fails(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    with faq.open("a", encoding="utf-8") as handle:
        handle.write("  - date: 2027-02-01\n    pages: [faq]\n    what: A new answer.\n    why: Readers asked.\n"
                     "reviews:\n  - date: 2027-03-01\n    reviewer: Dr A Example\n    role: psychiatrist\n"
                     "    pages: [faq]\n")
    result = run_in_process(mini, "check", "--today", "2027-01-01")
    assert result.returncode == 1
    change, review = line_of(faq, "- date: 2027-02-01"), line_of(faq, "- date: 2027-03-01")
    assert result.stderr.splitlines() == [
        f"data/faq.yaml:{change}:11: changes[1].date: 2027-02-01 is in the future; record it on the day it happens",
        f"data/faq.yaml:{review}:11: reviews[0].date: 2027-03-01 is in the future; record it on the day it happens",
        "2 errors, 0 warnings",
    ]


OPTIONS = """options:
  - id: drip
    name: IV ketamine
    summary: A drip into a vein.
    cells:
      given: {text: A drip into a vein., sources: [anand-2023]}
      schedule: {text: Twice a week for three weeks., sources: [anand-2023]}
      onset: {not_known: No trial has measured it.}
      helps:
        text: About 55 in 100 adults responded.
        sources: [anand-2023]
        counts:
          - {in_100: 55, outcome: people responded, who: adults in one trial, sources: [anand-2032]}
      common_effects: {text: Feeling far away., sources: [anand-2023]}
      serious_risks: {text: Blood pressure can rise., sources: [anand-2023]}
      day_time: {text: About two hours., sources: [anand-2023]}
      approval: {text: Not approved for depression.}
      cost: {text: Often paid by the patient., sources: [anand-2023]}
"""


def test_comparison_cells_are_checked_where_they_are_written(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    faq.write_text(faq.read_text() + OPTIONS)
    result = run_in_process(mini, "check")
    assert result.returncode == 1
    approval = line_of(faq, "approval: {text: Not approved")
    count = line_of(faq, "- {in_100: 55")
    assert result.stderr.splitlines() == [
        f"data/faq.yaml:{approval}:17: options[0].cells.approval: a cell with text needs sources: the reference ids "
        "that back it",
        "1 error, 0 warnings",
    ]
    replace_in(faq, "approval: {text: Not approved for depression.}",
               "approval: {text: Not approved for depression., sources: [anand-2023]}")
    result = run_in_process(mini, "check")
    assert result.stderr.splitlines() == [
        f"data/faq.yaml:{count}:89: options[0].cells.helps.counts[0].sources: unknown reference 'anand-2032'; "
        "did you mean 'anand-2023'?",
        "1 error, 0 warnings",
    ]


def test_a_jargon_cell_fails_its_reading_grade_at_its_text(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    faq.write_text(faq.read_text() + OPTIONS.replace("anand-2032", "anand-2023").replace(
        "approval: {text: Not approved for depression.}", f"approval: {{text: {HARD_ANSWER}, sources: [anand-2023]}}"))
    result = run_in_process(mini, "check")
    line = line_of(faq, "approval: {text: Yes. Administration")
    assert result.stderr.splitlines() == [
        f"data/faq.yaml:{line}:24: options[0].cells.approval.text: reading grade 31.6 is above 10; use shorter "
        "sentences and everyday words",
        "1 error, 0 warnings",
    ]
