"""Connected components packed onto a canvas-shaped area: shelves (rows) of boxes, tallest
first, each row centred, the row width chosen so the whole drawing has about the canvas's aspect
ratio (a browser window is wider than tall), so ``fit()`` opens at the highest zoom it can."""

from __future__ import annotations

import math
from dataclasses import dataclass

Position = tuple[float, float]
ASPECT = 1.45  # width / height of the graph area in a 1400×900 window, sidebars shown
GUTTER = 24.0  # pixels between neighbouring boxes


@dataclass
class Box:
    """One laid-out component: positions relative to its box's top-left corner, and its size."""

    positions: dict[str, Position]
    width: float
    height: float


def box_of(pos: dict[str, Position], right: dict[str, float], margin: float) -> Box:
    """The box round ``pos``; ``right`` says how far a node's label reaches right of it."""
    left = min(x for x, _ in pos.values()) - margin
    top = min(y for _, y in pos.values()) - margin
    width = max(x + right.get(n, margin) for n, (x, _) in pos.items()) - left
    height = max(y for _, y in pos.values()) + margin - top
    moved = {n: (x - left, y - top) for n, (x, y) in pos.items()}
    return Box(moved, width, height)


def _row_width(boxes: list[Box]) -> float:
    area = sum((b.width + GUTTER) * (b.height + GUTTER) for b in boxes)
    return max(max(b.width for b in boxes), math.sqrt(area * ASPECT))


def _rows(boxes: list[Box], width: float) -> list[list[Box]]:
    rows: list[list[Box]] = [[]]
    used = 0.0
    for box in boxes:
        if rows[-1] and used + box.width > width:
            rows.append([])
            used = 0.0
        rows[-1].append(box)
        used += box.width + GUTTER
    return rows


def pack(boxes: list[Box]) -> dict[str, Position]:
    """Every node's position once the boxes (biggest components first) are shelved in rows."""
    if not boxes:
        return {}
    width = _row_width(boxes)
    placed: dict[str, Position] = {}
    top = 0.0
    for row in _rows(boxes, width):
        row_width = sum(b.width for b in row) + GUTTER * (len(row) - 1)
        left = (width - row_width) / 2
        for box in row:
            for node, (x, y) in box.positions.items():
                placed[node] = (round(left + x, 1), round(top + y, 1))
            left += box.width + GUTTER
        top += max(b.height for b in row) + GUTTER
    return placed
