"""Serving a built site and opening its pages in Chromium: shared by conftest.py and the engine tests."""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from site_pages import PHONE, page_path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that leaves a page mid-download (following a link, say) resets its connection: not news."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` served on 127.0.0.1 (a free port) from a thread; the URL ends with '/'."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Visit:
    """What the browser saw while a context was open: console errors, page errors, every request URL."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@contextlib.contextmanager
def page_opener(browser, base_url: str):  # noqa: ANN001, ANN201 - Playwright types stay out of the signature
    """A function open(page_id, viewport=PHONE, scheme="light", language="en") -> (page, visit) under base_url."""
    contexts = []

    def _open(page_id: str, viewport: dict[str, int] = PHONE, scheme: str = "light", language: str = "en"):  # noqa: ANN202
        context = browser.new_context(viewport=viewport, color_scheme=scheme, service_workers="block")
        contexts.append(context)
        visit = Visit()
        # on the context, not the page, so that requests from the search worker are seen too
        context.on("request", lambda req: visit.requests.append(req.url))
        context.on("requestfailed", lambda req: visit.failed.append(f"{req.url}: {req.failure}"))
        page = context.new_page()
        page.on("console", lambda msg: msg.type == "error" and visit.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: visit.page_errors.append(str(exc)))
        response = page.goto(base_url + page_path(page_id, language), wait_until="networkidle")
        assert response is not None and response.status == 200, f"{page_id}: HTTP {response and response.status}"
        return page, visit

    try:
        yield _open
    finally:
        for context in contexts:
            context.close()
