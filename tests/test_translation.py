"""The Spanish edition: every text translated, every translation current, each gap or change located."""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath

import pytest
import yaml

from helpers import run_in_process
from kbsite import model
from kbsite.pipeline import Paths, check
from kbsite.translation import COLLECTIONS, TEXT_FIELDS

ES = "data/es.yaml"


def _text_fields(cls: type) -> set[str]:
    """The fields of a model typed as reader-facing text (`Text`, optional or in a list)."""
    return {name for name, field in cls.model_fields.items()
            if "_safe_text" in repr(field.annotation) + repr(field.metadata)}


@pytest.mark.parametrize("name", sorted(TEXT_FIELDS))
def test_every_text_field_of_the_model_is_translated(name: str) -> None:
    assert set(TEXT_FIELDS[name]) == _text_fields(getattr(model, name))


def test_only_references_reviews_and_crisis_lines_stay_untranslated() -> None:
    lists = {name for name, field in model.KnowledgeBase.model_fields.items() if "list[" in repr(field.annotation)}
    assert lists - set(COLLECTIONS) == {"references", "reviews"}


def _line_of(path: Path, pattern: str, after: str | None = None) -> int:
    """The 1-based line of the first match of `pattern` (after the first line matching `after`)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if re.search(after, line)) if after else 0
    return next(n for n, line in enumerate(lines[start:], start) if re.search(pattern, line)) + 1


def _edit_spanish(root: Path, change) -> None:  # noqa: ANN001
    path = root / ES
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


def test_the_real_translation_is_complete_and_current(real: Path) -> None:
    result = run_in_process(real, "check", "--strict", "--today", "2026-12-02")
    spanish = [line for line in (result.stdout + result.stderr).splitlines() if "data/es.yaml" in line
               or "Spanish" in line and "translation" in line]
    assert "Spanish (es): 773 of 773 texts translated (100%), 0 out of date." in result.stdout
    assert [line for line in spanish if "texts translated" not in line] == []


def test_a_missing_translation_fails_at_the_english_text(real: Path) -> None:
    _edit_spanish(real, lambda data: data["faqs"]["chances"].pop("answer"))
    result = run_in_process(real, "check")
    assert result.returncode == 1
    index = [faq["id"] for faq in yaml.safe_load((real / "data/faq.yaml").read_text())["faqs"]].index("chances")
    line = _line_of(real / "data/faq.yaml", r"^    answer:", after=r"- id: chances$")
    assert (f"data/faq.yaml:{line}:13: faqs[{index}].answer: no Spanish translation; add faqs.chances.answer "
            "to data/es.yaml") in result.stderr
    assert "Spanish (es): 772 of 773 texts translated (100%), 0 out of date." in result.stdout
    report = json.loads(run_in_process(real, "coverage", "--format", "json").stdout)["translations"]["es"]
    assert report["missing"] == ["faqs.chances.answer"] and report["complete"] is False


def test_a_changed_english_text_makes_its_translation_out_of_date(real: Path) -> None:
    faq = real / "data/faq.yaml"
    text = faq.read_text(encoding="utf-8")
    before = "depression. After 6 drips over 3 weeks, about 55 in 100"  # in the answer of faqs 'chances'
    assert text.count(before) == 1
    faq.write_text(text.replace(before, "depression. After 8 drips over 4 weeks, about 55 in 100"), encoding="utf-8")
    result = run_in_process(real, "check")
    assert result.returncode == 0, "out of date is a warning"
    line = _line_of(real / ES, r"^    answer:", after=r"^  chances:$")
    assert (f"data/es.yaml:{line}:13: warning: faqs.chances.answer: translation out of date: the English changed "
            "('6' is now '8'; '3' is now '4'); update the translation, then run `python build.py translations "
            "--mark-current faqs.chances`") in result.stdout
    assert "1 out of date" in result.stdout
    strict = run_in_process(real, "check", "--strict")
    assert strict.returncode == 1 and "translation out of date" in strict.stdout
    marked = run_in_process(real, "translations", "--mark-current", "faqs.chances")
    assert marked.returncode == 0 and "marked current in data/es.from.json: faqs.chances" in marked.stdout
    after = run_in_process(real, "check", "--strict")
    assert "data/es.yaml" not in after.stdout + after.stderr and "0 out of date" in after.stdout


def test_a_translation_of_nothing_is_an_error_where_it_is_written(real: Path) -> None:
    _edit_spanish(real, lambda data: data["faqs"].update({"chancez": {"question": "¿Qué?"}}))
    result = run_in_process(real, "check")
    line = _line_of(real / ES, r"^  chancez:$")
    assert (f"data/es.yaml:{line + 1}:5: faqs.chancez.question: translates nothing in data/faq.yaml (no such "
            "entry or text); check the id, or remove it") in result.stderr


def test_a_template_phrase_without_spanish_fails_at_its_template_line(real: Path) -> None:
    _edit_spanish(real, lambda data: data["words"].pop("Serious risk"))
    result = run_in_process(real, "check")
    line = _line_of(real / "templates/side-effects.md.j2", r'_\("Serious risk"\)')
    assert (f"templates/side-effects.md.j2:{line}:1: 'Serious risk': no Spanish translation; add it under words: "
            "in data/es.yaml") in result.stderr


def test_hard_spanish_fails_the_inflesz_limit_at_the_spanish_text(real: Path) -> None:
    hard = ("La administración intravenosa de ketamina racémica constituye una intervención farmacológica "
            "experimental cuya eficacia terapéutica prolongada permanece insuficientemente caracterizada, "
            "particularmente considerando heterogeneidades metodológicas significativas.")
    _edit_spanish(real, lambda data: data["faqs"]["chances"].update(answer=hard))
    result = run_in_process(real, "check")
    assert result.returncode == 1
    found = re.search(r"data/es\.yaml:\d+:\d+: faqs\.chances\.answer: scores (-?[\d.]+) \(muy difícil\) on the "
                      r"Szigriszt-Pazos index, INFLESZ scale, below 55\.0 \(normal\)", result.stderr)
    assert found and float(found[1]) < 40


def test_release_refuses_the_spanish_placeholders(real: Path) -> None:
    result = run_in_process(real, "check", "--release")
    assert re.search(r"data/es\.yaml:\d+:\d+: site\.funding: 'Aún no indicado: el editor dirá aquí qui\.\.\.' "
                     "is a placeholder; say who pays for the site", result.stderr)


def test_each_spanish_page_says_its_language_and_links_to_the_english(real: Path) -> None:
    result = check(Paths.at(real))
    faq = result.pages[PurePosixPath("es/faq.md")]
    for path, language in (("es/faq.md", "es"), ("faq.md", "en")):
        front = yaml.safe_load(result.pages[PurePosixPath(path)].split("---\n")[1])
        assert {item.get("inLanguage") for item in json.loads(front["jsonld"])} == {language, None}
    assert 'alternates: {"en": "faq/", "es": "es/faq/"}' in faq
    assert '<a href="../../faq/" hreflang="en" lang="en">English</a>' in faq
    assert '<a href="../es/faq/" hreflang="es" lang="es">Español</a>' in result.pages[PurePosixPath("faq.md")]
    assert "Fuentes: [" in faq and "Sources: [" not in faq
    assert "## ¿Es adecuado para mí?" in faq


def test_without_a_translation_file_there_is_one_edition(mini: Path) -> None:
    result = check(Paths.at(mini))
    assert result.editions == () and not any(path.parts[0] == "es" for path in result.pages)
    assert "hreflang" not in result.pages[PurePosixPath("faq.md")]


def test_a_translation_that_breaks_a_rule_fails_where_it_is_written(real: Path) -> None:
    _edit_spanish(real, lambda data: data["pages"]["glossary"].update(description='Palabras como "DRT".'))
    result = run_in_process(real, "check")
    line = _line_of(real / ES, r"^    description:", after=r"^  glossary:$")
    assert re.search(rf"data/es\.yaml:{line}:\d+: pages\.glossary\.description: Value error, a double quote "
                     r"\(\"\) would cut the page's description short", result.stderr)


def test_an_own_crisis_line_or_html_in_a_list_fails_where_it_is_written(real: Path) -> None:
    def change(data: dict) -> None:
        data["crisis_lines"][1]["url"] = "javascript:alert(1)"
        condition = next(c for c in data["conditions"].values() if c.get("cautions"))
        condition["cautions"][0] = "Vea <script>x</script>"
    _edit_spanish(real, change)
    result = run_in_process(real, "check")
    url = _line_of(real / ES, r"^\s+url: .*javascript:", after=r"^crisis_lines:$")
    assert result.returncode == 1
    assert re.search(rf"data/es\.yaml:{url}:\d+: crisis_lines\[1\]\.url: String should match pattern", result.stderr)
    caution = _line_of(real / ES, r"<script>")
    assert re.search(rf"data/es\.yaml:{caution}:\d+: conditions\.[a-z-]+\.cautions\[0\]: Value error, raw HTML "
                     r"'<script>' is not allowed", result.stderr)
    assert "Traceback" not in result.stderr


def test_an_unreadable_marks_file_is_reported_and_written_afresh(real: Path) -> None:
    (real / "data/es.from.json").write_text("{not json", encoding="utf-8")
    result = run_in_process(real, "check")
    assert result.returncode == 1 and "data/es.from.json: cannot be read" in result.stderr
    marked = run_in_process(real, "translations", "--mark-current", "all")
    assert marked.returncode == 0 and marked.stdout.startswith("marked current in data/es.from.json: site, pages.home")
    assert run_in_process(real, "check").returncode == 0
