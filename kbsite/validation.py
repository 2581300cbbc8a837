"""Pydantic's validation errors as an editor's problems: the place, the field, and how to fix it."""

from __future__ import annotations

import difflib
import re
import reprlib
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import Location, Problem
from .source_map import Marks, SourceMap, child

__all__ = ["validation_problems"]

Path_ = tuple[str | int, ...]


def validation_problems(exc: ValidationError, model: type[BaseModel], source_map: SourceMap) -> list[Problem]:
    """One located problem per thing wrong, in file order; a value shared through an anchor is named once."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = _data_path(error["loc"], source_map.marks)
        kind = error["type"]
        if not loc and kind in {"missing", "extra_forbidden"}:
            kind = "other"
        field = _dotted(loc)
        if kind == "missing":
            where = source_map.locate(loc[:-1])
            message = f"{_dotted(loc[:-1]) or 'top level'}: missing required field '{loc[-1]}'; add it"
        elif kind == "extra_forbidden":
            where = source_map.locate(loc, key=True)
            message = f"{_dotted(loc[:-1]) or 'top level'}: unknown key '{loc[-1]}'{_suggest(model, loc)}"
        else:
            where = source_map.locate(loc)
            message = f"{field or 'top level'}: {_explain(error)}"
        problems.append(Problem(where, message))
    # one line per place: a value shared through an anchor (`<<: *page`) fails once per user, not once per copy
    unique: dict[tuple[Location, str], Problem] = {}
    for problem in problems:
        unique.setdefault((problem.location, re.sub(r"\[\d+\]", "[]", problem.message)), problem)
    return sorted(unique.values(), key=lambda p: p.location)


def _data_path(loc: tuple[Any, ...], root: Marks | None) -> Path_:
    """Pydantic's error path without the union member names it adds; a key the file really has is always kept."""
    node, path = root, []
    for part in loc:
        found = child(node, part)
        if found is None and isinstance(part, str) and _is_type_tag(part):
            continue
        node = found[1] if found is not None else None
        path.append(part)
    return tuple(path)


def _is_type_tag(part: str) -> bool:
    """Pydantic adds union member names such as 'str' or 'function-after[...]' to error paths."""
    return "[" in part or part in {"str", "int", "float", "bool", "date", "list", "dict", "none", "literal"}


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _explain(error: dict[str, Any]) -> str:
    kind, message = error["type"], error["msg"]
    given = error.get("input")
    if kind == "string_too_short":
        return "must not be empty; write the text or remove the key"
    if kind in {"string_type", "int_type", "float_type", "list_type", "model_type", "dict_type",
                "int_parsing", "float_parsing", "bool_type"}:
        return f"{message[0].lower()}{message[1:]}, got {type(given).__name__} {_short_repr(given)}"
    if kind.startswith("date"):
        return f"{given!r:.40} is not a valid date; write it as YYYY-MM-DD"
    if kind == "string_pattern_mismatch":
        return f"{given!r:.60} has the wrong form ({_pattern_hint(error)})"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind == "too_short":
        return "must list at least one item"
    return message[0].lower() + message[1:]


def _short_repr(value: Any, limit: int = 60) -> str:
    """At most `limit` characters of repr(value), without building the repr of a huge value."""
    short = reprlib.Repr()
    short.maxlevel, short.maxlist, short.maxdict, short.maxstring, short.maxother = 2, 6, 6, limit, limit
    return f"{short.repr(value):.{limit}}"


def _pattern_hint(error: dict[str, Any]) -> str:
    pattern = (error.get("ctx") or {}).get("pattern", "")
    if pattern.startswith("^(https?)"):
        return "write a full address starting with https://"
    if pattern.startswith("^10\\."):
        return "write a DOI such as 10.1056/NEJMoa2302399, without 'doi:'"
    return "use lowercase letters, digits and dashes, such as 'feder-2021'"


def _suggest(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    target = _model_at(model, loc[:-1])
    if target is None:
        return "; remove it"
    fields = list(target.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; allowed keys are: {', '.join(fields)}"


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc`, if any."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is not None:
        args = [a for a in get_args(annotation) if a is not type(None)]
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if models:
            return models[0]
        if not args:
            return annotation
        annotation = args[-1] if get_origin(annotation) is dict else args[0]
    return annotation
