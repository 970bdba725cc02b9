"""Small counts in aggregates (DESIGN.md §6, research/methods.md §5).

A count from 1 to 10 is shown as "fewer than 11": with so few people, a number can point at
someone. Zero is shown, since it names nobody. Pages that show suppressed counts show no total
that would let a hidden one be worked out by subtraction.

`suppress_table` and `suppress_counts` do that work for counts by group. A hidden figure there is
"hidden", never "fewer than 11": some are hidden only to protect a small neighbour, and the text
must be true of them too. Telling the two kinds apart would undo the protection, since a hidden
count next to one known to be 11 or more could be pinned down.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

THRESHOLD = 11
HIDDEN = "fewer than 11"
SUPPRESSED = "hidden"
# methods.md §5.3 point 3 gives a dash for a rate that cannot be shown.
RATE_HIDDEN = "—"


def shown(count: int) -> str:
    if 0 < count < THRESHOLD:
        return HIDDEN
    return f"{count:,}"


@dataclass(frozen=True)
class SuppressedTable:
    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], str]
    row_totals: dict[str, str]
    column_totals: dict[str, str]
    total: str
    suppressed: int  # for a footnote; totals count too


def suppress_counts(
    counts: Mapping[str, int], *, threshold: int = THRESHOLD
) -> tuple[list[tuple[str, str]], str]:
    labels = list(counts)
    values = [counts[label] for label in labels]
    values.append(sum(values))
    hidden = _primary(values, threshold)
    while _exposed(values, hidden):
        # Smallest first, to keep as much visible as we can; position breaks ties.
        visible = (i for i, v in enumerate(values) if v and i not in hidden)
        hidden.add(min(visible, key=lambda i: (values[i], i)))
    texts = _texts(values, hidden)
    return list(zip(labels, texts, strict=False)), texts[-1]


def suppress_table(
    counts: Mapping[str, Mapping[str, int]],
    *,
    columns: Sequence[str] | None = None,
    threshold: int = THRESHOLD,
) -> SuppressedTable:
    rows = list(counts)
    seen = list(dict.fromkeys(c for r in rows for c in counts[r]))
    cols = seen if columns is None else list(columns)
    if len(set(cols)) < len(cols):
        raise ValueError(f"columns repeat: {cols}")
    if unknown := [c for c in seen if c not in cols]:
        # Dropping them would make every total wrong without anyone noticing.
        raise ValueError(f"counts for columns not listed: {unknown}")
    n, m = len(rows), len(cols)
    grid = [[counts[r].get(c, 0) for c in cols] for r in rows]
    # One flat list: cells row by row, then row totals, column totals and the grand total.
    row_at, col_at, grand = n * m, n * m + n, n * m + n + m
    values = [v for line in grid for v in line]
    values += [sum(line) for line in grid]
    values += [sum(grid[i][j] for i in range(n)) for j in range(m)]
    values.append(sum(values[row_at:col_at]))
    lines = [[i * m + j for j in range(m)] + [row_at + i] for i in range(n)]
    lines += [[i * m + j for i in range(n)] + [col_at + j] for j in range(m)]
    lines += [[*range(row_at, col_at), grand], [*range(col_at, grand), grand]]
    hidden = _primary(values, threshold)
    _close_cycles(values, lines, hidden)
    texts = _texts(values, hidden)
    return SuppressedTable(
        rows=rows,
        columns=cols,
        cells={(r, c): texts[i * m + j] for i, r in enumerate(rows) for j, c in enumerate(cols)},
        row_totals={r: texts[row_at + i] for i, r in enumerate(rows)},
        column_totals={c: texts[col_at + j] for j, c in enumerate(cols)},
        total=texts[grand],
        suppressed=len(hidden),
    )


def shown_rate(numerator: int, denominator: int, *, threshold: int = THRESHOLD) -> str:
    _check_threshold(threshold)
    if not 0 <= numerator <= denominator:
        raise ValueError(f"rate {numerator}/{denominator} is not a share of a group")
    # A zero numerator is hidden like a full one: "0% of group X" says what each member did not
    # do, as "100%" says what each did (the l-diversity leak in §5.2).
    if numerator < threshold or denominator - numerator < threshold:
        return RATE_HIDDEN
    # Top- and bottom-coded as Delaware does (§5.3): near the ends a percentage narrows the few
    # people outside it down to a handful.
    if numerator * 100 > denominator * 95:
        return ">95%"
    if numerator * 100 < denominator * 5:
        return "<5%"
    return f"{(200 * numerator + denominator) // (2 * denominator)}%"


def _primary(values: list[int], threshold: int) -> set[int]:
    _check_threshold(threshold)
    if any(v < 0 for v in values):
        raise ValueError("counts cannot be negative")
    return {i for i, v in enumerate(values) if 0 < v < threshold}


def _texts(values: list[int], hidden: set[int]) -> list[str]:
    # Zero is shown (§5.3 point 1, as CMS allows): it names nobody. So anyone reading the
    # table knows each hidden value is at least 1, and the checks below assume they do.
    return [SUPPRESSED if i in hidden else f"{v:,}" for i, v in enumerate(values)]


def _exposed(values: list[int], hidden: set[int]) -> bool:
    """Whether the total (last) of one line of counts gives a hidden one away."""
    if len(hidden) == 1:
        return True
    if not hidden or len(values) - 1 in hidden:
        return False
    # The hidden counts add up to the shown total less the shown counts; if that is how many
    # are hidden, each must be exactly 1.
    return sum(values[i] for i in hidden) == len(hidden)


def _close_cycles(values: list[int], lines: list[list[int]], hidden: set[int]) -> None:
    """Hide more until no hidden value can be worked out from the totals, however combined.

    Each line is an equation: its members add up to its total (listed last). Every value of a
    table lies on two lines, so it is an edge between them. A hidden value is safe when a cycle
    of hidden edges can move it by one, keep every line balanced and leave no hidden value
    below 1; then the totals fit more than one answer. Two hidden per line is not enough, as
    rows and columns solved together can still fix a value. Where no such cycle exists, hide
    the shown edges of the cheapest one: smallest values first, so most stays visible.
    """
    near: dict[int, list[tuple[int, int, int, int]]] = {}
    ends: dict[int, list[tuple[int, int]]] = {}
    for node, line in enumerate(lines):
        for i in line:
            ends.setdefault(i, []).append((node, -1 if i == line[-1] else 1))
    edges = {i: pair for i, pair in ends.items() if values[i]}  # zeros are shown, never moved
    for i, ((x, sign_x), (y, sign_y)) in edges.items():
        near.setdefault(x, []).append((i, sign_x, y, sign_y))
        near.setdefault(y, []).append((i, sign_y, x, sign_x))
    changed = True
    while changed:
        changed = False
        for k in sorted(hidden):
            (a, sign_a), (b, sign_b) = edges[k]
            moves = (1, -1) if values[k] > 1 else (1,)
            routes = [
                _route(near, values, hidden, k, (b, sign_b * d), (a, -sign_a * d)) for d in moves
            ]
            _, extra = min((r for r in routes if r), key=lambda r: r[0])
            if extra:
                hidden.update(extra)
                changed = True


def _route(near, values, hidden, k, start, goal) -> tuple[tuple[int, int], list[int]] | None:
    """Cheapest walk between two states avoiding edge k: its cost and the shown edges on it.

    A state is a line and the change the walk has brought into it, which the next edge must
    cancel. Hidden edges are free; a shown one costs its value, then one per edge.
    """
    best = {start: (0, 0)}
    came: dict[tuple[int, int], tuple[tuple[int, int], int]] = {}
    queue = [((0, 0), start)]
    while queue:
        cost, state = heapq.heappop(queue)
        if state == goal:
            walk = []
            while state != start:
                state, i = came[state]
                walk.append(i)
            return cost, sorted({i for i in walk if i not in hidden})
        if cost > best[state]:
            continue
        node, change = state
        for i, sign_here, there, sign_there in near.get(node, []):
            step = -change * sign_here
            if i == k or (step < 0 and values[i] == 1):
                continue
            total = cost if i in hidden else (cost[0] + values[i], cost[1] + 1)
            after = (there, sign_there * step)
            if after not in best or total < best[after]:
                best[after], came[after] = total, (state, i)
                heapq.heappush(queue, (total, after))
    return None


def _check_threshold(threshold: int) -> None:
    # §5.3 lets the threshold drop below 11 only with a super-admin audit record, which this
    # module cannot see; raising it is always allowed.
    if threshold < THRESHOLD:
        raise ValueError(f"threshold {threshold} is below the minimum of {THRESHOLD}")
