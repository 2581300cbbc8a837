"""Glossary tooltips: the first use of a term in each section is marked, nothing in headings, links or HTML."""

from __future__ import annotations

from kbsite.glossary import mark_first_uses

TIPS = {"ketamine": "A medicine for surgery.", "IV": "intravenous: into a vein.", "IV infusion": "A drip."}


def marked(text: str) -> list[str]:
    import re
    return re.findall(r'<abbr title="[^"]*" tabindex="0">([^<]+)</abbr>', mark_first_uses(text, TIPS))


def test_each_term_is_marked_once_per_section() -> None:
    page = "Ketamine helps. Then ketamine again.\n\n## Next\n\nMore ketamine here, and ketamine."
    assert marked(page) == ["Ketamine", "ketamine"]


def test_headings_questions_links_and_citations_are_left_alone() -> None:
    page = ("# What ketamine is\n\n<summary markdown=\"span\">Is ketamine safe?</summary>\n\n"
            "Read [about ketamine](x.md \"ketamine\") first.\n\nSources: [4](references.md#ref-ketamine)\n")
    assert marked(page) == []


def test_the_longest_term_wins_and_an_upper_case_term_keeps_its_case() -> None:
    assert marked("An IV infusion, then an IV, not an iv or ivy.") == ["IV infusion", "IV"]


def test_front_matter_and_prose_off_blocks_are_not_marked() -> None:
    page = "---\ntitle: ketamine\n---\n<!-- prose-off -->\nketamine\n<!-- prose-on -->\nText."
    assert mark_first_uses(page, TIPS) == page


def test_a_definition_with_quotes_stays_one_attribute() -> None:
    out = mark_first_uses("ketamine", {"ketamine": 'The "K" drug & more'})
    assert out == '<abbr title="The &quot;K&quot; drug &amp; more" tabindex="0">ketamine</abbr>'
