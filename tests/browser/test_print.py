"""Printing with Chromium's PDF printer: every answer open, no site chrome, outside links written out."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from site_pages import DESKTOP, LANGUAGES, PAGES

from kbsite.text import plain_text

pytestmark = pytest.mark.browser


def _pdf_text(page) -> str:  # noqa: ANN001
    """The text of the page printed to A4 by Chromium."""
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    return "".join(p.extract_text() for p in reader.pages)


def _squash(text: str) -> str:
    """Letters and digits only: PDF text breaks lines anywhere and adds list bullets."""
    return re.sub(r"[\W_]+", "", text)


def _printed(page) -> str:  # noqa: ANN001
    return _squash(_pdf_text(page))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_printed_faq_holds_every_answer(open_page, kbs, language: str) -> None:  # noqa: ANN001
    kb = kbs[language]
    page, _ = open_page("faq", viewport=DESKTOP, language=language)
    assert page.locator("details.faq[open]").count() == 0, "on screen the answers start closed"
    # outside links print their address after them, in brackets: leave those out
    printed = _squash(re.sub(r"\(https?://[^)]*\)", "", re.sub(r"\s+", "", _pdf_text(page))))
    # each answer's opening words (its first line: a list below it prints with bullets)
    missing = [faq.id for faq in kb.faqs
               if _squash(" ".join(plain_text(faq.answer.strip().splitlines()[0]).split()[:10])) not in printed]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_id", PAGES)
def test_no_page_prints_navigation_or_site_chrome(open_page, kbs, page_id: str, language: str) -> None:  # noqa: ANN001
    kb = kbs[language]
    page, _ = open_page(page_id, viewport=DESKTOP, language=language)
    own = _squash(page.locator("article").inner_text())
    labels = page.locator("nav.md-nav--primary a.md-nav__link").all_inner_texts()
    printed = _printed(page)
    leaked = [label for label in set(labels) if _squash(label) not in own and _squash(label) in printed]
    assert leaked == [], f"{page_id}: navigation printed"
    chrome = ("Tableofcontents", "Backtotop", "Switchtodarkmode", "Switchtolightmode")
    assert [label for label in chrome if label in printed] == []
    page.emulate_media(media="print")
    assert not page.locator(".language-switch").is_visible(), "the language switch stays off paper"
    assert ("Incrisis" if language == "en" else "Encrisis") in printed and "988" in printed, "one line of crisis help"
    assert _squash(page.locator(".print-address").inner_text()) in printed, "the page's own address"
    assert _squash(kb.site.crisis_intro) not in printed, "on paper the one line stands for the full crisis box"


def test_outside_links_print_where_they_lead(open_page) -> None:  # noqa: ANN001
    page, _ = open_page("home", viewport=DESKTOP)
    href = page.locator("article a[href^='https://nhs.uk']").first.get_attribute("href")
    assert _squash(href) in _printed(page)
