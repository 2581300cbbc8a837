"""The same inputs give the same bytes: two builds of one project produce identical site/ trees."""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pytest

from helpers import run_build, snapshot



def build_twice(root: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Build, keep a copy of site/, wipe every output, build again; both trees' bytes."""
    assert run_build(root, "build").returncode == 0
    first = snapshot(root / "site")
    for generated in ("site",):
        shutil.rmtree(root / generated)
    for page in (root / "docs").glob("*.md"):
        page.unlink()
    assert run_build(root, "build").returncode == 0
    return first, snapshot(root / "site")


def test_two_builds_with_the_same_source_date_epoch_are_byte_identical(mini: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = build_twice(mini)
    assert {"sitemap.xml", "sitemap.xml.gz", "index.html", "search/search_index.json"} <= set(first)
    assert first == second


def test_two_builds_without_source_date_epoch_are_byte_identical(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = build_twice(mini)
    assert first == second


def test_without_source_date_epoch_the_sitemap_is_dated_by_the_last_review(mini: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert run_build(mini, "build").returncode == 0
    sitemap = (mini / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-11-01</lastmod>" in sitemap
    assert gzip.decompress((mini / "site/sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap


def test_a_build_leaves_source_date_epoch_as_it_found_it(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kbsite.pipeline import Paths, build

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.chdir(mini)
    build(Paths.at(mini))
    assert "SOURCE_DATE_EPOCH" not in os.environ
