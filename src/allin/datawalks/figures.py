"""A station's figure: "label, value" lines typed by the organizer, kept as rows, drawn as a
horizontal bar chart in SVG beside the same rows as a table. No uploads, no chart library: a
data walk shows a handful of bars, and the table is the accessible version of the chart."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

MAX_ROWS = 20
MAX_LABEL = 80
# The chart's own units (the template's viewBox is 450 wide); the SVG scales to the screen,
# so a phone shows it whole.
LABEL_WIDTH = 160
BAR_WIDTH = 220  # for the largest value
ROW_HEIGHT = 36


def _number(text: str) -> Decimal | None:
    cleaned = text.strip().removesuffix("%").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_rows(text: str) -> list[list[str]]:
    """Read one "label, value" pair a line. The value is the part after the last comma, so a
    label may itself hold commas ("Asian, South Asian, 12")."""
    rows: list[list[str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, comma, raw = line.rpartition(",")
        label = label.strip()
        if not comma or not label:
            raise ValidationError(f"Line {number}: write a label, a comma, then a number.")
        value = _number(raw)
        if value is None:
            raise ValidationError(f"Line {number}: “{raw.strip()}” is not a number.")
        rows.append([label, _plain(value)])
    check_rows(rows)
    return rows


def _plain(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return "0" if text == "-0" else text


def check_rows(rows: list[list[str]]) -> None:
    """The rows as the services accept them, whoever built them."""
    if len(rows) > MAX_ROWS:
        raise ValidationError(f"A station shows at most {MAX_ROWS} rows; this one has {len(rows)}.")
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, list | tuple) or len(row) != 2:
            raise ValidationError(f"Row {number} is not a label and a value.")
        label, value = row
        if not isinstance(label, str) or not label.strip():
            raise ValidationError(f"Row {number} needs a label.")
        if len(label) > MAX_LABEL:
            raise ValidationError(f"Line {number}: keep a label under {MAX_LABEL} characters.")
        number_value = _number(str(value))
        if number_value is None:
            raise ValidationError(f"Row {number}: “{value}” is not a number.")
        if number_value < 0:
            raise ValidationError(f"Line {number}: the bars start at zero; use 0 or more.")


def rows_as_text(rows: list[list[str]]) -> str:
    return "\n".join(f"{label}, {value}" for label, value in rows)


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    width: int
    y: int

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


def bars(rows: list[list[str]]) -> list[Bar]:
    """Each row's bar, scaled so the largest value fills BAR_WIDTH."""
    values = [Decimal(value) for _, value in rows]
    largest = max(values, default=Decimal(0))
    return [
        Bar(
            label=label,
            value=value,
            width=round(number * BAR_WIDTH / largest) if largest else 0,
            y=index * ROW_HEIGHT,
        )
        for index, ((label, value), number) in enumerate(zip(rows, values, strict=True))
    ]


def chart_height(rows: list[list[str]]) -> int:
    return max(len(rows), 1) * ROW_HEIGHT
