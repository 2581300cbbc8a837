"""Privacy: reading any page, searching included, asks nothing of any host but the site's own server."""

from __future__ import annotations

import urllib.parse

import pytest
from site_pages import PAGES

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = {"data", "blob", "about"}
"""Not network requests: inline images, worker blobs, blank frames."""


@pytest.mark.parametrize("page_id", PAGES)
def test_only_the_site_is_contacted(open_page, base_url: str, page_id: str) -> None:
    page, visit = open_page(page_id)
    page.mouse.wheel(0, 100_000)
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").press_sequentially("ketamine")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=5_000)
    page.wait_for_load_state("networkidle")
    origin = urllib.parse.urlsplit(base_url)
    elsewhere = [url for url in visit.requests
                 if urllib.parse.urlsplit(url).scheme not in LOCAL_SCHEMES
                 and urllib.parse.urlsplit(url)[:2] != origin[:2]]
    assert any(url.endswith("/search/search_index.json") for url in visit.requests), \
        "the recorder sees requests made by the search worker too"
    assert elsewhere == [], f"{page_id} contacted other hosts"
