"""The real site built by the other engines (ProperDocs, Zensical) passes the checks a reader relies on.

Each engine builds the real data once; its site is served on 127.0.0.1 and read in Chromium: every page of
both editions is there with crisis help, its language and its JSON-LD, axe finds no violation, nothing is
asked of another host, and the engine's own search finds the side-effects page. The default engine (MkDocs)
builds the site every other browser test reads.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from browsing import page_opener, serving
from site_pages import LANGUAGES, PAGES, page_path

from helpers import REPO, make_project, run_build

from kbsite.engines import DEFAULT_ENGINE, ENGINES

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LOCAL_SCHEMES = {"data", "blob", "about"}


@pytest.fixture(scope="module", params=[engine for engine in ENGINES if engine != DEFAULT_ENGINE])
def engine_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site built with one engine and served; yields its URL (ending in '/').

    The default engine's site is the one every other browser test reads, so it is not built again here."""
    root = make_project(tmp_path_factory.mktemp(request.param) / "project", REPO)
    result = run_build(root, "build", "--engine", request.param)
    assert result.returncode == 0, result.stdout + result.stderr
    with serving(root / "site") as url:
        yield url


@pytest.fixture
def visit(browser, engine_site: str):  # noqa: ANN001, ANN201
    """visit(page_id) -> (page, what the browser saw), on the engine's site."""
    with page_opener(browser, engine_site) as opener:
        yield opener


def test_every_page_is_there_with_crisis_help_and_json_ld(engine_site: str) -> None:
    """Every page of both editions, as the engine wrote it: its language, its crisis help and its JSON-LD."""
    for page_id, language in [(p, lang) for lang in LANGUAGES for p in PAGES]:
        with urllib.request.urlopen(engine_site + page_path(page_id, language), timeout=10) as response:
            body = response.read().decode("utf-8")
        help_here = ("988", "116 123") if language == "en" else ("988", "024")
        assert all(number in body for number in help_here) and "findahelpline.com" in body, (page_id, language)
        assert re.search(rf'<html[^>]* lang="{language}"', body), (page_id, language)
        blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)]
        assert any(item.get("@type") == "MedicalWebPage" and item.get("inLanguage") == language
                   for block in blocks for item in block), (page_id, language)


def test_axe_finds_no_violation_on_any_page(visit) -> None:  # noqa: ANN001
    axe = Axe()
    for page_id in PAGES:
        page, _ = visit(page_id)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                         "resultTypes": ["violations"]})
        assert not results.response["violations"], (page_id, [v["id"] for v in results.response["violations"]])


def test_search_finds_side_effects_and_asks_no_other_host(visit, engine_site: str) -> None:  # noqa: ANN001
    page, seen = visit("home")
    page.locator("label[for='__search']").first.click()
    page.locator("input[data-md-component='search-query'], input.md-search__input").first.press_sequentially(
        "side effects", delay=30)
    result = page.locator(f"a[href*='{page_path('side-effects')}']").filter(
        has=page.locator(".md-search-result__article, article, h1, h2")).first
    result.wait_for(state="visible", timeout=10_000)
    result.click()
    page.wait_for_url(f"{engine_site}{page_path('side-effects')}**")
    assert "side effects" in page.locator("h1").first.inner_text().lower()
    origin = urllib.parse.urlsplit(engine_site)[:2]
    elsewhere = [url for url in seen.requests if urllib.parse.urlsplit(url).scheme not in LOCAL_SCHEMES
                 and urllib.parse.urlsplit(url)[:2] != origin]
    assert elsewhere == []
