"""The report as files: CSV (streamed), XLSX (one sheet per table) and PDF (with its charts).

A cell that a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is written with a leading apostrophe, so a taxonomy name
typed by anybody can never execute in the supervisor's spreadsheet.
"""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from weasyprint import CSS, HTML

from linija.reports.charts import chart_svg
from linija.reports.filters import ReportFilter
from linija.reports.selectors import TABLES, Scope, report_tables
from linija.reports.tables import Kind, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_LENGTH = 31
SHEET_FORBIDDEN = str.maketrans({character: " " for character in "[]:*?/\\"})
Step = Callable[[int, int], None]


def cell_safe(value: Any) -> Any:
    """``value`` as a spreadsheet may show it: text that looks like a formula is neutralised,
    also behind leading spaces (a subtopic's indent; some spreadsheets drop them)."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def file_name(report: ReportFilter, extension: str) -> str:
    return f"linija-{report.start:%Y-%m-%d}_{report.end:%Y-%m-%d}.{extension}"


def _header(table: Table) -> list[str]:
    units = {Kind.SECONDS: " (s)"}
    return [
        table.row_header,
        *(f"{column.label}{units.get(column.kind, '')}" for column in table.columns),
    ]


def table_lines(table: Table) -> Iterator[list[Any]]:
    """The table as lines of cells: its title, the header, the rows and the total."""
    yield [table.title]
    yield _header(table)
    for row in (*table.rows, *([table.total] if table.total else [])):
        label = f"  {row.label}" if row.level else row.label
        yield [label, *("" if value is None else value for value in row.values)]


def _filter_lines(report: ReportFilter) -> Iterator[list[str]]:
    yield [_("Linija report"), f"{timezone.localtime():%Y-%m-%d %H:%M}"]
    yield from ([label, value] for label, value in report.describe())


# --- CSV -----------------------------------------------------------------------------------------


class _Echo:
    """A file whose ``write`` returns what it is given, for ``csv.writer`` to stream through."""

    def write(self, value: str) -> str:
        return value


def csv_lines(report: ReportFilter) -> Iterator[str]:
    """The report as CSV text, one line at a time, each table counted only when reached."""
    writer = csv.writer(_Echo())
    scope = Scope(report)
    yield "\ufeff"  # so that spreadsheets read the Lithuanian letters as UTF-8
    for line in _filter_lines(report):
        yield writer.writerow([cell_safe(cell) for cell in line])
    for build in TABLES.values():
        yield writer.writerow([])
        for line in table_lines(build(scope)):
            yield writer.writerow([cell_safe(cell) for cell in line])


# --- XLSX ----------------------------------------------------------------------------------------


def _sheet_title(title: str, taken: set[str]) -> str:
    base = title.translate(SHEET_FORBIDDEN).strip()[:SHEET_TITLE_LENGTH].strip()
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" {number}"
        candidate = base[: SHEET_TITLE_LENGTH - len(suffix)] + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def xlsx_bytes(report: ReportFilter, *, step: Step | None = None) -> bytes:
    """The report as a workbook: a sheet with the filter used, then one sheet per table."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    sheet = workbook.create_sheet(_sheet_title(_("Filter"), taken))
    for line in _filter_lines(report):
        sheet.append([cell_safe(cell) for cell in line])
    for table in report_tables(report, step=_share(step, 0, 90)):
        sheet = workbook.create_sheet(_sheet_title(table.title, taken))
        for line in table_lines(table):
            sheet.append([cell_safe(cell) for cell in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF -----------------------------------------------------------------------------------------


def _data_url(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def pdf_bytes(report: ReportFilter, *, step: Step | None = None) -> bytes:
    """The report page as a PDF, its charts drawn in."""
    tables = report_tables(report, step=_share(step, 0, 50))
    charted = []
    for index, table in enumerate(tables, start=1):
        charted.append((table, _data_url(chart_svg(table)) if table.chart else ""))
        if step is not None:
            step(50 + 40 * index // len(tables), 100)
    html = render_to_string(
        "reports/pdf.html",
        {"report": report, "filters": report.describe(), "charted": charted, "now": timezone.now()},
    )
    stylesheet = CSS(filename=finders.find("reports/pdf.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])


def _share(step: Step | None, start: int, width: int) -> Step | None:
    """A ``step`` for one part of a longer job: ``done/total`` of it is ``start`` + a share of
    ``width`` out of 100."""
    if step is None:
        return None
    return lambda done, total: step(start + width * done // total, 100)
