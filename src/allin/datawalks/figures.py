"""A station's figure: "label, value" lines typed by the organizer, kept as rows, drawn as a
horizontal bar chart in SVG beside the same rows as a table. No uploads, no chart library: a
data walk shows a handful of bars, and the table is the accessible version of the chart."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from allin.core.privacy import SUPPRESSED, suppress_counts

MAX_ROWS = 20
MAX_LABEL = 80
# The chart's own units (the template's viewBox is 450 wide); the SVG scales to the screen,
# so a phone shows it whole.
LABEL_WIDTH = 160
BAR_WIDTH = 220  # for the largest value
ROW_HEIGHT = 36
# Bounds on a value, checked before any arithmetic: Decimal("1e99999999999") is finite, but
# writing it out or scaling a bar by it overflows.
MAX_DIGITS = 12  # values under a million million
MAX_PLACES = 4  # digits after the decimal point
TOO_LARGE = "is too large; keep values under 1,000,000,000,000."
TOO_PRECISE = f"has too many decimal places; use at most {MAX_PLACES}."
NOT_A_NUMBER = "is not a number."


class _NumberError(ValueError):
    pass


def _number(text: str) -> Decimal:
    """The value as a bounded decimal, or _NumberError saying what is wrong with it."""
    cleaned = text.strip().removesuffix("%").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise _NumberError(NOT_A_NUMBER) from None
    if not value.is_finite():
        raise _NumberError(NOT_A_NUMBER)
    if value.is_zero():
        return Decimal(0)
    _sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # only NaN and infinity have a letter here
        raise _NumberError(NOT_A_NUMBER)
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if value.adjusted() >= MAX_DIGITS:
        raise _NumberError(TOO_LARGE)
    if exponent + trailing < -MAX_PLACES:
        raise _NumberError(TOO_PRECISE)
    return value


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
        try:
            value = _number(raw)
        except _NumberError as exc:
            raise ValidationError(f"Line {number}: “{raw.strip()}” {exc}") from None
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
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise ValidationError(f"Row {number}: “{value}” {NOT_A_NUMBER}")
        try:
            number_value = _number(str(value))
        except _NumberError as exc:
            raise ValidationError(f"Row {number}: “{value}” {exc}") from None
        if number_value < 0:
            raise ValidationError(f"Line {number}: the bars start at zero; use 0 or more.")


def rows_as_text(rows: list[list[str]]) -> str:
    return "\n".join(f"{label}, {value}" for label, value in rows)


def is_share(unit: str) -> bool:
    """Whether the figure's unit makes its values percentages rather than counts of people."""
    unit = unit.strip().lower()
    return "%" in unit or "percent" in unit or "per cent" in unit


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    width: int
    y: int

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6

    @property
    def hidden(self) -> bool:
        return self.value == SUPPRESSED


def _row_value(row: object) -> tuple[str, Decimal | None]:
    """The label and value of a stored row; the value is None where it cannot be drawn (rows
    saved before the checks, or by hand)."""
    if not isinstance(row, list | tuple) or len(row) != 2:
        return str(row), None
    label, value = row
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return str(label), None
    try:
        return str(label), _number(str(value))
    except _NumberError:
        return str(label), None


def _as_count(value: Decimal) -> int:
    """A count of people for suppression: any value above zero counts as at least one, so a
    fraction below the threshold is hidden like a whole number."""
    return max(1, int(value)) if value > 0 else 0


def bars(rows: list[list[str]], unit: str = "") -> list[Bar]:
    """Each row's bar, scaled so the largest shown value fills BAR_WIDTH.

    Counts of people (any unit but a percentage) go through ``suppress_counts``: a count of 1
    to 10, and any count that would give one away, says "hidden" and draws no bar. No total is
    shown. The scale comes from the shown values only, so no bar's length gives a hidden one
    away. A value that cannot be read draws no bar and shows a dash.
    """
    read = [_row_value(row) for row in rows]
    texts: list[str] = [_plain(value) if value is not None else "—" for _, value in read]
    if not is_share(unit):
        # Keyed by position: two rows may share a label. The total is not shown.
        counts = {
            str(i): _as_count(value) for i, (_, value) in enumerate(read) if value is not None
        }
        shown, _total = suppress_counts(counts)
        for key, text in shown:
            if text == SUPPRESSED:
                texts[int(key)] = SUPPRESSED
    drawn = [
        value if value is not None and text != SUPPRESSED else None
        for (_, value), text in zip(read, texts, strict=True)
    ]
    largest = max((v for v in drawn if v is not None), default=Decimal(0))
    return [
        Bar(
            label=label,
            value=text,
            width=max(0, round(number * BAR_WIDTH / largest)) if number and largest > 0 else 0,
            y=index * ROW_HEIGHT,
        )
        for index, ((label, _), text, number) in enumerate(zip(read, texts, drawn, strict=True))
    ]


def chart_height(rows: list[list[str]]) -> int:
    return max(len(rows), 1) * ROW_HEIGHT
