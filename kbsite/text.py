"""Markdown reduced to the words a reader sees: the one place that strips links, tags and emphasis."""

from __future__ import annotations

import re

__all__ = ["inline_text", "plain_text"]

_LINK = re.compile(r"(?:!\[|\[)([^\]]*)\]\([^)]*\)")
"""A link or an image; `(?:!\\[|\\[)` rather than `!?\\[`, so that the regex engine skips straight to a bracket."""
_TAG = re.compile(r"<[^>]+>")
_ATTR_LIST = re.compile(r"\{[:#. ][^}]*\}")


def inline_text(markdown: str) -> str:
    """Inline markup removed, line breaks kept: links keep their text, tags and attribute lists go."""
    text = _LINK.sub(_link_text, markdown) if "](" in markdown else markdown
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "{" in text:
        text = _ATTR_LIST.sub("", text)
    return text.replace("*", "").replace("_", "").replace("`", "")  # emphasis and code marks


def plain_text(markdown: str) -> str:
    """One line of plain text (for tooltips, structured data and checks)."""
    return " ".join(inline_text(markdown).split())


def _link_text(link: re.Match[str]) -> str:
    return link.group(1)
