"""Icon arrays: 100 circles, as many filled as the count, named in words for screen readers."""

from __future__ import annotations

import re

import pytest

from kbsite.model import Count
from kbsite.pictures import icon_array, icon_arrays


@pytest.mark.parametrize("n", [0, 1, 56, 99, 100])
def test_an_icon_array_fills_n_of_100_circles_and_names_the_number(n: int) -> None:
    figure = icon_array(Count(in_100=n, outcome="people responded", who="Adults in one trial.", sources=["x"]))
    assert f'role="img" aria-label="{n} in 100 people responded"' in figure
    filled = re.search(r'class="icon-array__hit"[^>]* d="([^"]*)"', figure)
    hollow = re.search(r'class="icon-array__miss"[^>]* d="([^"]*)"', figure)
    assert (filled.group(1).count("M") if filled else 0) == n
    assert (hollow.group(1).count("M") if hollow else 0) == 100 - n
    assert f"<strong>{n} in 100</strong> people responded." in figure, "the number is in the text too"
    assert "<script" not in figure


def test_markdown_in_the_outcome_is_plain_in_the_name() -> None:
    figure = icon_arrays([Count(in_100=3, outcome="had a **large** rise", who="Adults.", sources=["x"])])
    assert 'aria-label="3 in 100 had a large rise"' in figure
    assert figure.startswith('<div class="icon-arrays"')


def test_a_count_above_100_is_refused() -> None:
    with pytest.raises(ValueError, match="less than or equal to 100"):
        Count(in_100=101, outcome="x", who="y", sources=["x"])
