"""The README's promises: its examples work on the real data, and its commands are wired as it says."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from helpers import REPO, run_build

README = (REPO / "README.md").read_text(encoding="utf-8")


def yaml_block_after(heading: str, number: int = 0) -> str:
    """The first (or `number`-th) ```yaml block under a README heading."""
    section = README[README.index(heading):]
    return re.findall(r"```yaml\n(.*?)```", section, re.S)[number]


def test_the_add_an_faq_example_passes_check_on_the_real_data_without_a_warning(real: Path) -> None:
    example = yaml_block_after("### Add an FAQ")
    entry = example.split("\n", 1)[1]  # without the `faqs:` line: appended to the real list
    faq = real / "data/faq.yaml"
    text = faq.read_text(encoding="utf-8")
    faq.write_text(text.replace("\nglossary:\n", f"\n{entry}\nglossary:\n", 1), encoding="utf-8")
    assert "no Spanish translation; add faqs.friend-in-the-room.answer" in run_build(real, "check").stderr
    spanish = real / "data/es.yaml"  # the README's Spanish for it, under `faqs:` of data/es.yaml
    translation = yaml_block_after("### Add an FAQ", 1).split("\n", 1)[1]
    spanish.write_text(spanish.read_text(encoding="utf-8").replace("\nfaqs:\n", f"\nfaqs:\n{translation}", 1),
                       encoding="utf-8")
    assert "faqs.friend-in-the-room.answer: translation not marked current" in run_build(real, "check").stdout
    assert run_build(real, "translations", "--mark-current", "friend-in-the-room").returncode == 0
    result = run_build(real, "check")
    assert result.returncode == 0, result.stderr
    assert "warning: faqs.friend-in-the-room" not in result.stdout
    new_id = re.search(r"- id: ([a-z0-9-]+)", entry)[1]
    line = next(n for n, row in enumerate(faq.read_text(encoding="utf-8").splitlines(), 1) if f"id: {new_id}" in row)
    assert not [row for row in result.stdout.splitlines() if re.match(rf"data/faq\.yaml:{line + 1}:", row)], \
        "the README's example repeats a question the site already asks"


def test_make_serve_takes_a_port() -> None:
    result = subprocess.run(["make", "-n", "serve", "PORT=8001"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert "--dev-addr 127.0.0.1:8001" in result.stdout
