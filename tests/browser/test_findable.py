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
from site_pages import LANGUAGES, PAGES, page_path


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


def _head(site_dir: Path, page_id: str, language: str = "en") -> _Head:
    head = _Head()
    head.feed((site_dir / page_path(page_id, language) / "index.html").read_text(encoding="utf-8"))
    return head


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_id", PAGES)
def test_description_canonical_and_open_graph(site_dir: Path, kbs, site_url: str, page_id: str,  # noqa: ANN001
                                              language: str) -> None:
    page = {p.id: p for p in kbs[language].pages}[page_id]
    head = _head(site_dir, page_id, language)
    assert head.meta.get("description") == [page.description]
    assert head.canonical == [site_url + page_path(page_id, language)]
    assert head.meta.get("og:title") == [page.title]
    assert head.meta.get("og:description") == [page.description]
    assert head.meta.get("og:url") == [site_url + page_path(page_id, language)]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_id", PAGES)
def test_medical_web_page_json_ld(site_dir: Path, kbs, page_id: str, language: str) -> None:  # noqa: ANN001
    page = {p.id: p for p in kbs[language].pages}[page_id]
    blocks = [item for block in _head(site_dir, page_id, language).jsonld
              for item in (block if isinstance(block, list) else [block])]
    web_pages = [b for b in blocks if b.get("@type") == "MedicalWebPage"]
    assert len(web_pages) == 1, f"{page_id}: one MedicalWebPage"
    data = web_pages[0]
    assert data["@context"] == "https://schema.org"
    assert data["name"] == page.title
    assert data["description"] == page.description
    assert data["lastReviewed"] == page.last_reviewed.isoformat()
    assert data["audience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}
    assert data["inLanguage"] == language
    if page_id != "faq":
        assert not any(b.get("@type") == "FAQPage" for b in blocks), f"{page_id}: an FAQPage only where questions are"


@pytest.mark.parametrize("language", LANGUAGES)
def test_faq_page_json_ld_holds_every_question(site_dir: Path, kbs, language: str) -> None:  # noqa: ANN001
    """Every FAQ is a Question in an FAQPage, worded as in the YAML (on faq/, or on its group pages when split)."""
    kb = kbs[language]
    entities = []
    edition = site_dir / page_path("home", language)
    for html_file in sorted(edition.glob("**/index.html")):
        if language == "en" and html_file.relative_to(site_dir).parts[0] in LANGUAGES:
            continue  # another edition's pages
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
    return re.findall(r"\w+", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_sitemap_lists_every_page_with_its_address_in_every_language(site_dir: Path, site_url: str,
                                                                    language: str) -> None:
    tree = ET.parse(site_dir / page_path("home", language) / "sitemap.xml")
    urls = list(tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}url"))
    locs = {url.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for url in urls}
    assert locs == {site_url + page_path(p, language) for p in PAGES}
    for url in urls:
        loc = url.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        page_id = next(p for p in PAGES if site_url + page_path(p, language) == loc)
        alternates = {link.get("hreflang"): link.get("href") for link in url.iter("{http://www.w3.org/1999/xhtml}link")}
        assert alternates == {**{lang: site_url + page_path(page_id, lang) for lang in LANGUAGES},
                              "x-default": site_url + page_path(page_id)}, page_id
