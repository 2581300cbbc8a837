"""An interrupted build never breaks the published site: site/ is swapped in whole, or not at all."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import run_build, snapshot


def start_build(root: Path) -> subprocess.Popen[str]:
    """Start `build.py build` in `root` without waiting for it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen([sys.executable, "build.py", "build"], cwd=root, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_temp_site(root: Path, process: subprocess.Popen[str]) -> Path:
    """Poll until the engine has started writing the new site in a `.site-new-*` stage; fail if the build ends first."""
    while process.poll() is None:
        found = [path for path in root.glob(".site-new-*/site") if path.is_dir() and any(path.iterdir())]
        if found:
            return found[0]
        time.sleep(0.005)
    pytest.fail(f"the build finished before MkDocs started writing: {process.communicate()}")


@pytest.fixture
def built(mini: Path) -> Path:
    """The mini project after one good build, with one page changed so the next build has work to do."""
    result = run_build(mini, "build")
    assert result.returncode == 0, result.stderr
    faq = mini / "data/faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("It is for tests.", "It is for tests only."),
                   encoding="utf-8")
    return mini


def test_a_build_killed_in_the_middle_of_mkdocs_leaves_the_old_site(built: Path) -> None:
    before = snapshot(built / "site")
    process = start_build(built)
    temp = wait_for_temp_site(built, process)
    process.kill()  # SIGKILL: no cleanup code runs
    process.wait()
    assert snapshot(built / "site") == before
    assert temp.exists()  # the half-built site is left beside it, never in place of it


def test_the_next_build_removes_what_a_killed_build_left_and_succeeds(built: Path) -> None:
    process = start_build(built)
    temp = wait_for_temp_site(built, process)
    process.kill()
    process.wait()
    result = run_build(built, "build")
    assert result.returncode == 0, result.stderr
    assert not temp.exists()
    assert not list(built.glob(".site-*"))
    assert "It is for tests only." in (built / "site/index.html").read_text(encoding="utf-8")


def test_ctrl_c_during_the_engine_build_keeps_the_old_site_and_says_so(built: Path, monkeypatch: pytest.MonkeyPatch,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from kbsite import cli
    from kbsite.engines import mkdocs

    def interrupted(config_file: Path) -> None:
        assert (config_file.parent / "docs" / "index.md").is_file()  # the pages are staged: we are mid-build
        raise KeyboardInterrupt

    before, docs_before = snapshot(built / "site"), snapshot(built / "docs")
    monkeypatch.setattr(mkdocs, "build", interrupted)
    monkeypatch.chdir(built)
    assert cli.main(["--root", str(built), "build"]) == 130
    assert capsys.readouterr().err.strip() == "interrupted; site/ was left as it was"
    assert snapshot(built / "site") == before and snapshot(built / "docs") == docs_before
    assert not list(built.glob(".site-*"))  # Python-level interrupts clean up after themselves


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_a_failing_engine_build_keeps_the_old_site(built: Path, engine: str) -> None:
    before = snapshot(built / "site")
    (built / "docs/broken.md").write_text("[a link to nowhere](missing.md)\n", encoding="utf-8")
    result = run_build(built, "build", "--engine", engine)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"mkdocs.yml: {engine} build failed: ")
    assert "missing.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(built / "site") == before
    assert not list(built.glob(".site-*"))


def test_the_new_site_is_readable_by_a_web_server(built: Path) -> None:
    site = built / "site"
    assert site.stat().st_mode & 0o755 == 0o755  # not the private 0700 of a temporary folder


def test_a_first_build_creates_site_without_a_previous_one(mini: Path) -> None:
    result = run_build(mini, "build")
    assert result.returncode == 0, result.stderr
    assert (mini / "site/index.html").is_file()
    assert not list(mini.glob(".site-*"))
