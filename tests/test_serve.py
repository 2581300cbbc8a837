"""The live preview: saving the YAML regenerates the page; a bad edit keeps the last good pages."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import replace_in

from kbsite.engines import ENGINES


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.2)
    return False


@pytest.fixture(params=ENGINES)
def preview(mini: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "build.py", "serve", "--engine", request.param,
                                "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=mini, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        yield mini, f"http://127.0.0.1:{port}/faq/", process
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_saving_the_yaml_updates_the_served_page(preview: tuple[Path, str, subprocess.Popen[str]]) -> None:
    root, url, _ = preview
    assert wait_for(url, "Will I be awake?"), "the preview never served the FAQ page at /faq/"
    replace_in(root / "data/faq.yaml", "Will I be awake?", "Will I stay awake?")
    assert wait_for(url, "Will I stay awake?"), "the edit never reached the served page"


def test_a_bad_edit_is_reported_and_the_last_good_page_stays(preview: tuple[Path, str, subprocess.Popen[str]]) -> None:
    root, url, process = preview
    assert wait_for(url, "Will I be awake?")
    replace_in(root / "data/faq.yaml", "    question: Will I be awake?", "    qestion: Will I be awake?")
    time.sleep(3)
    assert "Will I be awake?" in fetch(url)
    process.terminate()
    output, _ = process.communicate(timeout=20)
    assert "unknown key 'qestion'; did you mean 'question'?" in output
    assert "the preview keeps the last good pages" in output
    assert "Traceback" not in output
