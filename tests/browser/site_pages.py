"""The pages under test and the viewports the tests use (imported by the tests and conftest.py)."""

from __future__ import annotations

from kbsite.pages import PAGE_FILES, edition_folder

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
PAGES = list(PAGE_FILES)
"""Page ids in navigation order; tests parametrize over them so a failure names the page."""
LANGUAGES = ["en", "es"]
"""Both editions: English at the root, Spanish under es/."""


def page_path(page_id: str, language: str = "en") -> str:
    """The URL path of a page under the site root: 'index.md' -> '', 'faq.md' -> 'faq/', in Spanish 'es/faq/'."""
    stem = PAGE_FILES[page_id].removesuffix(".md")
    return edition_folder(language) + ("" if stem == "index" else f"{stem}/")
