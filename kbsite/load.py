"""Loading the data files: each YAML file read safely, then validated into a frozen model.

`load_kb`, `load_outline` and `load_questions` return the model and a `SourceMap` that turns a data path
such as ("faqs", 3, "sources", 0) into a file location, so later problems point at the exact line too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .errors import LoadError, Location, Problem
from .model import KnowledgeBase, QuestionOutline, SourceOutline
from .safe_yaml import MAX_BYTES, MAX_DEPTH, MAX_NODES, read_yaml
from .source_map import SourceMap
from .validation import validation_problems

__all__ = ["MAX_BYTES", "MAX_NODES", "MAX_DEPTH", "SourceMap", "load_kb", "load_outline", "load_questions",
           "load_model"]

M = TypeVar("M", bound=BaseModel)


def load_kb(path: Path) -> tuple[KnowledgeBase, SourceMap]:
    """Load data/faq.yaml into a KnowledgeBase, or raise LoadError listing every problem."""
    return load_model(path, KnowledgeBase)


def load_outline(path: Path) -> tuple[SourceOutline, SourceMap]:
    """Load data/source.yaml into a SourceOutline, or raise LoadError listing every problem."""
    return load_model(path, SourceOutline)


def load_questions(path: Path) -> tuple[QuestionOutline, SourceMap]:
    """Load data/questions.yaml into a QuestionOutline, or raise LoadError listing every problem."""
    return load_model(path, QuestionOutline)


def load_model(path: Path, model: type[M]) -> tuple[M, SourceMap]:
    """Read one YAML file safely and validate it against `model`."""
    data, source_map = read_yaml(path)
    if data is None:
        raise LoadError([Problem(Location(source_map.file, 1, 1), "the file is empty; it should hold the keys of "
                                 f"{model.__name__} ({', '.join(model.model_fields)})")])
    try:
        return model.model_validate(data), source_map
    except ValidationError as exc:
        raise LoadError(validation_problems(exc, model, source_map)) from None
