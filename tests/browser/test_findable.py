"""Findable: each built page carries its description, canonical link, Open Graph tags and JSON-LD from the YAML.

These read the built HTML (no browser), against the same data/ the site was built from.
"""

from __future__ import annotations

import html.parser
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_pages import PAGES, page_path


pytestmark = pytest.mark.slow


class _Head(html.parser.HTMLParser):
    """The <meta>, canonical <link> and JSON-LD blocks of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.jsonld: list[Any] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("name" in a or "property" in a):
            self.meta.setdefault(a.get("name") or a["property"], []).append(a.get("content", ""))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a["href"])
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(json.loads(data))


@pytest.fixture(scope="module")
def project(site_dir: Path) -> Path:
    return site_dir.parent


@pytest.fixture(scope="module")
def site_url(project: Path) -> str:
    url = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    return url if url.endswith("/") else url + "/"


def _head(site_dir: Path, page_id: str) -> _Head:
    head = _Head()
    head.feed((site_dir / page_path(page_id) / "index.html").read_text(encoding="utf-8"))
    return head


@pytest.mark.parametrize("page_id", PAGES)
def test_description_canonical_and_open_graph(site_dir: Path, kb, site_url: str, page_id: str) -> None:  # noqa: ANN001
    page = {p.id: p for p in kb.pages}[page_id]
    head = _head(site_dir, page_id)
    assert head.meta.get("description") == [page.description]
    assert head.canonical == [site_url + page_path(page_id)]
    assert head.meta.get("og:title") == [page.title]
    assert head.meta.get("og:description") == [page.description]
    assert head.meta.get("og:url") == [site_url + page_path(page_id)]


@pytest.mark.parametrize("page_id", PAGES)
def test_medical_web_page_json_ld(site_dir: Path, kb, page_id: str) -> None:  # noqa: ANN001
    page = {p.id: p for p in kb.pages}[page_id]
    blocks = [item for block in _head(site_dir, page_id).jsonld for item in (block if isinstance(block, list) else [block])]
    web_pages = [b for b in blocks if b.get("@type") == "MedicalWebPage"]
    assert len(web_pages) == 1, f"{page_id}: one MedicalWebPage"
    data = web_pages[0]
    assert data["@context"] == "https://schema.org"
    assert data["name"] == page.title
    assert data["description"] == page.description
    assert data["lastReviewed"] == page.last_reviewed.isoformat()
    assert data["audience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}
    if page_id != "faq":
        assert not any(b.get("@type") == "FAQPage" for b in blocks), f"{page_id}: an FAQPage only where questions are"


def test_faq_page_json_ld_holds_every_question(site_dir: Path, kb) -> None:  # noqa: ANN001
    """Every FAQ is a Question in an FAQPage, worded as in the YAML (on faq/, or on its group pages when split)."""
    entities = []
    for html_file in sorted(site_dir.glob("**/index.html")):
        head = _Head()
        head.feed(html_file.read_text(encoding="utf-8"))
        blocks = [item for block in head.jsonld for item in (block if isinstance(block, list) else [block])]
        entities += [e for b in blocks if b.get("@type") == "FAQPage" for e in b["mainEntity"]]
    by_question = {e["name"]: e for e in entities}
    assert sorted(by_question) == sorted(f.question for f in kb.faqs)
    assert len(entities) == len(kb.faqs), "each question appears once"
    for faq in kb.faqs:
        entity = by_question[faq.question]
        assert entity["@type"] == "Question"
        answer = entity["acceptedAnswer"]
        assert answer["@type"] == "Answer"
        assert _words(answer["text"]) == _words(faq.answer), faq.id
        assert "](" not in answer["text"] and "**" not in answer["text"], f"{faq.id}: Markdown left in the answer"


def _words(markdown: str) -> list[str]:
    """The words of a text, ignoring Markdown link targets and emphasis marks."""
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    return re.findall(r"[A-Za-z0-9]+", text)


def test_sitemap_lists_every_page(site_dir: Path, site_url: str) -> None:
    tree = ET.parse(site_dir / "sitemap.xml")
    locs = {el.text for el in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert locs == {site_url + page_path(p) for p in PAGES}
