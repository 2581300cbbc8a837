"""Where a value of a loaded file is: data paths such as ("faqs", 3, "answer") turned into file:line:col.

The places are kept as `Marks`, plain tuples of 1-based line and column that mirror the data:

- a scalar: `(line, col)`
- a sequence: `(line, col, [marks of each item])`; an item that is a mapping (an entry, such as one FAQ) is
  kept as its marks in `marshal` bytes, read only when a data path leads into it
- a mapping: `(line, col, {key: (key line, key col, marks of its value)})`

Plain values, so `safe_yaml` can cache them with the data; `marks_of` makes them from PyYAML's node tree.
A run that places a few problems reads the places of a few entries, not of all 10,000 FAQs.
"""

from __future__ import annotations

import functools
import marshal
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import yaml

from .errors import DataPath, Location, Problem

__all__ = ["Marks", "SourceMap", "marks_of", "child", "locate_problems"]

Marks = tuple[Any, ...]
"""(line, col), (line, col, [items]) or (line, col, {key: (key line, key col, value)}); see the module doc."""

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class SourceMap:
    """Finds the location of any value in a loaded file by its data path.

    `load_marks` is called once, at the first `locate`: a run that reports no problem never needs the marks.
    """

    file: str
    load_marks: Callable[[], Marks | None]

    @functools.cached_property
    def marks(self) -> Marks | None:
        """The marks of the whole document (None for an empty file)."""
        return self.load_marks()

    def locate(self, path: Path_, *, key: bool = False) -> Location:
        """The location of the value at `path` (its key when `key` is true), or of its nearest parent."""
        node, key_mark = self.marks, None
        for part in path:
            found = child(node, part)
            if found is None:
                break
            key_mark, node = found
        target = key_mark if key and key_mark is not None else node
        if target is None:
            return Location(self.file, 1, 1)
        return Location(self.file, target[0], target[1])


def child(marks: Marks | None, part: str | int) -> tuple[tuple[int, int] | None, Marks] | None:
    """The (key's line and col, value's marks) of a mapping key or sequence index, or None where the file has none."""
    if marks is None or len(marks) < 3:
        return None
    children = marks[2]
    if isinstance(children, dict) and isinstance(part, str):
        found = children.get(part)
        return None if found is None else ((found[0], found[1]), found[2])
    if isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
        item = children[part]
        return None, marshal.loads(item) if isinstance(item, bytes) else item
    return None


def marks_of(root: Any) -> Marks | None:
    """The marks of a PyYAML node tree (after construction: merge keys are flattened into their mappings).

    A key given twice keeps its last place, as the data keeps its last value; a node shared through an alias
    is worked out once, and non-scalar keys have no place (no data path can name them).
    """
    done: dict[int, Marks] = {}

    def walk(node: yaml.Node) -> Marks:
        found = done.get(id(node))
        if found is not None:
            return found
        start = node.start_mark
        if isinstance(node, yaml.MappingNode):
            keys = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    keys[key.value] = (key.start_mark.line + 1, key.start_mark.column + 1, walk(value))
            marks: Marks = (start.line + 1, start.column + 1, keys)
        elif isinstance(node, yaml.SequenceNode):
            items = [walk(item) for item in node.value]
            marks = (start.line + 1, start.column + 1,
                     [marshal.dumps(m) if isinstance(m[-1], dict) else m for m in items])
        else:
            marks = (start.line + 1, start.column + 1)
        done[id(node)] = marks
        return marks

    return None if root is None else walk(root)


def locate_problems(problems: list[Problem], maps: Mapping[str, SourceMap]) -> list[Problem]:
    """Every problem placed at file:line:col: a data path becomes the location of its node."""
    def place(where: DataPath) -> Location:
        return maps[where.file].locate(where.path, key=where.key)

    located = []
    for problem in problems:
        if isinstance(problem.location, DataPath):
            message = problem.message
            if problem.related is not None:
                message = message.replace("{line}", str(place(problem.related).line))
            problem = replace(problem, location=place(problem.location), message=message, related=None)
        located.append(problem)
    return located
