"""Each page of both editions loads cleanly on a phone, fits its width, and, searching included, asks nothing of
any host but the site's own."""

from __future__ import annotations

import urllib.parse

import pytest
from site_pages import LANGUAGES, PAGES, PHONE

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = {"data", "blob", "about"}
"""Not network requests: inline images, worker blobs, blank frames."""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_id", PAGES)
def test_page_loads_cleanly_fits_a_phone_and_only_the_site_is_contacted(open_page, base_url: str, page_id: str,
                                                                        language: str) -> None:  # noqa: ANN001
    page, visit = open_page(page_id, viewport=PHONE, language=language)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]")
    assert max(widths[:2]) <= widths[2], f"{page_id}: content is {max(widths[:2])}px wide on a {widths[2]}px screen"
    page.evaluate("() => window.scrollTo(200, 0)")
    assert page.evaluate("() => window.scrollX") == 0, f"{page_id}: scrolls sideways"
    page.mouse.wheel(0, 100_000)  # scroll to the foot, in case anything loads late
    page.wait_for_load_state("networkidle")
    assert visit.console_errors == [], f"{page_id}: console errors"
    assert visit.page_errors == [], f"{page_id}: uncaught exceptions"
    assert visit.failed == [], f"{page_id}: failed requests"
    assert page.locator("h1").count() == 1, f"{page_id}: one <h1> per page"
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").press_sequentially("ketamin")  # ketamine, ketamina
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=5_000)
    page.wait_for_load_state("networkidle")
    origin = urllib.parse.urlsplit(base_url)
    elsewhere = [url for url in visit.requests
                 if urllib.parse.urlsplit(url).scheme not in LOCAL_SCHEMES
                 and urllib.parse.urlsplit(url)[:2] != origin[:2]]
    assert any(url.endswith("/search/search_index.json") for url in visit.requests), \
        "the recorder sees requests made by the search worker too"
    assert elsewhere == [], f"{page_id} contacted other hosts"
    assert visit.console_errors == [] and visit.failed == [], f"{page_id}: errors while searching"
