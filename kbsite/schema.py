"""The JSON Schema of data/faq.yaml, generated from the model, for editors' autocompletion."""

from __future__ import annotations

import ast
import inspect
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import model
from .model import KnowledgeBase

__all__ = ["SCHEMA_FILE", "schema_text", "schema_is_current", "write_schema"]

SCHEMA_FILE = "schema/faq.schema.json"
"""Where the schema lives in the project; the first line of data/faq.yaml points editors to it."""


def schema_text() -> str:
    """The schema as stable, pretty JSON text."""
    schema = KnowledgeBase.model_json_schema()
    _describe_fields(schema)
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


def _describe_fields(schema: dict[str, Any]) -> None:
    """Each field's docstring in kbsite/model.py as its description (read here, not on every start)."""
    docs = _field_docstrings()
    for name, part in [(KnowledgeBase.__name__, schema), *schema.get("$defs", {}).items()]:
        cls = getattr(model, name, None)
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
            continue
        for field, place in part.get("properties", {}).items():
            owner = next((c for c in cls.__mro__ if field in c.__dict__.get("__annotations__", {})), None)
            text = docs.get((owner.__name__, field)) if owner is not None else None
            referred = schema.get("$defs", {}).get(place.get("$ref", "").rpartition("/")[2], {})
            if text and text != referred.get("description"):  # as pydantic does: not the same words twice
                place["description"] = text


def _field_docstrings() -> dict[tuple[str, str], str]:
    """(class name, field name) -> the docstring written under the field in kbsite/model.py."""
    out = {}
    for node in ast.walk(ast.parse(inspect.getsource(model))):
        if not isinstance(node, ast.ClassDef):
            continue
        for field, doc in zip(node.body, node.body[1:]):
            if (isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
                    and isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)
                    and isinstance(doc.value.value, str)):
                out[node.name, field.target.id] = inspect.cleandoc(doc.value.value)
    return out
