"""Decision support in a real browser: the options side by side, pictures of the numbers, the clinic checklist."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from site_pages import DESKTOP, PHONE

from kbsite.model import OPTION_ROWS
from kbsite.pages import CITED_COLLECTIONS, page_of_entry
from kbsite.pictures import label

pytestmark = pytest.mark.browser


def test_compare_page_shows_every_option_for_every_row(open_page, kb) -> None:  # noqa: ANN001
    page, _ = open_page("compare", viewport=DESKTOP)
    headings = page.locator("article h2").all_inner_texts()
    assert [h for h in headings if h in OPTION_ROWS.values()] == list(OPTION_ROWS.values())
    rows = page.locator("article .compare-row")
    assert rows.count() == len(OPTION_ROWS)
    for index, row in enumerate(OPTION_ROWS):
        names = rows.nth(index).locator(".compare-cell__option").all_inner_texts()
        assert names == [option.name for option in kb.options], row
        for option, cell in zip(kb.options, rows.nth(index).locator(".compare-cell").all(), strict=True):
            text = cell.inner_text()
            value = getattr(option.cells, row)
            if value.not_known:
                assert "Not known." in text, (option.id, row)
            else:
                assert cell.locator(".sources a").count() >= 1, f"{option.id}.{row} cites its sources"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_compare_cards_fit_the_screen(open_page, viewport) -> None:  # noqa: ANN001
    page, _ = open_page("compare", viewport=viewport)
    width = page.evaluate("innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    right = page.locator(".compare-cell").evaluate_all("els => Math.max(...els.map(e => e.getBoundingClientRect().right))")
    assert right <= width
    lefts = page.locator(".compare-row").first.locator(".compare-cell").evaluate_all(
        "els => new Set(els.map(e => Math.round(e.getBoundingClientRect().left))).size")
    if viewport is PHONE:
        assert lefts == 1, "on a phone the options stack"
    else:
        assert lefts == 4, "on a wide screen the options sit side by side"


def _all_counts(kb):  # noqa: ANN001, ANN202
    """(page id, count) for every count in the data."""
    found = []
    for collection in CITED_COLLECTIONS:
        for item in getattr(kb, collection):
            if collection == "options":
                found += [("compare", count) for _, cell in item.cells for count in cell.counts]
            else:
                found += [(page_of_entry(collection, item), count) for count in item.counts]
    return found


def test_the_data_draws_the_four_required_pictures(kb) -> None:  # noqa: ANN001
    outcomes = " | ".join(f"{count.in_100} {count.outcome}" for _, count in _all_counts(kb))
    for needed in ("respond", "remission", "placebo", "detached|dissociat", "blood pressure"):
        assert re.search(needed, outcomes, re.I), f"no icon array for '{needed}': {outcomes}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_icon_arrays_are_named_from_the_data_and_the_number_is_in_the_text(open_page, kb, scheme: str) -> None:  # noqa: ANN001
    by_page: dict[str, list] = {}
    for page_id, count in _all_counts(kb):
        by_page.setdefault(page_id, []).append(count)
    assert by_page, "the data gives counts"
    for page_id, counts in by_page.items():
        page, _ = open_page(page_id, viewport=DESKTOP, scheme=scheme)
        for count in counts:
            picture = page.get_by_role("img", name=label(count), exact=True).first
            assert picture.count() == 1, f"{page_id}: no picture named '{label(count)}'"
            filled = picture.locator(".icon-array__hit").get_attribute("d") or ""
            hollow = picture.locator(".icon-array__miss").get_attribute("d") or ""
            assert (filled.count("M"), hollow.count("M")) == (count.in_100, 100 - count.in_100)
            caption = picture.locator("xpath=ancestor::figure[1]/figcaption").inner_text()
            assert f"{count.in_100} in 100" in caption
            # legible: the filled circles differ from the page background and from the hollow ones
            colours = picture.evaluate("""svg => {
                const hit = svg.querySelector('.icon-array__hit'), miss = svg.querySelector('.icon-array__miss');
                return [hit && getComputedStyle(hit).fill, miss && getComputedStyle(miss).stroke,
                        getComputedStyle(document.body).backgroundColor];
            }""")
            assert colours[0] != colours[2] and colours[1] != colours[2], (page_id, colours)


def _pdf(page, paper: str = "A4") -> pypdf.PdfReader:  # noqa: ANN001
    return pypdf.PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))


def _text(reader: pypdf.PdfReader) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_clinic_checklist_prints_on_one_page_without_navigation(open_page, kb, paper: str) -> None:  # noqa: ANN001
    page, _ = open_page("clinic-questions", viewport=DESKTOP)
    reader = _pdf(page, paper)
    assert len(reader.pages) == 1
    text = _text(reader)
    squashed = re.sub(r"\s+", "", text)
    for question in kb.clinic_questions:
        assert re.sub(r"\s+", "", question.question) in squashed, question.id
    assert "In crisis?" in text and "988" in text, "one line of crisis help"
    assert "example.org/ketamine-guide/clinic-questions" in squashed, "the page's address"
    for chrome in ("Table of contents", "Back to top", "Search", "Switch to"):
        assert chrome not in text


def test_the_checklist_is_linked_from_compare_faq_and_home(open_page) -> None:  # noqa: ANN001
    for page_id in ("compare", "faq", "home"):
        page, _ = open_page(page_id, viewport=DESKTOP)
        assert page.locator("article a[href*='clinic-questions/']").count() >= 1, page_id
