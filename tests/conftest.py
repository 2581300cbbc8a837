"""Shared fixtures: throwaway copies of the project, with the real data or a tiny valid knowledge base."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
PROJECT_PARTS = ("templates", "overrides", "mkdocs.yml", "docs/assets", "build.py", "kbsite")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def make_project(dest: Path, data: Path) -> Path:
    """Copy the code, templates and config into `dest`, with the data/ folder from `data`."""
    for part in PROJECT_PARTS:
        source = REPO / part
        target = dest / part
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    shutil.copytree(data / "data" if (data / "data").is_dir() else data, dest / "data")
    return dest


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A project with the tiny knowledge base in tests/fixtures/mini: valid, complete, fast."""
    return make_project(tmp_path / "project", MINI)


@pytest.fixture
def real(tmp_path: Path) -> Path:
    """A project with the real data/faq.yaml and data/source.yaml."""
    return make_project(tmp_path / "project", REPO)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session; returns the project folder (site/ inside)."""
    root = make_project(tmp_path_factory.mktemp("built") / "project", REPO)
    result = run_build(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def run_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python build.py ARGS` in `root` as an editor would, capturing its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "build.py", *args], cwd=root, capture_output=True, text=True,
                          env=env, timeout=300)
