"""A reader on a phone: pages load cleanly, navigation and search reach every page, answers open, tooltips show."""

from __future__ import annotations

import html.parser
import os
import urllib.parse
from pathlib import Path

import pytest
from site_pages import DESKTOP, LANGUAGES, PAGES, PHONE, page_path

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "assets" / "screenshots"


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


def test_every_internal_link_resolves(site_dir: Path) -> None:
    """Every link to this site, from every page of both editions, reaches a page that exists, and its #anchor
    exists there (read from the built HTML: the links and ids are the same ones the browser sees)."""
    root = "http://site.test/"
    pages = {root + path.relative_to(site_dir).as_posix().removesuffix("index.html"): path
             for path in sorted(site_dir.glob("**/index.html"))}
    found = {url: _links_and_ids(path) for url, path in pages.items()}
    broken = []
    for url, (hrefs, _) in found.items():
        for href in hrefs:
            target, _, fragment = urllib.parse.urljoin(url, href).partition("#")
            if not target.startswith(root):
                continue  # another site
            if target not in found and not (site_dir / target[len(root):]).is_file():
                broken.append(f"{url}: {href} (not found)")
            elif fragment and target in found and urllib.parse.unquote(fragment) not in found[target][1]:
                broken.append(f"{url}: {href} (no element with id '{fragment}')")
    assert {root + page_path(p, lang) for p in PAGES for lang in LANGUAGES} <= set(found)
    assert broken == []


def _links_and_ids(path: Path) -> tuple[list[str], set[str]]:
    """The hrefs of a page's links and the ids of its elements."""
    collector = _IdCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.hrefs, collector.ids


class _IdCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name in ("id", "name") and value)
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value]


SHOTS = [  # (page, file name, viewport, colour scheme, language): the README's pictures
    ("home", "home", PHONE, "light", "en"),
    ("side-effects", "side-effects", PHONE, "light", "en"),
    ("faq", "faq-phone-dark", PHONE, "dark", "en"),
    ("compare", "compare-desktop", DESKTOP, "light", "en"),
    ("side-effects", "side-effects-desktop-dark", DESKTOP, "dark", "en"),
    ("home", "home-es", PHONE, "light", "es"),
    ("side-effects", "side-effects-es-desktop", DESKTOP, "light", "es"),
]


@pytest.mark.parametrize(("page_id", "name", "viewport", "scheme", "language"), SHOTS,
                         ids=[shot[1] for shot in SHOTS])
def test_screenshot(open_page, page_id: str, name: str, viewport: dict[str, int], scheme: str, language: str,
                    tmp_path: Path) -> None:
    """The top of a page; `make screenshots` saves them for the README (assets/screenshots/)."""
    folder = SCREENSHOTS if os.environ.get("KBSITE_UPDATE_SCREENSHOTS") else tmp_path
    page, _ = open_page(page_id, viewport=viewport, scheme=scheme, language=language)
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
