"""The JSON Schema editors use is generated from the model and kept fresh."""

from __future__ import annotations

import json

from helpers import REPO
from kbsite.schema import SCHEMA_FILE, schema_text


def test_committed_schema_matches_the_model() -> None:
    committed = (REPO / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), "schema/faq.schema.json is stale: run `python build.py schema`"


def test_schema_describes_fields_for_autocompletion() -> None:
    schema = json.loads(schema_text())
    faq = schema["$defs"]["Faq"]
    assert faq["additionalProperties"] is False
    assert faq["properties"]["question"]["description"] == "The question, as a reader would ask it."
    assert set(faq["required"]) >= {"id", "question", "answer", "group", "sources"}


def test_faq_yaml_points_editors_at_the_schema() -> None:
    first_line = (REPO / "data/faq.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/faq.schema.json"
