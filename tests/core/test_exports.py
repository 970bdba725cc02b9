"""Spreadsheet exports must never hand an organizer a cell that runs as a formula."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from allin.core.exports import DANGEROUS, csv_response, safe_cell, xlsx_response

ATTACKS = [
    '=HYPERLINK("https://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\n@x",
    "\uff1d1+1",
]
HEADER = ["Name", "Note", "Minutes", "Balance", "Day", "Checked in"]
CHECKED_IN = datetime(2024, 9, 10, 16, 5, 30, 123456, tzinfo=UTC)


def rows():
    for attack in ATTACKS:
        yield ["Ada", attack, 45, -3.5, date(2024, 9, 10), CHECKED_IN]


def read_csv(response):
    body = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def read_xlsx(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


@pytest.mark.parametrize("attack", ATTACKS)
def test_safe_cell_neutralises_formula_starts(attack):
    assert safe_cell(attack) == "'" + attack


@pytest.mark.parametrize(
    "value", [42, -7, -3.5, Decimal("-1.25"), date(2024, 1, 2), CHECKED_IN, None, True]
)
def test_safe_cell_leaves_numbers_dates_and_none_alone(value):
    assert safe_cell(value) is value


def test_safe_cell_leaves_ordinary_text_alone():
    assert safe_cell("Ada Lovelace") == "Ada Lovelace"
    assert safe_cell("a=b") == "a=b"
    assert safe_cell("") == ""


@given(st.text())
def test_safe_cell_never_starts_a_formula(text):
    cleaned = safe_cell(text)
    assert cleaned[:1] not in DANGEROUS
    assert cleaned.lstrip()[:1] not in DANGEROUS
    if cleaned != text:
        assert cleaned.startswith("'")
        assert cleaned[1:] == text


@override_settings(TIME_ZONE="America/New_York")
def test_csv_neutralises_attacks_and_keeps_values():
    response = csv_response("Sign-ups for Café.csv", HEADER, rows())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Sign-ups%20for%20Caf%C3%A9.csv" in disposition
    header, *body = read_csv(response)
    assert header == HEADER
    assert [row[1] for row in body] == ["'" + attack for attack in ATTACKS]
    # Numbers stay numbers; the time is the site's wall-clock time, as Excel can read it.
    assert body[0][2:] == ["45", "-3.5", "2024-09-10", "2024-09-10 12:05:30"]


@override_settings(TIME_ZONE="America/New_York")
def test_xlsx_neutralises_attacks_and_keeps_values():
    response = xlsx_response("sign-ups.xlsx", "Sign-ups: Fall/2024", HEADER, rows())
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="sign-ups.xlsx"'
    sheet = read_xlsx(response).active
    assert sheet.title == "Sign-ups  Fall 2024"
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)

    header, *body = list(sheet.iter_rows())
    assert [cell.value for cell in header] == HEADER
    assert all(cell.font.bold for cell in header)
    # XML turns a stored carriage return into a line feed on reading; either way it is masked.
    assert [row[1].value for row in body] == [
        "'" + attack.replace("\r", "\n") for attack in ATTACKS
    ]
    first = [cell.value for cell in body[0]]
    assert first[2:4] == [45, -3.5]
    assert first[4].isoformat() == "2024-09-10T00:00:00"  # Excel stores dates as date-times
    assert first[5].isoformat(timespec="seconds") == "2024-09-10T12:05:30"  # naive, local


def test_xlsx_drops_control_characters_without_unmasking_a_formula():
    response = xlsx_response("x.xlsx", "Sheet", ["A"], [["\x01=1+1"], ["ok\x02"]])
    sheet = read_xlsx(response).active
    values = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert values == ["'=1+1", "ok"]
