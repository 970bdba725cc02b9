"""The figure typed as "label, value" lines, and the bars drawn from it."""

import pytest
from django.core.exceptions import ValidationError

from allin.datawalks.figures import BAR_WIDTH, bars, chart_height, parse_rows, rows_as_text


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
    drawn = bars([["A", "10"], ["B", "5"], ["C", "0"]])
    assert [(b.label, b.value, b.width, b.y) for b in drawn] == [
        ("A", "10", BAR_WIDTH, 0),
        ("B", "5", BAR_WIDTH // 2, 36),
        ("C", "0", 0, 72),
    ]
    assert chart_height([["A", "10"], ["B", "5"], ["C", "0"]]) == 108


def test_all_zero_draws_empty_bars():
    assert [b.width for b in bars([["A", "0"], ["B", "0"]])] == [0, 0]
    assert bars([]) == []
