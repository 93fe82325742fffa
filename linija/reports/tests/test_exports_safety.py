"""What an export must never do: run a look-alike formula in a spreadsheet, or make the server
fetch a URL or read a file while drawing a PDF."""

import csv
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from openpyxl import load_workbook

from linija.consultations.models import CallerCategory
from linija.reports import exports
from linija.reports.exports import cell_safe, csv_lines, pdf_bytes, xlsx_bytes

LOOK_ALIKES = [
    '\uff1dHYPERLINK("http://x")',  # full-width equals sign
    "\uff0b1",  # full-width plus
    "\uff0d1\uff0b2",  # full-width hyphen-minus
    "\uff20SUM(A1)",  # full-width commercial at
    "\ufe62\u0031",  # small plus sign
    "\ufe66\u0031",  # small equals sign
    "\u207a1",  # superscript plus
    "\u22121",  # minus sign
    "\u00a0=1",  # behind a no-break space
    "\u3000\uff1d1",  # behind an ideographic space
    "\u200b=1",  # behind a zero-width space
    "\ufeff=1",  # behind a byte order mark
    "\n=1",  # a line feed first
]


@pytest.mark.parametrize("value", LOOK_ALIKES)
def test_it_neutralises_look_alike_formula_starts(value):
    assert cell_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["Kaunas", "Šiauliai", "ąčę", " Vilnius", "1 000", "(s)"])
def test_it_leaves_ordinary_text_alone(value):
    assert cell_safe(value) == value


@pytest.fixture
def look_alike_category(march):
    """A caller category renamed to a full-width formula, as an administrator could type it."""
    CallerCategory.objects.filter(code="guardian").update(
        name_lt=LOOK_ALIKES[0], name_en=LOOK_ALIKES[0]
    )
    return LOOK_ALIKES[0]


@pytest.mark.django_db
def test_it_neutralises_a_look_alike_formula_in_the_csv(look_alike_category, march_filter):
    text = "".join(csv_lines(march_filter)).lstrip("\ufeff")
    cells = [cell for line in csv.reader(io.StringIO(text)) for cell in line]

    assert "'" + look_alike_category in cells
    assert look_alike_category not in cells


@pytest.mark.django_db
def test_it_neutralises_a_look_alike_formula_in_the_xlsx(look_alike_category, march_filter):
    workbook = load_workbook(io.BytesIO(xlsx_bytes(march_filter)))
    cells = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    ]

    assert "'" + look_alike_category in cells
    assert look_alike_category not in cells


@pytest.fixture
def listener():
    """A tiny HTTP server on this machine that records every request it gets."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()
    thread.join()


def hostile_html(url: str) -> str:
    return f"""<!doctype html><html><head>
      <link rel="stylesheet" href="{url}/style.css">
      <style>@import url("{url}/import.css"); body {{ background: url("{url}/bg.png") }}</style>
      </head><body>
      <img src="{url}/image.png" alt=""><img src="file:///etc/passwd" alt="">
      <img src="../../../../etc/passwd" alt=""><iframe src="{url}/frame"></iframe>
      <object data="{url}/object"></object><a href="{url}/link">link</a>
      </body></html>"""


@pytest.mark.django_db
def test_it_fetches_no_url_a_report_names(listener, march_filter, monkeypatch):
    url, requests = listener
    monkeypatch.setattr(exports, "render_to_string", lambda *args, **kwargs: hostile_html(url))

    content = pdf_bytes(march_filter)

    assert content.startswith(b"%PDF-")
    assert requests == []
    assert b"root:" not in content


def test_it_refuses_every_url_but_the_static_files_and_data(listener):
    url, _requests = listener
    fetcher = exports.StaticFilesOnly()
    static = exports.static_base_url()

    assert b"@page" in fetcher.fetch(static + "reports/pdf.css").read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    for refused in [
        f"{url}/x.css",
        "file:///etc/passwd",
        static + "../../../../etc/passwd",
        static + "reports/missing.css",
        "ftp://127.0.0.1/x",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(refused)
