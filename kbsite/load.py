"""Strict YAML loading: every problem comes back as `file:line:col: message`.

`load_kb` and `load_outline` return frozen models plus a `SourceMap` that turns
a data path such as `("faqs", 3, "sources", 0)` into a file location, so later
checks can point at the exact line too.
"""

from __future__ import annotations

import difflib
import re
import reprlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from .errors import LoadError, Location, Problem
from .model import KnowledgeBase, QuestionOutline, SourceOutline

__all__ = ["MAX_BYTES", "MAX_NODES", "MAX_DEPTH", "SourceMap", "load_kb", "load_outline", "load_questions", "load_model"]

MAX_BYTES = 16 * 1024 * 1024
"""The largest YAML file accepted (16 MiB): far above a real knowledge base, far below trouble."""

MAX_NODES = 2_000_000
"""The most nodes a document may expand to through aliases; stops 'billion laughs' documents."""

MAX_DEPTH = 64
"""The deepest nesting accepted (a real knowledge base nests 4 deep); libyaml itself stops at 1,000."""

M = TypeVar("M", bound=BaseModel)
Path_ = tuple[str | int, ...]

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A local SafeLoader (the C one when available); global PyYAML state is left alone.

    Dates stay strings here so pydantic parses them and an impossible date such as
    2026-02-30 is reported at its own line and column.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


@dataclass(frozen=True)
class SourceMap:
    """Finds the location of any value in a loaded file by its data path."""

    file: str
    root: yaml.Node | None

    def locate(self, path: Path_, *, key: bool = False) -> Location:
        """The location of the node at `path` (its key when `key` is true), or of its nearest parent."""
        node, key_node = self.root, None
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
        target = key_node if key and key_node is not None else node
        if target is None:
            return Location(self.file, 1, 1)
        return Location(self.file, target.start_mark.line + 1, target.start_mark.column + 1)


def _child(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key_node, value_node in reversed(node.value):
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                return key_node, value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


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
    """Read, parse, check and validate one YAML file against `model`."""
    name = _display(path)
    text = _read_text(path, name)
    root = _compose(text, name)
    _check_tree(root, name)
    data = _construct(root, name)
    source_map = SourceMap(name, root)
    if data is None:
        raise LoadError([Problem(Location(name, 1, 1), "the file is empty; it should hold the keys of "
                                 f"{model.__name__} ({', '.join(model.model_fields)})")])
    try:
        return model.model_validate(data), source_map
    except ValidationError as exc:
        raise LoadError(_validation_problems(exc, model, source_map)) from None


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_text(path: Path, name: str) -> str:
    where = Location(name)
    if not path.exists():
        raise LoadError([Problem(where, "file not found; check the path, or restore it from git")])
    if path.is_dir():
        raise LoadError([Problem(where, "is a directory, not a YAML file")])
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise LoadError([Problem(where, f"file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes "
                                 "(split the content or remove what is not needed)")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError([Problem(where, f"cannot be read ({exc.strerror or exc}); check its permissions")]) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return _raise(Location(name, line, col),
                      f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")


def _raise(where: Location, message: str) -> Any:
    raise LoadError([Problem(where, message)])


def _compose(text: str, name: str) -> yaml.Node | None:
    """The node tree, with every node's line and column; YAML syntax errors become located problems."""
    try:
        return yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and ("end of stream" in (exc.problem or "") or _is_missing_colon(exc)):
            mark = exc.context_mark  # an unclosed quote, bracket or key: point at where it opened, not further on
        where = _mark_location(name, mark) if mark else Location(name)
        message = _yaml_message(exc)
        if _is_too_deep(exc):  # libyaml's own bound (1,000 levels) stops it before our check sees the tree
            message = _TOO_DEEP
        elif mark and _char_at(text, mark.line, mark.column) == "\t":
            message = "YAML syntax error: a tab character; indent with spaces, not tabs"
        raise LoadError([Problem(where, message)]) from None
    except RecursionError:  # the pure-Python parser (no libyaml) recurses once per level
        raise LoadError([Problem(Location(name, 1, 1), _TOO_DEEP)]) from None
    except yaml.YAMLError as exc:
        raise LoadError([Problem(Location(name), f"YAML error: {exc}")]) from None


_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; check the indentation and the brackets"


def _is_too_deep(exc: yaml.MarkedYAMLError) -> bool:
    return "nesting depth" in (exc.problem or "") or "nesting depth" in (exc.context or "")


def _is_missing_colon(exc: yaml.MarkedYAMLError) -> bool:
    return "could not find expected ':'" in (exc.problem or "")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column: column + 1] if line < len(lines) else ""


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    if _is_missing_colon(exc):
        return "YAML syntax error: this line has no ':' after its key; write it as 'key: value'"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in (exc.context or ""):
        return f"YAML syntax error: {exc.context}: {problem}; close the quote"
    return "YAML syntax error: " + "; ".join(p for p in (exc.context, problem) if p)


def _mark_location(name: str, mark: Any) -> Location:
    return Location(name, mark.line + 1, mark.column + 1)


def _check_tree(root: yaml.Node | None, name: str) -> None:
    """Refuse a tree nested deeper than MAX_DEPTH, aliases that blow up, and duplicate keys (all of them).

    One walk from the top visits each node once. A node met twice means the document uses aliases;
    only then is the expanded size and depth worked out (`_check_aliases`).
    """
    problems: list[Problem] = []
    seen: set[int] = set()
    shared, too_deep = False, None
    stack: list[tuple[yaml.Node, int]] = [(root, 1)] if root is not None else []
    while stack:
        node, level = stack.pop()
        if id(node) in seen:
            shared = True
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            continue
        if level > MAX_DEPTH:
            too_deep = too_deep or node  # reported after the walk: through aliases, the alias check says more
            continue
        if isinstance(node, yaml.MappingNode):
            problems += _duplicate_keys(node, name)
        stack.extend((child, level + 1) for child in _children(node))
    if shared:
        _check_aliases(root, name)
    if too_deep is not None:
        _raise(_mark_location(name, too_deep.start_mark), _TOO_DEEP)
    if problems:
        raise LoadError(sorted(problems, key=lambda p: p.location))


def _check_aliases(root: yaml.Node | None, name: str) -> None:
    """Reject aliases that expand beyond MAX_NODES or MAX_DEPTH, or refer to themselves, without expanding them."""
    done: dict[int, tuple[int, int]] = {}  # node id -> (expanded size, depth)
    active: set[int] = set()  # nodes on the current path; meeting one again means a cycle
    stack: list[tuple[yaml.Node, bool]] = [(root, False)] if root is not None else []
    while stack:  # iterative: aliases can chain deeper than Python's recursion limit
        node, children_done = stack.pop()
        key, children = id(node), _children(node)
        if not children_done:
            if key in done:
                continue
            if key in active:
                _raise(_mark_location(name, node.start_mark), "an alias refers to the anchor it is inside of; "
                       "remove the alias")
            active.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in done)
            continue
        active.discard(key)
        size = 1 + sum(done[id(child)][0] for child in children)
        depth = 1 + max((done[id(child)][1] for child in children), default=0)
        done[key] = (size, depth)
        if size > MAX_NODES:
            _raise(_mark_location(name, node.start_mark), f"aliases here expand to more than {MAX_NODES:,} "
                   "values; remove the nested aliases ('billion laughs' documents are refused)")
        if depth > MAX_DEPTH + 1:  # + 1: the scalars inside the deepest collection
            _raise(_mark_location(name, node.start_mark), f"aliases here nest more than {MAX_DEPTH} levels "
                   "deep; remove the chained aliases")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _duplicate_keys(node: yaml.MappingNode, name: str) -> list[Problem]:
    """Every key defined twice in this mapping (merge keys `<<` are fine)."""
    problems = []
    first: dict[str, yaml.Node] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            continue
        earlier = first.setdefault(key_node.value, key_node)
        if earlier is not key_node:
            problems.append(Problem(
                _mark_location(name, key_node.start_mark),
                f"duplicate key '{key_node.value}' (first defined on line {earlier.start_mark.line + 1}); "
                "keep one and delete the other"))
    return problems


def _construct(root: yaml.Node | None, name: str) -> Any:
    if root is None:
        return None
    loader = _StrictLoader("")
    try:
        return loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
        raise LoadError([Problem(where, _yaml_message(exc).replace("YAML syntax error", "YAML error", 1))]) from None
    except (ValueError, TypeError) as exc:
        raise LoadError([Problem(Location(name), f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()


def _validation_problems(exc: ValidationError, model: type[BaseModel], source_map: SourceMap) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = _data_path(error["loc"], source_map.root)
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


def _data_path(loc: tuple[Any, ...], root: yaml.Node | None) -> Path_:
    """Pydantic's error path without the union member names it adds; a key the file really has is always kept."""
    node, path = root, []
    for part in loc:
        child = _child(node, part)
        if child is None and isinstance(part, str) and _is_type_tag(part):
            continue
        node = child[1] if child is not None else None
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
