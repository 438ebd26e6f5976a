"""App icons from an SVG path: the filled shape lands where the path says, edges are smoothed, arcs refused."""

import struct
import zlib

import pytest

from kb.webapp.icon import IconError, coverage, draw, outline

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
