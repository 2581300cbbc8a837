"""The command line: help everywhere, usage errors exit 2, problems exit 1 without a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import run_build


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["serve"], ["coverage"], ["schema"], ["clean"]])
def test_every_command_has_help(mini: Path, command: list[str]) -> None:
    result = run_build(mini, *command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: build.py")


def test_an_unknown_command_is_a_usage_error(mini: Path) -> None:
    result = run_build(mini, "publish")
    assert result.returncode == 2
    assert "invalid choice: 'publish'" in result.stderr


def test_a_bad_date_option_is_a_usage_error(mini: Path) -> None:
    result = run_build(mini, "check", "--today", "tomorrow")
    assert result.returncode == 2
    assert "argument --today: invalid fromisoformat value: 'tomorrow'" in result.stderr


def test_build_writes_docs_then_site_and_a_second_build_writes_nothing(mini: Path) -> None:
    first = run_build(mini)
    assert first.returncode == 0, first.stderr
    assert "13 page(s) written, 0 removed in docs/" in first.stdout
    assert (mini / "site/index.html").is_file()
    second = run_build(mini, "build")
    assert "0 page(s) written, 0 removed in docs/" in second.stdout


def test_check_writes_nothing(mini: Path) -> None:
    result = run_build(mini, "check")
    assert result.returncode == 0
    assert not (mini / "site").exists()
    assert sorted(p.name for p in (mini / "docs").iterdir()) == ["assets"]


def test_schema_check_reports_a_stale_file(mini: Path) -> None:
    assert run_build(mini, "schema").returncode == 0
    assert run_build(mini, "schema", "--check").returncode == 0
    (mini / "schema/faq.schema.json").write_text("{}", encoding="utf-8")
    result = run_build(mini, "schema", "--check")
    assert result.returncode == 1
    assert "schema/faq.schema.json: out of date; run `make schema`" in result.stderr


def test_without_its_packages_build_py_says_to_run_make_site_not_a_traceback(mini: Path) -> None:
    # -S: no site-packages, as with a system Python that never ran `make site`
    result = subprocess.run([sys.executable, "-S", "build.py", "check"], cwd=mini, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert "Run `make site` first" in result.stderr
    assert "Traceback" not in result.stderr


def test_clean_removes_the_site_and_generated_pages_but_keeps_hand_written_files(mini: Path) -> None:
    assert run_build(mini, "build").returncode == 0
    (mini / "docs" / "notes.md").write_text("# Hand-written\n", encoding="utf-8")
    result = run_build(mini, "clean")
    assert result.returncode == 0, result.stderr
    assert not (mini / "site").exists()
    assert sorted(p.name for p in (mini / "docs").glob("*.md")) == ["notes.md"]
    assert (mini / "docs" / "assets" / "extra.css").is_file()
