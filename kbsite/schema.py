"""The JSON Schema of data/faq.yaml, generated from the model, for editors' autocompletion."""

from __future__ import annotations

import json

from .model import KnowledgeBase

__all__ = ["SCHEMA_FILE", "schema_text"]

SCHEMA_FILE = "schema/faq.schema.json"  # also named in cli.py, which must not import the model


def schema_text() -> str:
    """The schema as stable, pretty JSON text."""
    schema = KnowledgeBase.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Ketamine infusion therapy knowledge base (data/faq.yaml)"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
