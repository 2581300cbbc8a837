"""Throwaway projects for the benchmark: a copy of the code and config with a knowledge base of N FAQs.

A project is what tests/helpers.py `make_project` copies (the code, templates, theme overrides, mkdocs.yml,
the hand-written docs/assets) plus the whole data/ folder: faq.yaml, source.yaml and questions.yaml.
The FAQs are the real ones from data/faq.yaml, cycled, each copy with its own id, question and
group; if the real data does not pass `check` yet (or has no FAQs), the tiny valid knowledge base
in tests/fixtures/mini is the base instead.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
PROJECT_PARTS = ("templates", "overrides", "mkdocs.yml", "docs/assets", "build.py", "kbsite")
"""The same parts as tests/helpers.py's PROJECT_PARTS (data/ is copied whole, by copy_project)."""
DATA_FILES = ("faq.yaml", "source.yaml", "questions.yaml")
"""What kbsite.pipeline.Paths reads from data/; copy_project refuses a base that lacks one."""
GROUP_SIZE = 50
"""Synthetic FAQs per group: a 10,000-entry knowledge base has 200 topic groups."""

class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes every value out in full, as an editor would: no &id001 anchors for shared lists."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def copy_project(dest: Path, data: Path) -> Path:
    """Copy the code, templates and config into `dest`, with the data/ folder from `data`."""
    missing = [name for name in DATA_FILES if not (data / "data" / name).is_file()]
    if missing:
        raise SystemExit(f"{data / 'data'} lacks {', '.join(missing)}: not a whole project to benchmark")
    if dest.exists():
        shutil.rmtree(dest)
    for part in _parts():
        source, target = REPO / part, dest / part
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    shutil.copytree(data / "data", dest / "data")
    return dest


def _parts() -> tuple[str, ...]:
    """PROJECT_PARTS, plus anything tests/helpers.py has learnt a project needs since (its list is the reference)."""
    helpers = REPO / "tests" / "helpers.py"
    try:
        import ast

        for node in ast.parse(helpers.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "PROJECT_PARTS" for t in node.targets):
                theirs = tuple(ast.literal_eval(node.value))
                return PROJECT_PARTS + tuple(p for p in theirs if p not in PROJECT_PARTS)
    except (OSError, SyntaxError, ValueError):
        pass
    return PROJECT_PARTS


def choose_base() -> tuple[Path, str, str]:
    """The real data if it checks clean and has FAQs, else the mini fixture; a label; and a fixed --today.

    'Today' is the latest review date in the base, so review deadlines never fail a benchmark run.
    """
    from kbsite.errors import KbError
    from kbsite.load import load_kb
    from kbsite.pipeline import Paths, check

    def today_of(base: Path) -> dt.date:
        kb, _ = load_kb(base / "data" / "faq.yaml")
        return max(page.last_reviewed for page in kb.pages)

    mini = (MINI, today_of(MINI).isoformat())
    try:
        today = today_of(REPO)
        result = check(Paths.at(REPO), today)
    except KbError as exc:
        return mini[0], f"mini fixture (real data does not load: {len(exc.problems)} problems)", mini[1]
    if result.errors:
        return mini[0], f"mini fixture (real data has {len(result.errors)} check errors)", mini[1]
    if not result.kb.faqs:
        return mini[0], "mini fixture (real data has no FAQs yet)", mini[1]
    return REPO, f"real data ({len(result.kb.faqs)} FAQs)", today.isoformat()


def synthetic_faqs(faqs: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """`count` FAQs cycled from `faqs`, each with a unique id, question and a group of GROUP_SIZE."""
    out = []
    in_group: dict[str, int] = {}
    for n in range(count):
        faq = dict(faqs[n % len(faqs)])
        k = in_group[faq["group"]] = in_group.get(faq["group"], -1) + 1
        faq["id"] = f"{faq['id']}-{n + 1}"
        faq["question"] = f"{faq['question'].rstrip('?')}, case {n + 1}?"
        faq["group"] = f"{faq['group']}, part {k // GROUP_SIZE + 1}"
        out.append(faq)
    return out


def make_synthetic(dest: Path, base: Path, count: int) -> Path:
    """A project in `dest` whose data/faq.yaml holds `count` FAQs cycled from the base's."""
    root = copy_project(dest, base)
    faq_file = root / "data" / "faq.yaml"
    data = yaml.load(faq_file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    data["faqs"] = synthetic_faqs(data["faqs"], count)
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    faq_file.write_text("# yaml-language-server: $schema=../schema/faq.schema.json\n" + text, encoding="utf-8")
    return root
