"""Both editions: each page says its language, links to the same page in the other one, and Spanish is whole.

(The hreflang alternates of every page are in each edition's sitemap.xml: tests/browser/test_findable.py.)"""

from __future__ import annotations

import pytest
from site_pages import LANGUAGES, PAGES, page_path

from kbsite.translation import LANGUAGES as NAMES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_id", PAGES)
def test_the_switch_leads_to_the_same_page_in_the_other_language(open_page, base_url: str, page_id: str,
                                                                 language: str) -> None:  # noqa: ANN001
    page, _ = open_page(page_id, language=language)
    assert page.locator("html").get_attribute("lang") == language
    other = next(lang for lang in LANGUAGES if lang != language)
    switch = page.get_by_role("navigation", name="Idioma" if language == "es" else "Language")
    link = switch.get_by_role("link", name=NAMES[other])
    assert link.get_attribute("hreflang") == other and link.is_visible()
    link.click()
    page.wait_for_url(base_url + page_path(page_id, other))
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator("h1").count() == 1


def test_the_spanish_edition_speaks_spanish(open_page, kb) -> None:  # noqa: ANN001
    page, _ = open_page("side-effects", language="es")
    text = page.locator("article").inner_text()
    assert "riesgo grave" in text.lower() and "serious risk" not in text.lower()  # the label is in capitals
    assert "Fuentes:" in text and "Sources:" not in text
    assert "Comprobada con sus fuentes por última vez:" in text
    crisis = page.locator("#get-help-now").inner_text()
    assert "024" in crisis and "988" in crisis and "marque" in crisis and "findahelpline.com" in crisis
    assert page.locator(".crisis-line").inner_text().startswith("¿En crisis?")
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "Búsqueda"  # Material in Spanish


def test_spanish_search_finds_side_effects(open_page, base_url: str) -> None:  # noqa: ANN001
    page, _ = open_page("home", language="es")
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").press_sequentially("efectos secundarios", delay=30)
    result = page.locator(f"a.md-search-result__link[href*='{page_path('side-effects', 'es')}']").first
    result.wait_for(state="visible", timeout=5_000)
    result.click()
    page.wait_for_url(f"{base_url}{page_path('side-effects', 'es')}**")
    assert "efectos secundarios" in page.locator("h1").inner_text().lower()
