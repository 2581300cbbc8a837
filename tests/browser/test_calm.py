"""A calm page on a phone: crisis help small but always there, tooltips on first use, serious risks marked,
one palette, compact citations."""

from __future__ import annotations

import re

import pytest
from site_pages import DESKTOP, LANGUAGES, PAGES

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_id", PAGES)
def test_crisis_line_is_one_line_and_the_content_starts_on_the_first_screen(open_page, page_id: str,  # noqa: ANN001
                                                                           language: str) -> None:
    page, _ = open_page(page_id, viewport=PHONE_390, language=language)
    line = page.locator("article .crisis-line")
    box = line.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844, "visible without scrolling"
    line_height = line.locator("p").evaluate("p => parseFloat(getComputedStyle(p).lineHeight)")
    assert box["height"] < 2 * line_height + 12, f"{page_id}: the crisis line wraps ({box['height']}px)"
    assert "988" in line.inner_text() and line.locator("a[href='#get-help-now']").count() == 1
    heading = page.locator("article h1")
    assert heading.bounding_box()["y"] + heading.bounding_box()["height"] <= 844
    first = page.locator("article h2, article details.faq > summary").first
    if first.count():
        assert first.bounding_box()["y"] < 844, f"{page_id}: the first content heading is below the first screen"
    full = page.locator("article #get-help-now .admonition.crisis")
    assert full.count() == 1, "the full crisis box ends the page"
    assert "findahelpline.com" in full.inner_text()


@pytest.mark.parametrize("page_id", PAGES)
def test_tooltips_mark_a_term_once_per_section_and_never_in_headings(open_page, page_id: str) -> None:  # noqa: ANN001
    page, _ = open_page(page_id, viewport=DESKTOP)
    sections = page.locator("article").evaluate("""article => {
        const out = []; let current = [];
        for (const el of article.querySelectorAll('h1, h2, h3, h4, h5, h6, abbr')) {
            if (el.tagName !== 'ABBR') { out.push(current); current = []; continue; }
            current.push(el.textContent.trim().toLowerCase());
        }
        out.push(current);
        return out;
    }""")
    for terms in sections:
        assert len(terms) == len(set(terms)), f"{page_id}: a term is marked twice in one section: {terms}"
    assert page.locator("article :is(h1, h2, h3, summary) abbr").count() == 0
    marked = page.locator("article abbr")
    assert marked.count() == marked.and_(page.locator("[tabindex='0'][title]")).count(), "each marked use has focus"


def test_serious_risks_are_marked_in_words_and_an_icon(open_page, kb) -> None:  # noqa: ANN001
    page, _ = open_page("side-effects", viewport=DESKTOP)
    boxes = page.locator("article .serious-risk")
    serious = [effect.name for effect in kb.side_effects if effect.kind == "serious"]
    assert boxes.locator("h3").all_inner_texts() == serious
    for box in boxes.all():
        assert box.locator(".serious-risk__label").inner_text().strip().lower() == "serious risk"
        assert box.locator(".serious-risk__icon").evaluate("i => getComputedStyle(i).maskImage !== 'none'")
    common = page.locator("article h3").all_inner_texts()
    assert len(common) > len(serious), "other effects are not boxed"
    styles = page.evaluate("""() => {
        const box = document.querySelector('.serious-risk');
        const plain = [...document.querySelectorAll('article h3')].find(h => !h.closest('.serious-risk')).parentElement;
        return [getComputedStyle(box).borderLeftColor, getComputedStyle(box).backgroundColor,
                getComputedStyle(plain).backgroundColor];
    }""")
    assert styles[1] != styles[2], "a serious risk looks different from a minor one"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_faq_blocks_use_the_site_palette_not_lime(open_page, scheme: str) -> None:  # noqa: ANN001
    page, _ = open_page("faq", viewport=DESKTOP, scheme=scheme)
    colours = page.locator("details.faq").first.evaluate("""d => [getComputedStyle(d).borderLeftColor,
        getComputedStyle(d.querySelector('summary')).backgroundColor]""")
    for colour in colours:
        r, g, b = (int(x) for x in re.findall(r"\d+", colour)[:3])
        assert not (g > r + 40 and g > b + 40), f"green FAQ block: {colour}"
        assert b >= r, f"not the indigo of the palette: {colour}"


def test_long_citation_runs_are_grouped_and_every_link_is_named(open_page) -> None:  # noqa: ANN001
    page, _ = open_page("home", viewport=DESKTOP)
    lines = page.locator("article p.sources").all()
    assert lines
    grouped = False
    for line in lines:
        text = line.inner_text().strip()
        assert re.fullmatch(r"Sources: \d+(?:–\d+)?(?: \(drug maker\))?(?:, \d+(?:–\d+)?(?: \(drug maker\))?)*", text), text
        grouped |= "–" in text
        for link in line.locator("a").all():
            name = link.get_attribute("aria-label") or ""
            assert re.match(r"Sources? \d+\. .+, [a-z ]+$", name), name
            assert link.get_attribute("title"), "a tooltip with the short reference"
    assert grouped, "a run of three or more numbers reads as a range such as 10–12"


def test_home_lists_the_pages_once_and_its_first_screen_says_what_for_whom_and_where_to_start(open_page, kb) -> None:  # noqa: ANN001
    page, _ = open_page("home", viewport=PHONE_390)
    from site_pages import PAGES, page_path
    for page_id in PAGES[1:]:
        links = page.locator(f"article a[href$='{page_path(page_id)}']")
        titles = [t for t in links.all_inner_texts() if t.strip() == next(p.title for p in kb.pages if p.id == page_id)]
        assert len(titles) == 1, f"home links '{page_id}' by its title {len(titles)} times"
    first_screen = page.evaluate("""() => [...document.querySelectorAll('article h1, article p, article h2')]
        .filter(el => el.getBoundingClientRect().bottom <= innerHeight).map(el => el.innerText).join(' ')""")
    assert kb.site.audience.split(",")[0] in first_screen, "for whom"
    assert "What this guide covers" in first_screen, "where to start"
