"""Two builds started at once take turns: the result is the same site a single build makes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import run_build, snapshot



def test_two_builds_at_once_both_succeed_and_make_the_same_site_as_one(mini: Path, tmp_path: Path) -> None:
    single = Path(shutil.copytree(mini, tmp_path / "single"))
    assert run_build(single, "build").returncode == 0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    builds = [subprocess.Popen([sys.executable, "build.py", "build"], cwd=mini, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outcomes = [(build.wait(timeout=120), build.communicate()) for build in builds]
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    assert snapshot(mini / "site") == snapshot(single / "site")
    assert snapshot(mini / "docs") == snapshot(single / "docs")
    assert not list(mini.glob(".site-*"))
