"""Throwaway projects for the benchmark: a copy of the code and config with a knowledge base of N FAQs.

A project is what tests/helpers.py `make_project` copies (the code, templates, theme overrides, mkdocs.yml,
the hand-written docs/assets) plus the whole data/ folder: faq.yaml, source.yaml and questions.yaml,
and the Spanish edition (es.yaml, es.from.json) when there is one.
The FAQs are the real ones from data/faq.yaml, cycled, each copy with its own id, question and
group, and its Spanish cycled alike (a translated site renders and checks both editions); if the
real data does not pass `check` yet (or has no FAQs), the tiny valid knowledge base in
tests/fixtures/mini is the base instead.
"""

from __future__ import annotations

import datetime as dt
import json
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
    return [{**faq, "id": f"{faq['id']}-{n}", "question": _numbered(faq["question"], "case", n),
             "group": f"{faq['group']}, part {part}"} for n, faq, part in _cycle(faqs, count)]


def make_synthetic(dest: Path, base: Path, count: int) -> Path:
    """A project in `dest` whose data/faq.yaml holds `count` FAQs cycled from the base's (and translated alike)."""
    root = copy_project(dest, base)
    faq_file = root / "data" / "faq.yaml"
    data = _load(faq_file)
    faqs = data["faqs"]
    data["faqs"] = synthetic_faqs(faqs, count)
    faq_file.write_text("# yaml-language-server: $schema=../schema/faq.schema.json\n" + _dump(data), encoding="utf-8")
    _translate(root / "data", faqs, count)
    return root


def _translate(data: Path, faqs: list[dict[str, Any]], count: int) -> None:
    """Each synthetic FAQ's Spanish, cycled from the base's translations as its English is (data/es.yaml), and
    the English each one was marked current against (data/es.from.json): current where the base's was."""
    es_file, marks_file = data / "es.yaml", data / "es.from.json"
    if not es_file.is_file():
        return  # a base without a Spanish edition
    es = _load(es_file)
    spanish = es.get("faqs") or {}
    es["faqs"] = {}
    for n, faq, part in _cycle(faqs, count):
        if faq["id"] in spanish:
            es["faqs"][f"{faq['id']}-{n}"] = _renamed(spanish[faq["id"]], "caso", n, f"parte {part}")
    es_file.write_text(_dump(es), encoding="utf-8")
    if not marks_file.is_file():
        return
    marks = json.loads(marks_file.read_text(encoding="utf-8"))
    english = marks["english"]
    by_faq: dict[str, dict[str, str]] = {}
    for key, text in english.items():
        if key.startswith("faqs."):
            faq_id, _, field = key[len("faqs."):].partition(".")
            by_faq.setdefault(faq_id, {})[field] = text
    english = {key: text for key, text in english.items() if not key.startswith("faqs.")}
    for n, faq, part in _cycle(faqs, count):
        for field, text in _renamed(by_faq.get(faq["id"], {}), "case", n, f"part {part}").items():
            english[f"faqs.{faq['id']}-{n}.{field}"] = text
    marks["english"] = english
    marks_file.write_text(json.dumps(marks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _cycle(faqs: list[dict[str, Any]], count: int) -> list[tuple[int, dict[str, Any], int]]:
    """(number from 1, the base FAQ it copies, its part of that FAQ's group) for each of `count` synthetic FAQs."""
    out = []
    in_group: dict[str, int] = {}
    for n in range(count):
        faq = faqs[n % len(faqs)]
        k = in_group[faq["group"]] = in_group.get(faq["group"], -1) + 1
        out.append((n + 1, faq, k // GROUP_SIZE + 1))
    return out


def _renamed(texts: dict[str, Any], case: str, n: int, part: str) -> dict[str, Any]:
    """A FAQ's texts (or translations) with the question numbered and the group split, as synthetic_faqs does."""
    out = dict(texts)
    if isinstance(out.get("question"), str):
        out["question"] = _numbered(out["question"], case, n)
    if isinstance(out.get("group"), str):
        out["group"] = f"{out['group']}, {part}"
    return out


def _numbered(question: str, case: str, n: int) -> str:
    return f"{question.rstrip('?')}, {case} {n}?"


def _load(file: Path) -> Any:
    return yaml.load(file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
