"""Shared fixtures: throwaway copies of the project, with the real data or a tiny valid knowledge base.

Helpers live in tests/helpers.py (import them from there: tests/browser has a conftest of its own).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import MINI, REPO, make_project, run_build

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


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
