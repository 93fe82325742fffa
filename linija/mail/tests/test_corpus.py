"""``bench/mail_ingest.py --corpus DIR`` takes every raw letter of a folder through a real
Dovecot into a fresh database: CPython's own e-mail test letters and the line's corpus of
tricky ones (headers as they come, Asian and wrongly declared charsets, uuencode…)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import test
from django.conf import settings

from linija.mail.testing import dovecot_missing
from linija.mail.tests.corpus import FOLDER
from linija.testing.services import service_missing

SUMMARY = re.compile(
    r"^letters=(\d+) stored=(\d+) quarantined=(\d+) failed=(\d+) acknowledged=(\d+)$"
)
FIELDS = {"file", "stored", "kind", "subject", "from_address", "text_chars", "attachments"}
FIELDS |= {"acknowledged", "conversation", "warnings", "quarantined"}
# Where CPython's test letters are: with the interpreter's own test package, or Debian's
# libpython3.11-testsuite.
STDLIB_LETTERS = [
    Path(test.__file__).parent / "test_email" / "data",
    Path("/usr/lib/python3.11/test/test_email/data"),
]


def corpus_run(folder: str) -> subprocess.CompletedProcess:
    """The script, in a fresh SQLite database of its own."""
    environment = {**os.environ, "PYTHONPATH": str(settings.BASE_DIR)}
    environment.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "bench/mail_ingest.py", "--corpus", folder],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def ingested(folder: Path) -> tuple[list[dict], dict[str, int]]:
    if dovecot_missing():
        service_missing(dovecot_missing())
    finished = corpus_run(str(folder))
    *lines, last = finished.stdout.strip().splitlines()
    summary = SUMMARY.match(last)
    assert summary, finished.stdout[-2000:] + finished.stderr[-2000:]
    names = ("letters", "stored", "quarantined", "failed", "acknowledged")
    figures = map(int, summary.groups())
    return [json.loads(line) for line in lines], dict(zip(names, figures, strict=True))


def files_of(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir() if path.suffix in {".eml", ".box", ".txt"}}


def test_it_ingests_every_letter_of_cpythons_email_tests():
    folder = next((path for path in STDLIB_LETTERS if path.is_dir()), None)
    if folder is None:
        service_missing("CPython's test letters missing: apt-get install libpython3.11-testsuite")
    letters, summary = ingested(folder)
    assert {letter["file"] for letter in letters} == files_of(folder)
    assert summary["failed"] == 0
    assert summary["letters"] == len(letters) >= 40
    duplicates = [letter for letter in letters if letter["kind"] == "duplicate"]
    # A letter of a Message-ID stored before is that letter again, not a new one.
    assert summary["stored"] + summary["quarantined"] + len(duplicates) == summary["letters"]
    for letter in letters:
        if letter["stored"]:
            assert set(letter) == FIELDS, letter["file"]


def test_it_ingests_the_tricky_letters_of_the_line_as_they_were_meant():
    letters, summary = ingested(FOLDER)
    assert summary["failed"] == 0
    assert summary["letters"] == len(files_of(FOLDER))
    by_file = {letter["file"][:3]: letter for letter in letters}
    assert by_file["51-"]["kind"] == "duplicate"
    assert summary["stored"] + summary["quarantined"] == summary["letters"] - 1
    assert by_file["70-"]["subject"] == "相談のお願い"
    assert by_file["71-"]["subject"] == "咨询王喆"
    assert by_file["63-"]["from_address"] == "marius.p@example.lt"
    assert by_file["63-"]["acknowledged"] is True
    assert by_file["67-"]["from_address"] == ""
    assert by_file["67-"]["conversation"] is None
    assert by_file["76-"]["attachments"] == 1
    assert "broken_headers" in by_file["61-"]["warnings"]
    assert summary["acknowledged"] == sum(letter.get("acknowledged", False) for letter in letters)


def test_it_refuses_a_corpus_that_is_no_folder():
    finished = corpus_run("/no/such/folder")
    assert finished.returncode == 2
    assert "is not a folder" in finished.stderr
