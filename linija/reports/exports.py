"""The report as files: CSV (streamed), XLSX (one sheet per table) and PDF (with its charts).

A cell that a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-``,
``@``, their full-width and other Unicode look-alikes, a tab, a carriage return or a line feed,
also behind spaces and invisible characters) is written with a leading apostrophe, so a taxonomy
name typed by anybody can never execute in the supervisor's spreadsheet: ``cell_safe`` is the
one neutraliser of every CSV and XLSX Linija writes.

The PDF is drawn by WeasyPrint with ``StaticFilesOnly``: it reads the project's own static files
and ``data:`` images, and fetches nothing else (no network, no other file).
"""

from __future__ import annotations

import base64
import csv
import io
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from linija.reports.builders import TABLES, report_tables
from linija.reports.charts import chart_svg
from linija.reports.counting import Scope
from linija.reports.filters import ReportFilter
from linija.reports.tables import Kind, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Starts that NFKC does not fold onto ``FORMULA_STARTS`` but a spreadsheet may still read as
# a sign: minus signs, dashes, heavy and modifier plus, minus and equals signs.
FORMULA_LOOK_ALIKES = frozenset(
    "\u2212\u2010\u2011\u2012\u2013\u2014\u2015\u2795\u2796\u02d6\u02d7\ua78a"
)
SHEET_TITLE_LENGTH = 31
SHEET_FORBIDDEN = str.maketrans({character: " " for character in "[]:*?/\\"})
Step = Callable[[int, int], None]


def _formula_like(text: str) -> bool:
    """Whether the first visible character of ``text`` could start a formula; spaces (a
    subtopic's indent; spreadsheets drop them) and invisible characters are looked past."""
    for character in text:
        if character in FORMULA_STARTS or character in FORMULA_LOOK_ALIKES:
            return True
        if character.isspace() or unicodedata.category(character) == "Cf":
            continue
        return unicodedata.normalize("NFKC", character).startswith(FORMULA_STARTS)
    return False


def cell_safe(value: Any) -> Any:
    """``value`` as a spreadsheet may show it: text that looks like a formula is neutralised."""
    if isinstance(value, str) and _formula_like(value):
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
        sheet = workbook.create_sheet(_sheet_title(table.sheet, taken))
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
    return pdf_document(html, stylesheet="reports/pdf.css")


class StaticFilesOnly(URLFetcher):
    """WeasyPrint's fetcher for Linija's own documents: the project's static files (found as
    ``collectstatic`` would find them) and ``data:`` URLs; every other URL is refused, so that
    text in a document can never make the server fetch a page or read a file."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        prefix = static_base_url()
        if url.startswith(prefix):
            name = url[len(prefix) :].split("?")[0].split("#")[0]
            try:
                path = finders.find(name) if name else None
            except SuspiciousFileOperation:
                path = None
            if path:
                with open(path, "rb") as found:
                    return URLFetcherResponse(url, found.read())
        raise ValueError(f"Not one of the project's static files: {url[:100]}")


def static_base_url() -> str:
    """The address the PDF's relative URLs resolve against: the static files'."""
    return settings.LINIJA_BASE_URL + settings.STATIC_URL


def pdf_document(html: str, *, stylesheet: str) -> bytes:
    """``html`` drawn as a PDF with the static file ``stylesheet``, fetching through
    ``StaticFilesOnly`` only."""
    fetcher = StaticFilesOnly()
    base_url = static_base_url()
    css = CSS(url=base_url + stylesheet, url_fetcher=fetcher, base_url=base_url)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[css])


def _share(step: Step | None, start: int, width: int) -> Step | None:
    """A ``step`` for one part of a longer job: ``done/total`` of it is ``start`` + a share of
    ``width`` out of 100."""
    if step is None:
        return None
    return lambda done, total: step(start + width * done // total, 100)
