"""Errors meant for a user: each carries where the problem is and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["Location", "DataPath", "Severity", "Problem", "KbError", "LoadError", "CheckError", "RenderError", "SiteError"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file, 1-based, as editors and CI annotations expect."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col or 1}"
        return self.file


@dataclass(frozen=True)
class DataPath:
    """A place in a data file by its keys, such as ("faqs", 3, "answer"): what checks know of a place.

    `file` is "faq", "source" or "questions"; the pipeline turns it into a Location once, at the boundary.
    """

    file: str
    path: tuple[str | int, ...] = ()
    key: bool = False
    """Point at the key itself rather than its value."""

    def __str__(self) -> str:
        dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path).lstrip(".")
        return f"{self.file}:{dotted}"


class Severity(str, Enum):
    """How bad a problem is: an error stops the build, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, with its place and a hint."""

    location: Location | DataPath
    message: str
    severity: Severity = Severity.ERROR
    related: DataPath | None = None
    """Another place the message names as `{line}` (the first of two duplicates, say)."""

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.location}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class KbError(Exception):
    """Base of every error the user can fix; never shown with a traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LoadError(KbError):
    """Raised by `load` when a YAML file cannot be read, parsed or validated."""


class CheckError(KbError):
    """Raised by the pipeline when cross-entry checks find errors."""


class RenderError(KbError):
    """Raised by `render` when a template fails; names the template file and line."""


class SiteError(KbError):
    """Raised by `site` when MkDocs fails; the previous site/ is left untouched."""


def summarize(problems: list[Problem]) -> str:
    """One line such as '2 errors, 1 warning'."""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
