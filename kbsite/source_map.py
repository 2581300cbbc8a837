"""Where a value of a loaded file is: data paths such as ("faqs", 3, "answer") turned into file:line:col."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import yaml

from .errors import DataPath, Location, Problem

__all__ = ["SourceMap", "child", "locate_problems"]


Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class SourceMap:
    """Finds the location of any value in a loaded file by its data path."""

    file: str
    root: yaml.Node | None

    def locate(self, path: Path_, *, key: bool = False) -> Location:
        """The location of the node at `path` (its key when `key` is true), or of its nearest parent."""
        node, key_node = self.root, None
        for part in path:
            found = child(node, part)
            if found is None:
                break
            key_node, node = found
        target = key_node if key and key_node is not None else node
        if target is None:
            return Location(self.file, 1, 1)
        return Location(self.file, target.start_mark.line + 1, target.start_mark.column + 1)


def child(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    """The (key node, value node) of a mapping key or sequence index, or None where the file has none."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key_node, value_node in reversed(node.value):
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                return key_node, value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


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
