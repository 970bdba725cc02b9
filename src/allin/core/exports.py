"""CSV and Excel downloads of data people typed in, safe to open in a spreadsheet.

Names, titles and answers come from users; a cell such as ``=HYPERLINK(...)`` would run as a
formula on the organizer's machine (OWASP "CSV injection"), so text that a spreadsheet could
read as a formula gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

# OWASP's list, plus line feed and the full-width forms some Excel locales also accept.
DANGEROUS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_PLAIN = (int, float, Decimal, date, time, timedelta)  # bool and datetime are subclasses


def safe_cell(value: object) -> object:
    """Text that a spreadsheet could take for a formula, neutralised; other values unchanged,
    so numbers and dates stay sortable (a negative number is a number, not a formula)."""
    if value is None or isinstance(value, _PLAIN):
        return value
    text = str(value)
    if text[:1] in DANGEROUS or _first_visible(text) in DANGEROUS:
        return "'" + text
    return text


def _first_visible(text: str) -> str:
    # Spreadsheets skip leading blanks before deciding a cell is a formula; invisible control
    # and format characters may be dropped on the way in, so they are skipped too.
    for char in text:
        if not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf"):
            return char
    return ""


def csv_response(filename: str, header: list[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    # Without the BOM, Excel on Windows reads UTF-8 as the local code page and mangles names.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([_csv_value(safe_cell(cell)) for cell in row])
    return response


def xlsx_response(
    filename: str, sheet_title: str, header: list[str], rows: Iterable[Sequence]
) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    bold = Font(bold=True)
    cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=_xlsx_value(title))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        sheet.append([_xlsx_value(cell) for cell in row])
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _local(value: datetime) -> datetime:
    # Spreadsheets have no time zones; show the wall-clock time of the site's zone.
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def _csv_value(value: object) -> object:
    if isinstance(value, datetime):
        # No offset and no microseconds, so Excel recognises it as a date and time.
        return _local(value).isoformat(sep=" ", timespec="seconds")
    return value


def _xlsx_value(value: object) -> object:
    if isinstance(value, datetime):
        return _local(value)
    if value is not None and not isinstance(value, _PLAIN):
        # Control characters are not allowed in the XML and would make openpyxl refuse the row;
        # removed before sanitising, so what is left cannot start a formula.
        value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return safe_cell(value)


def _sheet_title(title: str) -> str:
    # Excel's limits: 31 characters, none of []:*?/\ .
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Sheet1"
