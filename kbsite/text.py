"""Markdown reduced to the words a reader sees: the one place that strips links, tags and emphasis."""

from __future__ import annotations

import re

__all__ = ["inline_text", "plain_text"]

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_ATTR_LIST = re.compile(r"\{[:#. ][^}]*\}")
_EMPHASIS = re.compile(r"[*_`]+")


def inline_text(markdown: str) -> str:
    """Inline markup removed, line breaks kept: links keep their text, tags and attribute lists go."""
    text = _LINK.sub(r"\1", markdown)
    text = _TAG.sub(" ", text)
    text = _ATTR_LIST.sub("", text)
    return _EMPHASIS.sub("", text) if "*" in text or "_" in text or "`" in text else text


def plain_text(markdown: str) -> str:
    """One line of plain text (for tooltips, structured data and checks)."""
    return " ".join(inline_text(markdown).split())
