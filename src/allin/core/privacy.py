"""Small counts in aggregates (DESIGN.md §6, research/methods.md §5).

A count from 1 to 10 is shown as "fewer than 11": with so few people, a number can point at
someone. Zero is shown, since it names nobody. Pages that show suppressed counts show no total
that would let a hidden one be worked out by subtraction.
"""

from __future__ import annotations

THRESHOLD = 11
HIDDEN = "fewer than 11"


def shown(count: int) -> str:
    if 0 < count < THRESHOLD:
        return HIDDEN
    return f"{count:,}"
