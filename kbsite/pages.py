"""Where things appear: the site's pages, their files, templates, and which entries each holds."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

__all__ = ["PAGE_FILES", "PAGE_TEMPLATES", "COLLECTION_PAGES", "page_file", "page_of_entry"]

PAGE_FILES: dict[str, str] = {
    "home": "index.md",
    "what-is-ketamine": "what-is-ketamine.md",
    "uses": "uses.md",
    "treatment": "treatment.md",
    "side-effects": "side-effects.md",
    "not-suitable": "not-suitable.md",
    "faq": "faq.md",
    "glossary": "glossary.md",
    "references": "references.md",
    "about": "about.md",
}
"""Page id -> Markdown file in docs/, in navigation order."""

PAGE_TEMPLATES: dict[str, str] = {page: f"{file}.j2" for page, file in PAGE_FILES.items()}
"""Page id -> its Jinja template in templates/."""

COLLECTION_PAGES: dict[str, str] = {
    "conditions": "uses",
    "treatment": "treatment",
    "side_effects": "side-effects",
    "not_suitable_for": "not-suitable",
    "faqs": "faq",
    "corrections": "about",
}
"""Collection -> the page its entries appear on (topics name their own page)."""


def page_file(page: str) -> PurePosixPath:
    """The docs/ path of a page."""
    return PurePosixPath(PAGE_FILES[page])


def page_of_entry(collection: str, item: Any) -> str:
    """The page an entry appears on."""
    return item.page if collection == "topics" else COLLECTION_PAGES[collection]
