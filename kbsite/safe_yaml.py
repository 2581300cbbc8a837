"""Reading a YAML file safely: size, encoding, syntax, nesting, alias bombs and duplicate keys.

Every problem comes back as a located `Problem` (1-based line and column); `read_yaml` returns the data
and a `SourceMap` that places later problems.

A file that passed every check is remembered in `.cache/yaml/` (see `kbsite/cache.py`): its data and the
line and column of every value, keyed by the sha256 of its bytes, Python's and PyYAML's versions and a
hash of this module and `source_map.py`. The next run that finds the same bytes skips parsing; the
places are read only when a problem needs one. The entry is written with `marshal`, the format of
Python's own compiled-module cache: plain values only, nothing that runs (a document whose data it
cannot hold, such as an explicit `!!timestamp`, is simply not cached).
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from . import cache, source_map
from .errors import LoadError, Location, Problem
from .source_map import Marks, SourceMap, marks_of

__all__ = ["MAX_BYTES", "MAX_NODES", "MAX_DEPTH", "read_yaml", "display_name"]

MAX_BYTES = 16 * 1024 * 1024
"""The largest YAML file accepted (16 MiB): far above a real knowledge base, far below trouble."""

MAX_NODES = 2_000_000
"""The most nodes a document may expand to through aliases; stops 'billion laughs' documents."""

MAX_DEPTH = 64
"""The deepest nesting accepted (a real knowledge base nests 4 deep); libyaml itself stops at 1,000."""


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


def read_yaml(path: Path) -> tuple[Any, SourceMap]:
    """The file's data and its source map (`.file` is the display name); raise LoadError on any problem."""
    name = display_name(path)
    raw = _read_bytes(path, name)
    entry = _cache_entry(name, raw)
    found = _cached(entry) if entry else None
    if found:
        return found[0], SourceMap(name, found[1])
    root = _compose(_decode(raw, name), name)
    _check_tree(root, name)
    data = _construct(root, name)
    if entry is None:
        return data, SourceMap(name, lambda: marks_of(root))  # the places only if a problem needs them
    marks = marks_of(root)
    _remember(entry, data, marks)
    return data, SourceMap(name, lambda: marks)


def display_name(path: Path) -> str:
    """The path as editors see it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_bytes(path: Path, name: str) -> bytes:
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
        return path.read_bytes()
    except OSError as exc:
        raise LoadError([Problem(where, f"cannot be read ({exc.strerror or exc}); check its permissions")]) from None


def _decode(raw: bytes, name: str) -> str:
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


# --- the cache ---------------------------------------------------------------------------------------------

_CACHE_FOLDER = "yaml"


@functools.cache
def _format() -> str:
    """Part of every key: a new Python, PyYAML or rule here never trusts an entry written before it."""
    code = cache.code_hash(__file__, source_map.__file__ or "")
    return f"kbsite yaml 1; Python {sys.version}; marshal {marshal.version}; PyYAML {yaml.__version__}; {code}"


def _cache_entry(name: str, raw: bytes) -> tuple[str, str] | None:
    """The entry's file in the cache folder (one per data file) and the key it must hold; None: not cached.

    Only files inside the current folder (the project) are cached, so a test's temporary files leave nothing.
    """
    if not cache.enabled() or Path(name).is_absolute() or name.startswith(".."):
        return None
    return (f"{_CACHE_FOLDER}/{re.sub(r'[^A-Za-z0-9._-]+', '_', name)}.marshal",
            f"{_format()}; {hashlib.sha256(raw).hexdigest()}")


def _cached(entry: tuple[str, str]) -> tuple[Any, Callable[[], Marks | None]] | None:
    """The data and a loader of its marks, if the entry was written for exactly these bytes by this code."""
    file, key = entry
    try:
        stored = marshal.loads((cache.folder() / file).read_bytes())  # (key, data, marks), each marshalled
        if not (isinstance(stored, tuple) and len(stored) == 3 and stored[0] == key):
            return None
        data, marks = marshal.loads(stored[1]), stored[2]
    except (OSError, EOFError, ValueError, TypeError):
        return None  # no entry, or a damaged one: parse again
    return data, lambda: marshal.loads(marks)


def _remember(entry: tuple[str, str], data: Any, marks: Marks | None) -> None:
    file, key = entry
    try:
        stored = marshal.dumps((key, marshal.dumps(data), marshal.dumps(marks)))
    except ValueError:
        return  # a value marshal cannot hold (an explicit !!timestamp, say): this file is parsed every time
    cache.write_atomic(cache.folder(), file, stored)


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
