"""App icons from an SVG path: the filled shape lands where the path says, edges are smoothed, arcs refused."""

import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.webapp.icon import IconError, _span, coverage, draw, outline

SQUARE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0h12v24H0z"/></svg>'


def pixels(png: bytes) -> tuple[int, list[bytes]]:
    """Width and raw RGB rows of a PNG this module wrote (one IDAT, filter 0)."""
    size = struct.unpack(">I", png[16:20])[0]
    start = png.index(b"IDAT") + 4
    raw = zlib.decompress(png[start : start + struct.unpack(">I", png[start - 8 : start - 4])[0]])
    return size, [raw[r * (size * 3 + 1) + 1 : (r + 1) * (size * 3 + 1)] for r in range(size)]


def test_a_half_square_fills_the_left_half_of_its_box() -> None:
    size, rows = pixels(draw(SQUARE, 40, (255, 255, 255), (0, 0, 0), 1.0))
    assert size == 40 and len(rows) == 40
    middle = rows[20]
    assert middle[:3] == b"\xff\xff\xff" and middle[19 * 3 : 20 * 3] == b"\xff\xff\xff"
    assert middle[20 * 3 : 21 * 3] == b"\x00\x00\x00" and middle[-3:] == b"\x00\x00\x00"


def test_relative_commands_curves_and_holes() -> None:
    ring = "M2 2H22V22H2Z M6 6V18H18V6Z"  # the inner square runs the other way: a hole (nonzero rule)
    cover = coverage(outline(ring), 24)
    assert cover[4][4] == pytest.approx(1.0) and cover[12][12] == pytest.approx(0.0)
    curve = outline("M0 0c0 12 24 12 24 0z")
    assert len(curve[0]) > 10  # the curve is cut into short lines
    half = coverage([[(0.0, 0.0), (1.5, 0.0), (1.5, 1.0), (0.0, 1.0)]], 2)
    assert half[0][1] == pytest.approx(0.5)  # a pixel half covered is half coloured


def test_a_logo_with_arcs_or_other_shapes_is_refused() -> None:
    with pytest.raises(IconError, match="'A'"):
        outline("M0 0A5 5 0 0 1 10 10z")
    with pytest.raises(IconError, match="<path>"):
        draw('<svg viewBox="0 0 24 24"><circle cx="12" cy="12" r="5"/></svg>', 8, (0, 0, 0), (1, 1, 1), 1.0)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.floats(0, 12), min_size=12, max_size=12),
    st.floats(0, 14),
    st.floats(-2, 14),
    st.sampled_from([0.25, 1 / 3, 0.1]),
)
def test_a_span_adds_exactly_what_each_pixel_by_pixel_adds(
    row: list[float], left: float, right: float, weight: float
) -> None:
    # Pixels wholly inside a span are added in one go; the sums must stay the same to the last bit,
    # so the icons (and the offline cache's version of them) do not change.
    expected = list(row)
    first = int(left)
    while first < right and first < len(expected):
        expected[first] += weight * (min(right, first + 1) - max(left, first))
        first += 1
    _span(row, left, right, weight)
    assert row == expected
