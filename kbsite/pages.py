"""Where things appear: the site's pages, their files, templates, and which entries each holds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

__all__ = ["PAGE_FILES", "PAGE_TEMPLATES", "COLLECTION_PAGES", "FAQ_SPLIT_ABOVE", "page_file", "page_of_entry",
           "faq_group_files", "files_of_page"]

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


FAQ_SPLIT_ABOVE = 100
"""Up to this many FAQs share one page; above it faq.md lists the groups and each group gets its own page.

MkDocs renders the whole navigation into every page and one huge page is slow to build, search and read,
so a large knowledge base becomes a few hundred pages of one topic each, outside the navigation.
"""

_GROUP_PREFIX = "faq-"


def faq_group_files(groups: Iterable[str]) -> dict[str, PurePosixPath]:
    """Group heading -> its page, `faq-<group-slug>.md` (next to faq.md, so relative links keep working)."""
    files: dict[str, PurePosixPath] = {}
    taken: set[str] = set()
    for number, group in enumerate(groups, start=1):
        slug = re.sub(r"[^a-z0-9]+", "-", group.lower()).strip("-") or f"group-{number}"
        name, n = slug, 2
        while name in taken:  # 'Before you start' and 'Before you start!' slug alike
            name, n = f"{slug}-{n}", n + 1
        taken.add(name)
        files[group] = PurePosixPath(f"{_GROUP_PREFIX}{name}.md")
    return files


def files_of_page(page: str, paths: Iterable[PurePosixPath]) -> list[PurePosixPath]:
    """Every rendered file that belongs to a page: its own file, plus the group pages of a split FAQ."""
    own = page_file(page)
    extra = sorted(p for p in paths if page == "faq" and len(p.parts) == 1 and p.name.startswith(_GROUP_PREFIX))
    return [own, *extra]
