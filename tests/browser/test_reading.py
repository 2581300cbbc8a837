"""A reader on a phone: pages load cleanly, navigation and search reach every page, answers open, tooltips show."""

from __future__ import annotations

import html.parser
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from site_pages import DESKTOP, PAGES, PHONE, page_path

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "assets" / "screenshots"


@pytest.mark.parametrize("page_id", PAGES)
def test_page_loads_without_errors(open_page, page_id: str) -> None:
    page, visit = open_page(page_id)
    page.mouse.wheel(0, 100_000)  # scroll to the foot, in case anything loads late
    page.wait_for_load_state("networkidle")
    assert visit.console_errors == [], f"{page_id}: console errors"
    assert visit.page_errors == [], f"{page_id}: uncaught exceptions"
    assert visit.failed == [], f"{page_id}: failed requests"
    assert page.locator("h1").count() == 1, f"{page_id}: one <h1> per page"


def test_navigation_reaches_every_page(open_page, base_url: str) -> None:
    """On a phone: open the menu, follow the next page's link, from every page to the last."""
    page, _ = open_page(PAGES[0])
    menu = page.locator("nav.md-nav--primary")
    listed = [urllib.parse.urljoin(page.url, href)
              for href in menu.locator("a.md-nav__link[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
              if "#" not in href]  # on a phone the menu also holds this page's table of contents
    assert sorted(set(listed)) == sorted(base_url + page_path(p) for p in PAGES)
    for page_id in PAGES[1:]:
        page.locator("label.md-header__button[for='__drawer']").click()
        link = menu.locator(f"a.md-nav__link[href$='{page_path(page_id) or './'}']").first
        link.click()
        page.wait_for_url(base_url + page_path(page_id))
        assert page.locator("h1").is_visible(), page_id


def test_search_finds_side_effects(open_page, base_url: str) -> None:
    page, _ = open_page("home")
    page.locator("label.md-header__button[for='__search']").click()
    query = page.locator("input.md-search__input")
    query.press_sequentially("side effects", delay=30)
    result = page.locator(f"a.md-search-result__link[href*='{page_path('side-effects')}']").first
    result.wait_for(state="visible", timeout=5_000)
    result.click()
    page.wait_for_url(f"{base_url}{page_path('side-effects')}**")
    assert "side effects" in page.locator("h1").inner_text().lower()


def test_faq_answers_open_and_close_by_mouse(open_page) -> None:
    page, _ = open_page("faq")
    details = page.locator("details.faq").first
    answer = details.locator("> :not(summary)").first
    assert not _is_open(details) and not answer.is_visible()
    details.locator("summary").click()
    assert _is_open(details) and answer.is_visible()
    details.locator("summary").click()
    assert not _is_open(details)


def test_faq_answers_open_and_close_by_keyboard(open_page) -> None:
    page, _ = open_page("faq")
    details = page.locator("details.faq").nth(1)
    summary = details.locator("summary")
    summary.focus()
    assert summary.evaluate("el => el === document.activeElement"), "the question is reachable by Tab"
    page.keyboard.press("Enter")
    assert _is_open(details)
    page.keyboard.press("Space")
    assert not _is_open(details)


def _is_open(details) -> bool:  # noqa: ANN001
    return details.evaluate("el => el.open")


def test_glossary_tooltip_on_hover(open_page) -> None:
    page, _ = open_page("uses")
    term = page.locator("article abbr").first
    term.hover()
    tooltip = page.locator(".md-tooltip2--active[role='tooltip']")
    tooltip.wait_for(state="visible", timeout=3_000)
    assert len(tooltip.inner_text().strip()) > 10


def test_glossary_tooltip_on_keyboard_focus(open_page) -> None:
    page, _ = open_page("uses")
    focusable = page.locator("article abbr[tabindex='0']")
    assert focusable.count() >= 1, "glossary terms can be reached with Tab"
    # Tab from the element just before the first term, as a keyboard user would arrive
    focusable.first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert focusable.first.evaluate("el => el === document.activeElement")
    tooltip = page.locator(".md-tooltip2--active[role='tooltip']")
    tooltip.wait_for(state="visible", timeout=3_000)
    assert len(tooltip.inner_text().strip()) > 10


def test_light_dark_toggle(open_page) -> None:
    page, _ = open_page("home")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("form[data-md-component='palette'] label:visible").click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.reload()
    assert body.get_attribute("data-md-color-scheme") == "slate", "the choice survives a reload"
    page.locator("form[data-md-component='palette'] label:visible").click()
    assert body.get_attribute("data-md-color-scheme") == "default"


@pytest.mark.parametrize("page_id", PAGES)
def test_no_sideways_scrolling_on_a_phone(open_page, page_id: str) -> None:
    page, _ = open_page(page_id, viewport=PHONE)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]")
    assert max(widths[:2]) <= widths[2], f"{page_id}: content is {max(widths[:2])}px wide on a {widths[2]}px screen"
    page.evaluate("() => window.scrollTo(200, 0)")
    assert page.evaluate("() => window.scrollX") == 0


def test_every_internal_link_resolves(open_page, base_url: str) -> None:
    """Every link to this site, from every page, reaches a page that exists, and its #anchor exists there."""
    ids: dict[str, set[str]] = {}
    broken = []
    for page_id in PAGES:
        page, _ = open_page(page_id, viewport=DESKTOP)
        hrefs = page.locator("a[href]").evaluate_all("els => els.map(e => e.href)")
        for href in sorted(set(hrefs)):
            if not href.startswith(base_url):
                continue
            target, _, fragment = href.partition("#")
            if target not in ids:
                ids[target] = _ids_at(target)
            if ids[target] is None:
                broken.append(f"{page_id}: {href} (not found)")
            elif fragment and urllib.parse.unquote(fragment) not in ids[target]:
                broken.append(f"{page_id}: {href} (no element with id '{fragment}')")
    assert len(ids) >= len(PAGES)
    assert broken == []


def _ids_at(url: str) -> set[str] | None:
    """The ids in the HTML at `url`, or None when it does not load."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read().decode("utf-8", "replace")
            kind = response.headers.get_content_type()
    except urllib.error.HTTPError:
        return None
    collector = _IdCollector()
    if kind == "text/html":
        collector.feed(body)
    return collector.ids


class _IdCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name in ("id", "name") and value)


SHOTS = [  # (page, file name, viewport, colour scheme): the README's pictures
    ("home", "home", PHONE, "light"),
    ("side-effects", "side-effects", PHONE, "light"),
    ("faq", "faq-phone-dark", PHONE, "dark"),
    ("compare", "compare-desktop", DESKTOP, "light"),
    ("side-effects", "side-effects-desktop-dark", DESKTOP, "dark"),
]


@pytest.mark.parametrize(("page_id", "name", "viewport", "scheme"), SHOTS, ids=[shot[1] for shot in SHOTS])
def test_screenshot(open_page, page_id: str, name: str, viewport: dict[str, int], scheme: str,
                    tmp_path: Path) -> None:
    """The top of a page; `make screenshots` saves them for the README (assets/screenshots/)."""
    folder = SCREENSHOTS if os.environ.get("KBSITE_UPDATE_SCREENSHOTS") else tmp_path
    page, _ = open_page(page_id, viewport=viewport, scheme=scheme)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), animations="disabled")
    assert (folder / f"{name}.png").stat().st_size > 10_000


def test_printed_faq_screenshot(open_page, tmp_path: Path) -> None:
    """The FAQ's first printed page: the print stylesheet on an A4-wide sheet (96 dpi), as Chromium prints it."""
    folder = SCREENSHOTS if os.environ.get("KBSITE_UPDATE_SCREENSHOTS") else tmp_path
    page, _ = open_page("faq", viewport={"width": 794, "height": 1123})
    page.emulate_media(media="print")
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / "faq-print.png"), animations="disabled")
    assert page.locator("details.faq").first.locator("p").first.is_visible(), "answers print open"
    assert not page.locator(".md-sidebar--primary").is_visible()
