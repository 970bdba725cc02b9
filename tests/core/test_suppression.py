"""Counts by group never show, or let anyone work out, a number from 1 to 10 (methods.md §5.3).

The property tests read a table as an attacker would: shown figures are facts, a zero is shown,
so every hidden figure is at least 1, and rows, columns and totals must add up.
"""

import itertools
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allin.core.privacy import (
    HIDDEN,
    RATE_HIDDEN,
    SUPPRESSED,
    shown,
    shown_rate,
    suppress_counts,
    suppress_table,
)

# Mostly small values, with plenty of zeros and ones: that is where disclosure happens.
counts = st.one_of(st.integers(0, 3), st.integers(0, 12), st.integers(0, 60))


@st.composite
def tables(draw, max_rows=6, max_columns=6):
    columns = [f"col {j}" for j in range(draw(st.integers(0, max_columns)))]
    rows = range(draw(st.integers(0, max_rows)))
    return {f"group {i}": {c: draw(counts) for c in columns} for i in rows}, columns


def layout(data, columns):
    """The table, each figure's true value and text, and the lines (members, total) that add up."""
    table = suppress_table(data, columns=columns)
    true, text = {}, {}
    for r in data:
        for c in columns:
            true["cell", r, c], text["cell", r, c] = data[r][c], table.cells[r, c]
        true["row", r], text["row", r] = sum(data[r].values()), table.row_totals[r]
    for c in columns:
        true["col", c] = sum(data[r][c] for r in data)
        text["col", c] = table.column_totals[c]
    true["all",], text["all",] = sum(sum(row.values()) for row in data.values()), table.total
    lines = [([("cell", r, c) for c in columns], ("row", r)) for r in data]
    lines += [([("cell", r, c) for r in data], ("col", c)) for c in columns]
    lines += [([("row", r) for r in data], ("all",)), ([("col", c) for c in columns], ("all",))]
    return table, true, text, lines


def number(text):
    return int(text.replace(",", ""))


def pinned_by_one_line(members, total, true, text):
    """Hidden figures that this line alone fixes, knowing each hidden figure is at least 1."""
    gone = [k for k in members if text[k] == SUPPRESSED]
    if text[total] == SUPPRESSED:
        # The total can grow with any hidden member, so only a lone hidden total is fixed.
        return [] if gone else [total]
    left = true[total] - sum(true[k] for k in members if text[k] != SUPPRESSED)
    # Each hidden member lies between 1 and left - (others hidden); fixed when that is one value.
    return gone if gone and left - (len(gone) - 1) == 1 else []


def rank(matrix):
    rows = [[Fraction(x) for x in row] for row in matrix]
    done = 0
    for col in range(len(rows[0]) if rows else 0):
        pivot = next((i for i in range(done, len(rows)) if rows[i][col]), None)
        if pivot is None:
            continue
        rows[done], rows[pivot] = rows[pivot], rows[done]
        for i in range(len(rows)):
            if i != done and rows[i][col]:
                factor = rows[i][col] / rows[done][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[done], strict=True)]
        done += 1
    return done


# --- properties of tables -------------------------------------------------------------------


@given(tables())
def test_no_figure_from_1_to_10_is_ever_shown(case):
    _, _, text, _ = layout(*case)
    for value in text.values():
        assert value == SUPPRESSED or not 1 <= number(value) <= 10


@given(tables())
def test_shown_figures_are_true_and_zeros_are_shown(case):
    table, true, text, _ = layout(*case)
    for key, value in text.items():
        if value != SUPPRESSED:
            assert number(value) == true[key]
        if true[key] == 0:
            assert value == "0"
    assert table.suppressed == list(text.values()).count(SUPPRESSED)


@given(tables())
def test_no_line_gives_a_hidden_figure_away(case):
    _, true, text, lines = layout(*case)
    for members, total in lines:
        gone = sum(text[k] == SUPPRESSED for k in members)
        if text[total] != SUPPRESSED:
            assert gone != 1
        assert pinned_by_one_line(members, total, true, text) == []


@given(tables())
def test_rows_and_columns_solved_together_fix_no_hidden_figure(case):
    _, _, text, lines = layout(*case)
    hidden = [k for k, v in text.items() if v == SUPPRESSED]
    equations = [
        [(k in members) - (k == total) for k in hidden] for members, total in lines if hidden
    ]
    full = rank(equations)
    for i in range(len(hidden)):
        # A figure is fixed by the equations exactly when dropping it lowers their rank.
        assert rank([row[:i] + row[i + 1 :] for row in equations]) == full, hidden[i]


@given(tables(max_rows=3, max_columns=2) | tables(max_rows=2, max_columns=3))
def test_every_hidden_figure_of_a_small_table_has_another_possible_value(case):
    # Any second table that fits the display differs from the true one along a cycle by
    # exactly 1 per figure, so trying each hidden cell at -1, 0 and +1 finds one if it exists.
    data, columns = case
    _, true, text, lines = layout(data, columns)
    hidden_cells = [k for k in true if k[0] == "cell" and text[k] == SUPPRESSED]
    moved = set()
    choices = [[v for v in (true[k] - 1, true[k], true[k] + 1) if v >= 1] for k in hidden_cells]
    for values in itertools.product(*choices):
        other = true | dict(zip(hidden_cells, values, strict=True))
        for members, total in lines:
            other[total] = sum(other[k] for k in members)
        if all(other[k] == true[k] if text[k] != SUPPRESSED else other[k] >= 1 for k in true):
            moved |= {k for k in true if other[k] != true[k]}
    assert moved == {k for k in true if text[k] == SUPPRESSED}


@given(tables())
def test_same_input_same_output(case):
    data, columns = case
    shuffled = {r: dict(reversed(row.items())) for r, row in data.items()}
    assert suppress_table(data, columns=columns) == suppress_table(shuffled, columns=columns)


# --- properties of one-dimensional counts ---------------------------------------------------


@given(st.lists(counts, max_size=7))
def test_counts_hide_small_values_and_keep_the_rest_true(values):
    data = {f"group {i}": v for i, v in enumerate(values)}
    pairs, total = suppress_counts(data)
    assert [label for label, _ in pairs] == list(data)
    true = [*values, sum(values)]
    text = [t for _, t in pairs] + [total]
    for value, shown_as in zip(true, text, strict=True):
        if shown_as == SUPPRESSED:
            assert value >= 1
        else:
            assert number(shown_as) == value
            assert not 1 <= value <= 10
    keys = list(range(len(true)))
    assert pinned_by_one_line(keys[:-1], keys[-1], true, text) == []
    assert suppress_counts(data) == (pairs, total)


# --- worked examples ------------------------------------------------------------------------


def test_a_small_cell_takes_the_cheapest_rectangle_with_it():
    table = suppress_table(
        {
            "first years": {"a": 5, "b": 20, "c": 30},
            "second years": {"a": 25, "b": 14, "c": 40},
            "third years": {"a": 30, "b": 33, "c": 12},
        }
    )
    assert table.cells == {
        ("first years", "a"): SUPPRESSED,
        ("first years", "b"): SUPPRESSED,
        ("first years", "c"): "30",
        ("second years", "a"): SUPPRESSED,
        ("second years", "b"): SUPPRESSED,
        ("second years", "c"): "40",
        ("third years", "a"): "30",
        ("third years", "b"): "33",
        ("third years", "c"): "12",
    }
    assert table.row_totals == {"first years": "55", "second years": "79", "third years": "75"}
    assert table.column_totals == {"a": "60", "b": "67", "c": "82"}
    assert (table.total, table.suppressed) == ("209", 4)


def test_a_small_row_total_is_covered_through_the_other_totals():
    table = suppress_table({"staff": {"yes": 3, "no": 0}, "students": {"yes": 40, "no": 50}})
    assert table.cells == {
        ("staff", "yes"): SUPPRESSED,
        ("staff", "no"): "0",
        ("students", "yes"): SUPPRESSED,
        ("students", "no"): "50",
    }
    assert table.row_totals == {"staff": SUPPRESSED, "students": SUPPRESSED}
    assert table.column_totals == {"yes": "43", "no": "50"}
    assert (table.total, table.suppressed) == ("93", 4)


def test_two_hidden_ones_next_to_a_shown_total_are_not_enough():
    # 1 + 1 + 20 = 22 with the 20 hidden too: the two small cells could be anything to 20.
    table = suppress_table({"cohort": {"a": 1, "b": 1, "c": 20}})
    assert set(table.cells.values()) == set(table.column_totals.values()) == {SUPPRESSED}
    assert (table.row_totals, table.total, table.suppressed) == ({"cohort": "22"}, "22", 6)


def test_columns_keep_the_order_given_and_missing_cells_are_zero():
    table = suppress_table({"x": {"b": 30}, "y": {"a": 12}}, columns=["b", "a", "c"])
    assert (table.rows, table.columns) == (["x", "y"], ["b", "a", "c"])
    assert table.cells["x", "a"] == table.cells["y", "c"] == "0"
    assert (table.total, table.suppressed) == ("42", 0)


def test_empty_tables_show_zero_totals():
    assert suppress_table({}) == suppress_table({}, columns=[]) == suppress_table({}, columns=())
    empty = suppress_table({}, columns=["a"])
    assert (empty.column_totals, empty.total, empty.suppressed) == ({"a": "0"}, "0", 0)


def test_large_counts_use_the_same_digits_as_shown():
    table = suppress_table({"all": {"a": 1234}})
    assert table.cells["all", "a"] == table.total == shown(1234) == "1,234"


def test_a_higher_threshold_hides_more_and_a_lower_one_is_refused():
    assert suppress_counts({"a": 13, "b": 40, "c": 50}, threshold=16) == (
        [("a", SUPPRESSED), ("b", SUPPRESSED), ("c", "50")],
        "103",
    )
    with pytest.raises(ValueError, match="below the minimum"):
        suppress_table({"a": {"b": 5}}, threshold=10)
    with pytest.raises(ValueError, match="below the minimum"):
        shown_rate(20, 40, threshold=5)


def test_bad_tables_are_refused():
    with pytest.raises(ValueError, match="negative"):
        suppress_table({"a": {"b": -1}})
    with pytest.raises(ValueError, match="not listed"):
        suppress_table({"a": {"b": 12, "c": 13}}, columns=["b"])
    with pytest.raises(ValueError, match="repeat"):
        suppress_table({"a": {"b": 12}}, columns=["b", "b"])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, ([], "0")),
        ({"a": 0, "b": 25}, ([("a", "0"), ("b", "25")], "25")),
        ({"a": 12, "b": 15}, ([("a", "12"), ("b", "15")], "27")),
        # The smallest other count goes with the 5, so the 30 and the total stay.
        ({"a": 5, "b": 20, "c": 30}, ([("a", SUPPRESSED), ("b", SUPPRESSED), ("c", "30")], "55")),
        # A small total is hidden in its own right, which covers the small count.
        ({"a": 3, "b": 0}, ([("a", SUPPRESSED), ("b", "0")], SUPPRESSED)),
        # Two hidden that add up to 2 are both 1, so the 40 goes too.
        (
            {"a": 1, "b": 1, "c": 40},
            ([("a", SUPPRESSED), ("b", SUPPRESSED), ("c", SUPPRESSED)], "42"),
        ),
    ],
)
def test_counts_worked_examples(data, expected):
    assert suppress_counts(data) == expected


def test_shown_keeps_its_wording():
    assert (shown(0), shown(7), shown(11)) == ("0", HIDDEN, "11")
    assert HIDDEN == "fewer than 11"


# --- rates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (42, 100, "42%"),
        (11, 22, "50%"),
        (13, 24, "54%"),
        (57, 200, "29%"),  # 28.5 rounds up
        (10, 100, RATE_HIDDEN),  # too few did it
        (0, 100, RATE_HIDDEN),  # "none of them" describes every member
        (89, 100, "89%"),
        (95, 105, RATE_HIDDEN),  # only 10 did not
        (11, 21, RATE_HIDDEN),
        (5, 8, RATE_HIDDEN),
        (0, 0, RATE_HIDDEN),
        (950, 1000, "95%"),
        (951, 1000, ">95%"),
        (50, 1000, "5%"),
        (49, 1000, "<5%"),
    ],
)
def test_shown_rate(numerator, denominator, expected):
    assert shown_rate(numerator, denominator) == expected


def test_impossible_rates_are_refused():
    for numerator, denominator in [(5, 3), (-1, 10)]:
        with pytest.raises(ValueError, match="share"):
            shown_rate(numerator, denominator)


@given(st.integers(0, 3000), st.integers(0, 3000))
def test_a_shown_rate_rests_on_three_counts_of_at_least_11(a, b):
    numerator, denominator = min(a, b), max(a, b)
    text = shown_rate(numerator, denominator)
    if text == RATE_HIDDEN:
        assert min(numerator, denominator - numerator) < 11
    else:
        assert numerator >= 11 and denominator - numerator >= 11
        if text[0] not in "<>":
            assert abs(int(text[:-1]) - 100 * numerator / denominator) <= 0.5
            assert 5 <= int(text[:-1]) <= 95
