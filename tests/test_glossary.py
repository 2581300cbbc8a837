"""Glossary tooltips: the first use of a term in each section is marked, nothing in headings, links or HTML."""

from __future__ import annotations

import html
import random
import re

from kbsite.glossary import mark_first_uses

TIPS = {"ketamine": "A medicine for surgery.", "IV": "intravenous: into a vein.", "IV infusion": "A drip."}


def marked(text: str) -> list[str]:
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


ES_TIPS = {"anestésico": "Un medicamento que quita el dolor.", "malformación arteriovenosa": "Un ovillo de vasos.",
           "úlceras": "Llagas.", "TEPT": "trastorno de estrés postraumático."}


def test_spanish_terms_with_accents_follow_the_same_rules() -> None:
    page = ("Dos anestésicos, o un anestésico. Úlceras y úlceras.\n\n## Más\n\n"
            "La Malformación arteriovenosa y el TEPT, no el tept ni TEPTs.")
    found = re.findall(r'<abbr title="[^"]*" tabindex="0">([^<]+)</abbr>', mark_first_uses(page, ES_TIPS))
    assert found == ["anestésico", "Úlceras", "Malformación arteriovenosa", "TEPT"]


def test_a_lowercase_term_matches_in_every_case_form_unicode_has() -> None:
    assert marked("The \u212aETAMINE story.") == ["\u212aETAMINE"]  # the Kelvin sign is a capital k to Python's re


# The rules, one line at a time, as the marking was first written: the one-pass marking must agree with them.
_HEADING = re.compile(r"^#{1,6}\s")
_PROTECTED = re.compile(r"!?\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?|\{[^}]*\}|<[^>]+>|`[^`]*`|https?://\S+|Sources:.*$")
_UNMARKED_LINE = re.compile(r"^\s*(?:<|\{:|\*\[|\|)")


def _by_lines(markdown: str, tooltips: dict[str, str]) -> str:
    alternatives = [f"(?i:{re.escape(t)})" if t == t.lower() else re.escape(t)
                    for t in sorted(tooltips, key=len, reverse=True)]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
    seen: set[str] = set()

    def mark(match: re.Match[str]) -> str:
        word = match.group(0)
        term = next(t for t in sorted(tooltips, key=len, reverse=True)
                    if re.fullmatch(f"(?i:{re.escape(t)})" if t == t.lower() else re.escape(t), word))
        if term in seen:
            return word
        seen.add(term)
        return f'<abbr title="{html.escape(tooltips[term], quote=True)}" tabindex="0">{word}</abbr>'

    lines, skipping = markdown.split("\n"), False
    front = lines[0] == "---"
    for number, line in enumerate(lines):
        if front:
            front = not (number > 0 and line == "---")
            continue
        if "<!-- prose-off -->" in line:
            skipping = True
        if skipping:
            skipping = "<!-- prose-on -->" not in line
            continue
        if _HEADING.match(line):
            seen = set()
            continue
        if _UNMARKED_LINE.match(line):
            continue
        out, start = [], 0
        for protected in _PROTECTED.finditer(line):
            out += [pattern.sub(mark, line[start:protected.start()]), protected.group(0)]
            start = protected.end()
        lines[number] = "".join(out) + pattern.sub(mark, line[start:])
    return "\n".join(lines)


_PIECES = ["ketamine", "Ketamine", "KETAMINE", "IV", "iv", "IV infusion", "K-hole", "kg", "\u212ag", "Úlceras",
           "úlceras", "malformación arteriovenosa", "Malformación Arteriovenosa", "anestésico", "Special K",
           "[IV](x)", "![ketamine](y)", "{: .x }", "{ketamine}", "<b>", "`IV`", "https://x.org/IV", "Sources:",
           "ketaminehttps://a", "IVSources:", "#", "## ", "\n", "\n", " ", " ", ",", "-", "_", "\t", "|", "*[", "{:",
           "<", ">", "[", "]", "(", ")", "<!-- prose-off -->", "<!-- prose-on -->", "---", "é", "x"]
_RANDOM_TIPS = {"ketamine": "k", "IV": "iv", "IV infusion": "d", "K-hole": "kh", "kg": "kg", "úlceras": "u",
                "malformación arteriovenosa": "m", "anestésico": "a", "Special K": "sk", "x": "x"}


def test_one_pass_marking_agrees_with_the_line_by_line_rules() -> None:
    rng = random.Random(11)
    for _ in range(3000):
        page = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 30)))
        page = "---\n" + page if rng.random() < 0.2 else page
        assert mark_first_uses(page, _RANDOM_TIPS) == _by_lines(page, _RANDOM_TIPS), page
