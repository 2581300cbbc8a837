"""Browser fixtures: the real site built once, served on 127.0.0.1 in-process, one Chromium per session.

Chromium is Debian's (/usr/bin/chromium; Playwright's own download does not work here). Without it the
browser tests skip with the reason, except in CI (CI=true), where a missing browser is a failure.
Set KBSITE_SITE_DIR to an already built site/ to skip the build while working on these tests.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from browsing import page_opener, serving

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def find_chromium() -> str | None:
    """The Chromium named by $CHROMIUM, else Debian's."""
    named = os.environ.get("CHROMIUM")
    for candidate in [named] if named else ["/usr/bin/chromium", shutil.which("chromium")]:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _missing(reason: str) -> None:
    """Skip outside CI; fail in CI, where the browser tests must run."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run; .ci/run installs chromium with apt)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest) -> Path:
    """The built site/ folder: the real data, built once per session (or $KBSITE_SITE_DIR)."""
    prebuilt = os.environ.get("KBSITE_SITE_DIR")
    if prebuilt:
        return Path(prebuilt).resolve()
    return request.getfixturevalue("built_site") / "site"


@pytest.fixture(scope="session")
def kb(site_dir: Path):  # noqa: ANN201
    """The knowledge base the served site was built from."""
    from kbsite.load import load_kb
    return load_kb(site_dir.parent / "data" / "faq.yaml")[0]


@pytest.fixture(scope="session")
def kbs(site_dir: Path) -> dict:
    """Each edition's knowledge base, by language: the English, and the Spanish laid over it."""
    from kbsite.pipeline import Paths, check
    result = check(Paths.at(site_dir.parent))
    return {"en": result.kb, **{edition.language: edition.translation.kb for edition in result.editions}}


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """site/ served on 127.0.0.1."""
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole session."""
    executable = find_chromium()
    if executable is None:
        _missing(f"no Chromium at {os.environ.get('CHROMIUM') or '/usr/bin/chromium'} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, base_url):  # noqa: ANN001, ANN201
    """open_page(page_id, viewport=PHONE, scheme="light") -> (page, visit), the page loaded and idle."""
    with page_opener(browser, base_url) as opener:
        yield opener
