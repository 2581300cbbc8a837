"""Browser fixtures: the real site built once, served on 127.0.0.1 in-process, one Chromium per session.

Chromium is Debian's (/usr/bin/chromium; Playwright's own download does not work here). Without it the
browser tests skip with the reason, except in CI (CI=true), where a missing browser is a failure.
Set KBSITE_SITE_DIR to an already built site/ to skip the build while working on these tests.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from site_pages import PHONE, page_path

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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """site/ served on 127.0.0.1 (a free port) from a thread; the URL ends with '/'."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


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


@dataclass
class Visit:
    """What the browser saw while a context was open: console errors, page errors, every request URL."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser, base_url):  # noqa: ANN001, ANN201 - Playwright types stay out of the signature
    """open_page(page_id, viewport=PHONE, scheme="light") -> (page, visit), the page loaded and idle."""
    contexts = []

    def _open(page_id: str, viewport: dict[str, int] = PHONE, scheme: str = "light"):  # noqa: ANN202
        context = browser.new_context(viewport=viewport, color_scheme=scheme, service_workers="block")
        contexts.append(context)
        visit = Visit()
        # on the context, not the page, so that requests from the search worker are seen too
        context.on("request", lambda req: visit.requests.append(req.url))
        context.on("requestfailed", lambda req: visit.failed.append(f"{req.url}: {req.failure}"))
        page = context.new_page()
        page.on("console", lambda msg: msg.type == "error" and visit.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: visit.page_errors.append(str(exc)))
        response = page.goto(base_url + page_path(page_id), wait_until="networkidle")
        assert response is not None and response.status == 200, f"{page_id}: HTTP {response and response.status}"
        return page, visit

    yield _open
    for context in contexts:
        context.close()
