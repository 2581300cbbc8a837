"""Pictures of numbers: a count out of 100 as a 10 x 10 icon array, in inline SVG with no script."""

from __future__ import annotations

import html

from .model import Count
from .text import plain_text
from .words import Words

_ENGLISH = Words()

__all__ = ["icon_array", "icon_arrays"]

_CELL = 10
_RADIUS = 3.6


def _circle(n: int) -> str:
    """The SVG path of one circle in cell n of the grid, row by row from the top left."""
    row, col = divmod(n, 10)
    x, y = col * _CELL + _CELL / 2 - _RADIUS, row * _CELL + _CELL / 2
    return (f"M{x:g} {y:g}a{_RADIUS:g} {_RADIUS:g} 0 1 0 {2 * _RADIUS:g} 0"
            f"a{_RADIUS:g} {_RADIUS:g} 0 1 0 {-2 * _RADIUS:g} 0")


_CIRCLES = tuple(_circle(n) for n in range(100))
"""Every cell's circle, worked out once: a page of counts draws the same 100 circles again and again."""


def _circles(cells: range) -> str:
    """One SVG path drawing a circle in each numbered cell of the grid."""
    return "".join(_CIRCLES[n] for n in cells)


def label(count: Count, words: Words = _ENGLISH) -> str:
    """What the picture says, read by screen readers: '56 in 100 people responded'."""
    return f"{_in_100(count, words)} {plain_text(count.outcome)}"


def _in_100(count: Count, words: Words) -> str:
    return words.format("%(n)s in 100", n=count.in_100)


def icon_array(count: Count, words: Words = _ENGLISH) -> str:
    """A figure: 100 circles, the first `in_100` filled (solid) and the rest hollow, with the number in words.

    Filled and hollow differ in shape as well as colour, so the picture reads in dark mode, in print and
    without colour vision. The colours come from the stylesheet (`.icon-array`), with currentColor as fallback.
    """
    name = html.escape(label(count, words))
    hits = _circles(range(count.in_100))
    misses = _circles(range(count.in_100, 100))
    svg = (f'<svg class="icon-array__grid" viewBox="0 0 100 100" width="110" height="110" role="img" '
           f'aria-label="{name}">'
           + (f'<path class="icon-array__hit" fill="currentColor" d="{hits}"/>' if hits else "")
           + (f'<path class="icon-array__miss" fill="none" stroke="currentColor" stroke-width="1" d="{misses}"/>'
              if misses else "")
           + "</svg>")
    caption = (f'<figcaption><strong>{_in_100(count, words)}</strong> {html.escape(plain_text(count.outcome))}. '
               f'<span class="icon-array__who">{html.escape(plain_text(count.who))}</span></figcaption>')
    return f'<figure class="icon-array">{svg}{caption}</figure>'


def icon_arrays(counts: list[Count], words: Words = _ENGLISH) -> str:
    """The pictures of an entry's counts side by side (a comparison, such as a medicine and a dummy, reads across)."""
    if not counts:
        return ""
    return '<div class="icon-arrays" markdown="0">' + "".join(icon_array(c, words) for c in counts) + "</div>"
