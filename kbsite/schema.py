"""The JSON Schema of data/faq.yaml, generated from the model, for editors' autocompletion."""

from __future__ import annotations

import json
from pathlib import Path

from .model import KnowledgeBase

__all__ = ["SCHEMA_FILE", "schema_text", "schema_is_current", "write_schema"]

SCHEMA_FILE = "schema/faq.schema.json"
"""Where the schema lives in the project; the first line of data/faq.yaml points editors to it."""


def schema_text() -> str:
    """The schema as stable, pretty JSON text."""
    schema = KnowledgeBase.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Ketamine infusion therapy knowledge base (data/faq.yaml)"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def schema_is_current(root: Path) -> bool:
    """Whether the committed schema matches the model."""
    target = root / SCHEMA_FILE
    return target.is_file() and target.read_text(encoding="utf-8") == schema_text()


def write_schema(root: Path) -> None:
    """Write the schema for editors."""
    target = root / SCHEMA_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(), encoding="utf-8")
