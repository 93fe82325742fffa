import csv
import io
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from linija.consultations.models import CallerCategory
from linija.reports import charts, exports
from linija.reports.exports import cell_safe, csv_lines, pdf_bytes, xlsx_bytes
from linija.testing.services import service_missing

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("  =1+1", "'  =1+1"),
        ("Kaunas", "Kaunas"),
        (-5, -5),
        (12.5, 12.5),
        ("", ""),
    ],
)
def test_it_neutralises_cells_that_look_like_formulas(value, safe):
    assert cell_safe(value) == safe


def csv_table(lines, title):
    start = lines.index([title])
    end = lines.index([], start)
    return lines[start + 1 : end]


def test_it_writes_the_csv_with_every_table(march, march_filter, english):
    text = "".join(csv_lines(march_filter))
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text[1:])))
    assert ["Period", "Month (2025-03-01 – 2025-03-31)"] in lines
    channel = csv_table(lines, "Contacts by channel")
    assert channel == [
        ["Channel", "Counselling", "Non-counselling", "All contacts"],
        ["Phone", "3", "1", "4"],
        ["E-mail", "1", "0", "1"],
        ["Chat", "1", "1", "2"],
        ["Total", "5", "2", "7"],
    ]
    talk = csv_table(lines, "Talk and wrap-up time of counselling contacts")
    assert talk[0][2] == "Average talk time (s)"
    assert talk[-1] == ["Total", "5", "840", "4200", "144"]
    topics = csv_table(lines, "Counselling contacts by topic")
    assert ["  Documents and application", "1", "20.0"] in topics
    assert topics[-1] == ["Counselling contacts", "5", "100.0"]


def test_it_neutralises_a_formula_typed_into_a_taxonomy(march, march_filter, english):
    CallerCategory.objects.filter(code="guardian").update(name_en="=1+1")
    text = "".join(csv_lines(march_filter))
    assert "'=1+1,3,60.0" in text
    workbook = load_workbook(io.BytesIO(xlsx_bytes(march_filter)))
    sheet = workbook["Caller categories"]
    assert sheet["A3"].value == "'=1+1"
    assert sheet["A3"].data_type == "s"


def test_it_writes_one_sheet_per_table_and_the_filter(march, march_filter, english):
    steps = []
    content = xlsx_bytes(march_filter, step=lambda done, total: steps.append(done * 100 // total))
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames[:4] == ["Filter", "Summary", "Channels", "Answered and missed"]
    assert len(workbook.sheetnames) == 15
    assert all(len(name) <= 31 for name in workbook.sheetnames)
    assert workbook["Filter"]["A2"].value == "Period"
    channel = [list(row) for row in workbook["Channels"].iter_rows(values_only=True)]
    assert channel[1] == ["Channel", "Counselling", "Non-counselling", "All contacts"]
    assert channel[-1] == ["Total", 5, 2, 7]
    heatmap = list(workbook["Weekday and hour"].iter_rows(values_only=True))
    assert heatmap[-1][-1] == 7
    assert steps == sorted(steps) and steps[-1] == 90


def test_it_names_every_sheet_in_full_and_apart_in_lithuanian(march, march_filter):
    names = load_workbook(io.BytesIO(xlsx_bytes(march_filter))).sheetnames
    # Cut to 31 characters, four titles began alike ("Konsultaciniai kreipiniai pagal …")
    # and came out numbered: each tab now has a short name of its own, never cut or numbered.
    assert names[:5] == [
        "Filtras",
        "Santrauka",
        "Kanalai",
        "Atsakyti ir praleisti",
        "Laikas iki pirmojo atsakymo",
    ]
    assert {"Besikreipiančiųjų kategorijos", "Temos", "Savivaldybės"} <= set(names)
    assert not [name for name in names if name[-2:].strip().isdigit() or len(name) > 31]


def test_it_makes_a_pdf_of_the_report_with_its_charts(march, march_filter, monkeypatch):
    drawn = []

    def chart_svg(table):
        drawn.append(table.key)
        return charts.chart_svg(table)

    monkeypatch.setattr(exports, "chart_svg", chart_svg)
    content = pdf_bytes(march_filter)
    assert content.startswith(b"%PDF-")
    assert drawn == [
        "channel",
        "service",
        "caller_category",
        "topic",
        "municipality",
        "contact_order",
        "outcome",
        "referral",
        "non_counselling",
        "heatmap",
    ]
    if not shutil.which("pdftotext"):
        service_missing("pdftotext not found: apt-get install -y poppler-utils")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    assert "Linijos ataskaita" in text
    assert "Laikotarpis: Month (2025-03-01 – 2025-03-31)" in text
    assert "Laikas iki pirmojo atsakymo pokalbiuose internetu ir el. paštu" in text
    assert "Kauno miesto savivaldybė" in text
    pages = subprocess.run(
        ["pdfinfo", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    assert int(next(line.split()[-1] for line in pages.splitlines() if "Pages:" in line)) >= 3


def test_it_keeps_every_word_of_the_pdf_inside_the_page_margins(march, march_filter):
    """The weekday-and-hour table ran past the right margin to the paper's edge (its "23"
    column at 593 of 595 pt) and the satisfaction table's last heading past the margin."""
    if not shutil.which("pdftotext"):
        service_missing("pdftotext not found: apt-get install -y poppler-utils")
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"],
        input=pdf_bytes(march_filter),
        capture_output=True,
        check=True,
    ).stdout.decode()
    width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))
    right = width - 14 * 72 / 25.4  # the @page margin, 14 mm
    words = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', boxes)
    assert len(words) > 500
    outside = [word for start, end, word in words if float(start) < 0 or float(end) > right + 1]
    assert not outside, f"{len(outside)} words past the margin, e.g. {outside[:5]}"
