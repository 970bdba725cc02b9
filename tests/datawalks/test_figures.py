"""The figure typed as "label, value" lines, and the bars drawn from it."""

import pytest
from django.core.exceptions import ValidationError

from allin.datawalks.figures import (
    BAR_WIDTH,
    bars,
    chart_height,
    check_rows,
    parse_rows,
    rows_as_text,
)


def test_lines_become_rows_and_back():
    rows = parse_rows("Black, 7\n\n  Asian, South Asian , 24.50 \nWhite,52%\n")
    assert rows == [["Black", "7"], ["Asian, South Asian", "24.5"], ["White", "52"]]
    assert rows_as_text(rows) == "Black, 7\nAsian, South Asian, 24.5\nWhite, 52"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Black 7", "Line 1: write a label, a comma, then a number."),
        ("Black, 7\n, 3", "Line 2: write a label, a comma, then a number."),
        ("Black, seven", "Line 1: “seven” is not a number."),
        ("Black, NaN", "Line 1: “NaN” is not a number."),
        ("Change, -3", "Line 1: the bars start at zero; use 0 or more."),
        ("x" * 81 + ", 1", "Line 1: keep a label under 80 characters."),
        (
            "\n".join(f"Row {i}, {i}" for i in range(21)),
            "A station shows at most 20 rows; this one has 21.",
        ),
    ],
)
def test_bad_lines_are_named(typed, message):
    with pytest.raises(ValidationError) as caught:
        parse_rows(typed)
    assert caught.value.messages == [message]


def test_the_largest_value_fills_the_chart():
    drawn = bars([["A", "10"], ["B", "5"], ["C", "0"]], "%")
    assert [(b.label, b.value, b.width, b.y) for b in drawn] == [
        ("A", "10", BAR_WIDTH, 0),
        ("B", "5", BAR_WIDTH // 2, 36),
        ("C", "0", 0, 72),
    ]
    assert chart_height([["A", "10"], ["B", "5"], ["C", "0"]]) == 108


def test_all_zero_draws_empty_bars():
    assert [b.width for b in bars([["A", "0"], ["B", "0"]])] == [0, 0]
    assert bars([]) == []


def test_counts_of_people_from_1_to_10_are_hidden_and_draw_no_bar():
    drawn = bars([["Black", "7"], ["Latinx", "9"], ["White", "52"], ["Asian", "24"]], "students")
    assert [(b.label, b.value, b.hidden) for b in drawn] == [
        ("Black", "hidden", True),
        ("Latinx", "hidden", True),
        ("White", "52", False),
        ("Asian", "24", False),
    ]
    assert [b.width for b in drawn] == [0, 0, BAR_WIDTH, round(24 * BAR_WIDTH / 52)]


def test_a_lone_small_count_hides_a_neighbour_too():
    # One hidden count could be worked out from a total known elsewhere: a second is hidden.
    drawn = bars([["A", "5"], ["B", "50"], ["C", "30"]])
    assert [b.value for b in drawn] == ["hidden", "50", "hidden"]
    # The scale comes from the shown bars only, so no length gives a hidden value away.
    assert [b.width for b in drawn] == [0, BAR_WIDTH, 0]


def test_a_fraction_of_a_small_count_is_hidden_too():
    assert [b.value for b in bars([["A", "0.5"], ["B", "10.9"], ["C", "0"]])] == [
        "hidden",
        "hidden",
        "0",
    ]


@pytest.mark.parametrize("unit", ["%", " percent", "Per cent of students"])
def test_percentages_are_shown_as_typed(unit):
    assert [b.value for b in bars([["A", "7"], ["B", "93"]], unit)] == ["7", "93"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "A, 1e99999999999",
            "Line 1: “1e99999999999” is too large; keep values under 1,000,000,000,000.",
        ),
        (
            "A, 1000000000000",
            "Line 1: “1000000000000” is too large; keep values under 1,000,000,000,000.",
        ),
        (
            "A, 1e-99999999999",
            "Line 1: “1e-99999999999” has too many decimal places; use at most 4.",
        ),
        ("A, 0.00001", "Line 1: “0.00001” has too many decimal places; use at most 4."),
    ],
)
def test_values_out_of_bounds_are_named(typed, message):
    with pytest.raises(ValidationError) as caught:
        parse_rows(typed)
    assert caught.value.messages == [message]


def test_values_within_bounds_are_kept():
    assert parse_rows("A, 999999999999\nB, 0.1250000\nC, 12E3\nD, 0e-99999999999") == [
        ["A", "999999999999"],
        ["B", "0.125"],
        ["C", "12000"],
        ["D", "0"],
    ]


@pytest.mark.parametrize("value", ["1e99999999999", "1e-99999999999", 1e308, None, ["1"]])
def test_the_services_check_refuses_values_out_of_bounds(value):
    with pytest.raises(ValidationError):
        check_rows([["A", value]])


def test_rows_stored_before_the_checks_still_draw():
    drawn = bars([["A", "1e99999999999"], ["B", "many"], ["C", "40"], "junk", ["D", "20"]], "%")
    assert [(b.value, b.width) for b in drawn] == [
        ("—", 0),
        ("—", 0),
        ("40", BAR_WIDTH),
        ("—", 0),
        ("20", BAR_WIDTH // 2),
    ]
    assert [b.value for b in bars([["A", "1e99999999999"], ["B", "30"], ["C", "40"]])] == [
        "—",
        "30",
        "40",
    ]
