"""App icons drawn from the site's logo at build time: one SVG path, filled, written as PNG.

The logo is a single-colour icon (Material's icons are one <path> on a 24 x 24 grid), so a small
scanline filler is enough and the build needs no image library. Curves are cut into short lines;
each pixel's coverage is measured on four sub-rows with exact horizontal coverage, which smooths
the edges. Arcs are not read: a logo that needs them gets a one-line error.
"""

from __future__ import annotations

import math
import re
import struct
import zlib
from collections.abc import Iterator
from itertools import pairwise

Point = tuple[float, float]
Edge = tuple[float, float, float, float]  # x0, y0, x1, y1

CURVE_STEPS = 12
SUB_ROWS = 4
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "Z": 0}


class IconError(ValueError):
    """A logo this module cannot draw."""


def svg_paths(svg: str) -> tuple[list[str], tuple[float, float, float, float]]:
    """The ``d`` of every <path> in ``svg`` and its viewBox."""
    box = re.search(r'viewBox="([^"]+)"', svg)
    paths = re.findall(r'<path[^>]*\sd="([^"]+)"', svg)
    if not box or not paths or re.search(r"<(circle|rect|ellipse|polygon|polyline|line)\b", svg):
        raise IconError("the logo must be an SVG with a viewBox whose shapes are all <path> elements")
    x, y, w, h = (float(n) for n in box[1].replace(",", " ").split())
    return paths, (x, y, w, h)


def outline(d: str) -> list[list[Point]]:
    """The closed outlines of one SVG path, curves flattened into points."""
    tokens = _TOKEN.findall(d)
    shapes: list[list[Point]] = []
    here = start = (0.0, 0.0)
    control: Point | None = None  # last curve's control point, for S and T
    command = ""
    at = 0
    while at < len(tokens):
        if tokens[at].isalpha():
            command = tokens[at]
            at += 1
            if command.upper() == "Z":
                here, control = start, None
                continue
        if command.upper() not in _ARGS:
            raise IconError(
                f"the logo's path uses '{command}', which this build cannot draw (hint: use lines and curves)"
            )
        count = _ARGS[command.upper()]
        numbers = [float(n) for n in tokens[at : at + count]]
        if len(numbers) < count:
            raise IconError("the logo's path ends in the middle of a command")
        at += count
        here, start, control, points = _step(command, numbers, here, start, control)
        if command in "Mm":
            shapes.append([here])
            command = "L" if command == "M" else "l"  # more pairs after a move are lines
        elif shapes:
            shapes[-1].extend(points)
    return [shape for shape in shapes if len(shape) > 2]


def _step(
    command: str, n: list[float], here: Point, start: Point, control: Point | None
) -> tuple[Point, Point, Point | None, list[Point]]:
    """Where one command ends, the new subpath start, the control point S/T reflect, and its points."""
    rel = command.islower()
    ox, oy = here if rel else (0.0, 0.0)
    kind = command.upper()

    def at(i: int) -> Point:
        return (ox + n[i], oy + n[i + 1])

    if kind == "M":
        return at(0), at(0), None, []
    if kind in "LHV":
        end = at(0) if kind == "L" else (ox + n[0] if rel else n[0], here[1]) if kind == "H" else (here[0], oy + n[0])
        return end, start, None, [end]
    mirror = (2 * here[0] - control[0], 2 * here[1] - control[1]) if control else here
    if kind in "CS":
        c1, c2, end = (at(0), at(2), at(4)) if kind == "C" else (mirror, at(0), at(2))
        return end, start, c2, list(_cubic(here, c1, c2, end))
    c, end = (at(0), at(2)) if kind == "Q" else (mirror, at(0))
    return end, start, c, list(_cubic(here, _lerp(here, c, 2 / 3), _lerp(end, c, 2 / 3), end))


def _lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point) -> Iterator[Point]:
    for step in range(1, CURVE_STEPS + 1):
        t = step / CURVE_STEPS
        u = 1 - t
        yield (
            u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
            u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
        )


def coverage(shapes: list[list[Point]], size: int) -> list[list[float]]:
    """How much of each pixel of a ``size`` x ``size`` image the shapes cover (0 to 1), nonzero rule."""
    edges: list[tuple[float, float, float, float, float, float, int]] = []  # top, bottom, x0, y0, dx, dy, direction
    for shape in shapes:
        for (x0, y0), (x1, y1) in zip(shape, shape[1:] + shape[:1], strict=True):
            if y0 != y1:  # a level edge crosses no sub-row
                edges.append((min(y0, y1), max(y0, y1), x0, y0, x1 - x0, y1 - y0, 1 if y1 > y0 else -1))
    edges.sort()
    rows = [[0.0] * size for _ in range(size)]
    active: list[tuple[float, float, float, float, float, float, int]] = []  # the edges the sub-row crosses
    waiting = 0  # edges[waiting:] start below the sub-rows so far
    for sub in range(size * SUB_ROWS):
        y = (sub + 0.5) / SUB_ROWS
        while waiting < len(edges) and edges[waiting][0] <= y:
            active.append(edges[waiting])
            waiting += 1
        active = [edge for edge in active if y < edge[1]]
        crossings = sorted((x0 + (y - y0) * dx / dy, direction) for _, _, x0, y0, dx, dy, direction in active)
        winding = 0
        row = rows[sub // SUB_ROWS]
        for (x, direction), (next_x, _) in pairwise(crossings):  # past the last crossing nothing is inside
            winding += direction
            if winding:
                _span(row, max(0.0, x), min(float(size), next_x), 1 / SUB_ROWS)
    return rows


def _span(row: list[float], left: float, right: float, weight: float) -> None:
    """Add ``weight`` times the part of each pixel between ``left`` (at least 0) and ``right``."""
    start, stop = math.ceil(left), min(int(right), len(row))  # the pixels wholly inside
    if start < stop:
        row[start:stop] = [value + weight for value in row[start:stop]]
    for pixel in {int(left), int(right)}:  # the ends, where the span may cover part of a pixel
        if int(left) <= pixel < right and pixel < len(row) and not start <= pixel < stop:
            row[pixel] += weight * (min(right, pixel + 1) - max(left, pixel))


def draw(svg: str, size: int, glyph: tuple[int, int, int], background: tuple[int, int, int], share: float) -> bytes:
    """A square PNG: the logo in ``glyph`` colour over ``background``, ``share`` of the width, centred."""
    paths, (vx, vy, vw, vh) = svg_paths(svg)
    scale = size * share / max(vw, vh)
    dx = (size - vw * scale) / 2 - vx * scale
    dy = (size - vh * scale) / 2 - vy * scale
    shapes = [[(dx + x * scale, dy + y * scale) for x, y in shape] for d in paths for shape in outline(d)]
    colours = _Mixed(glyph, background)  # most pixels are wholly in or out: mix each coverage once
    raw = b"".join(b"\x00" + b"".join(map(colours.__getitem__, row)) for row in coverage(shapes, size))
    return _png(size, raw)


class _Mixed(dict[float, bytes]):
    """The pixel of each coverage: the glyph's colour over the background's, mixed the first time it is asked for."""

    def __init__(self, glyph: tuple[int, int, int], background: tuple[int, int, int]) -> None:
        super().__init__()
        self.glyph, self.background = glyph, background

    def __missing__(self, a: float) -> bytes:
        cover = min(a, 1.0)
        self[a] = bytes(round(g * cover + b * (1 - cover)) for g, b in zip(self.glyph, self.background, strict=True))
        return self[a]


def _png(size: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
