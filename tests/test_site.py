"""The real site: every page is built, says what it must, and passes MkDocs' strict build."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from helpers import REPO, run_build
from kbsite.load import load_kb
from kbsite.pages import PAGE_FILES

SHARED = REPO.parent / "shared"


def page_html(root: Path, page: str) -> str:
    name = PAGE_FILES[page].removesuffix(".md")
    path = root / "site" / ("index.html" if name == "index" else f"{name}/index.html")
    return path.read_text(encoding="utf-8")


def page_text(root: Path, page: str) -> str:
    """The visible text of a page's main content, whitespace folded."""
    html = page_html(root, page)
    main = html[html.index('<article'): html.index("</article>")]
    main = re.sub(r"</?(?:abbr|a|strong|em|span|code)\b[^>]*>", "", main)  # inline tags join their words
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def test_real_data_passes_check_with_full_coverage() -> None:
    result = run_build(REPO, "check")
    assert result.returncode == 0, result.stderr
    summary = re.search(r"coverage: (\d+)/(\d+) sections, (\d+)/(\d+) points covered", result.stdout)
    assert summary and summary[1] == summary[2] and summary[3] == summary[4], result.stdout
    asked = re.search(r"reader questions: (\d+)/(\d+) answered, (\d+)/(\d+) points covered", result.stdout)
    assert asked and asked[1] == asked[2] and asked[3] == asked[4] and int(asked[2]) >= 12, result.stdout


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_carries_safety_help_check_dates_and_who_is_behind_it(built_site: Path, page: str) -> None:
    text = page_text(built_site, page)
    kb, _ = load_kb(REPO / "data/faq.yaml")
    entry = next(p for p in kb.pages if p.id == page)
    checked, due = (f"{day.day} {day:%B %Y}" for day in (entry.last_reviewed, entry.next_review))
    for needed in ("988", "116 123", "findahelpline.com", "local emergency number", "not medical advice",
                   f"Last checked against its sources: {checked} · Next check due: {due}",
                   "No clinician has reviewed this page yet: what this means.",
                   f"Published by: {kb.site.publisher} · Contact: {kb.site.contact}",
                   f"Funding: {kb.site.funding}", f"Conflicts of interest: {kb.site.conflicts}"):
        assert needed in text, f"{page}: missing {needed!r}"
    assert kb.site.disclaimer in text
    assert "Page last reviewed:" not in text and "Medically reviewed" not in text  # the real data has no review
    link = {"home": "about/", "about": "./"}.get(page, "../about/") + "#clinical-review"
    assert f'href="{link}">what this means</a>' in page_html(built_site, page)  # the footer links to About


@pytest.mark.parametrize("page, facts", [
    ("home", ["Spravato", "off-label"]),
    ("what-is-ketamine", ["1970", "Schedule III", "NMDA", "animal"]),
    ("uses", ["Evidence: Approved (esketamine).", "Evidence: Good evidence, off-label.",
              "Evidence: Mixed evidence, off-label.", "Evidence: Early evidence, off-label.",
              "What the evidence labels mean", "PTSD", "migraine"]),
    ("treatment", ["40 minutes", "awake", "2 hours", "next day"]),
    ("side-effects", ["blood pressure", "bladder", "nausea", "8 to 19 in 100", "40 minutes", "4 hours",
                      "Slowed breathing", "Liver"]),
    ("not-suitable", ["psychosis", "blood pressure", "Who should not have it", "Who needs a specialist's review first",
                      "What everyone needs to plan", "aneurysm", "lamotrigine", "MAOI", "pregnant", "breastfeeding",
                      "under 18", "65", "alcohol"]),
    ("uses", ["not been shown to prevent suicide", "167 people", "up to 1 week"]),
    ("choosing", ["NICE", "Scotland", "Class B", "insurance", "whole first course",
                  "31 December 2026", "ELEKT-D", "Ketamine-assisted psychotherapy", "Warning signs"]),
    ("home", ["Start here"]),
    ("about", ["FDA-approved", "60 to 70", "inflammation", "migraine",
               "No doctor or other health professional has checked this guide yet"]),
])
def test_each_page_states_its_key_facts(built_site: Path, page: str, facts: list[str]) -> None:
    text = page_text(built_site, page)
    for fact in facts:
        assert fact in text, f"{page}: missing {fact!r}"


def test_every_factual_entry_shows_numbered_citations_linking_to_references(built_site: Path) -> None:
    references = page_html(built_site, "references")
    kb, _ = load_kb(REPO / "data/faq.yaml")
    for ref in kb.references:
        assert f'id="ref-{ref.id}"' in references
    uses = page_html(built_site, "uses")
    links = re.findall(r'<a aria-label="Sources? (\d+)\. ([^"]+)" href="../references/#ref-([a-z0-9-]+)" '
                       r'title="(\d+)\. [^"]+">(\d+)(?:–\d+)?</a>', uses)
    assert len(links) >= len(kb.conditions)
    numbers = {ref.id: n for n, ref in enumerate(kb.references, start=1)}
    shorts = {ref.id: ref.short for ref in kb.references}
    for named, name, ref_id, title, shown in links:
        assert numbers[ref_id] == int(named) == int(title) == int(shown)
        assert html.unescape(name).startswith(shorts[ref_id].replace("(", "").replace(")", "")), name


def test_faq_page_has_at_least_20_collapsible_questions_with_sources(built_site: Path) -> None:
    html = page_html(built_site, "faq")
    questions = re.findall(r'<details class="faq" id="([a-z0-9-]+)">\s*<summary>', html)
    assert len(questions) >= 20
    assert html.count('<p class="sources">') >= len(questions)


def test_glossary_terms_show_as_tooltips_on_content_pages(built_site: Path) -> None:
    html = page_html(built_site, "uses")
    assert len(re.findall(r'<abbr title="[^"]+" tabindex="0">PTSD</abbr>', html)) >= 1
    glossary = page_text(built_site, "glossary")
    for term in ("NMDA", "TRD", "PTSD", "CRPS", "SSRI", "REMS", "esketamine", "dissociation"):
        assert term in glossary


def test_pages_request_nothing_from_third_parties(built_site: Path) -> None:
    for page in PAGE_FILES:
        html = page_html(built_site, page)
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        for src in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?://[^"]+)"', html):
            assert src.startswith("https://example.org/"), f"{page}: loads {src}"


def test_mkdocs_strict_build_passes_on_the_generated_docs(built_site: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
                            cwd=built_site, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_no_wording_is_copied_from_the_source_article() -> None:
    tool = SHARED / "tools/copycheck.py"
    if not tool.is_file():
        pytest.skip("../shared/tools/copycheck.py is not beside the repo")
    result = subprocess.run([sys.executable, str(tool), "data", "templates", "docs/assets"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
