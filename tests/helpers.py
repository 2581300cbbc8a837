"""Helpers shared by the tests: throwaway project copies, running build.py, editing YAML."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
PROJECT_PARTS = ("templates", "overrides", "mkdocs.yml", "docs/assets", "build.py", "kbsite")


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


def run_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python build.py ARGS` in `root` as an editor would, capturing its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "build.py", *args], cwd=root, capture_output=True, text=True,
                          env=env, timeout=300)


def run_in_process(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`build.py ARGS` in this process (no interpreter start-up): the same exit code and output as run_build."""
    from kbsite.cli import main

    out, err, cwd = io.StringIO(), io.StringIO(), os.getcwd()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--root", str(root), *args])
    finally:
        os.chdir(cwd)  # main() works from the project folder, as build.py does
    return subprocess.CompletedProcess(["build.py", *args], code, out.getvalue(), err.getvalue())


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The 1-based line number of the n-th line containing `needle`."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found in {path}")


def snapshot(tree: Path) -> dict[str, bytes]:
    """Every file under `tree`, by relative path, with its bytes."""
    return {str(path.relative_to(tree)): path.read_bytes() for path in sorted(tree.rglob("*")) if path.is_file()}
