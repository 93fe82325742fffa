"""Linija's e-mail ingestion speed: load N letters into a Dovecot of its own, fetch them
through Linija (IMAP, parsing, storage, threading, acknowledgements), check each is stored
exactly once.

    .venv/bin/python bench/mail_ingest.py --letters 2000
    .venv/bin/python bench/mail_ingest.py --letters 2000 --database-url postgres://…/bench

Without ``--database-url`` it uses a fresh SQLite file in a temporary folder (the embedded
default). The last line is ``letters=N stored=N duplicates=0 letters_per_s=…
baseline_letters_per_s=… ratio=… peak_mb=…``: the baseline, in the same run, fetches the same
letters from the same Dovecot (another folder) and only parses them, storing nothing; ratio is
letters_per_s over it (1.0 would be storage for free); peak_mb the process's peak resident
memory. The worker runs as in production (DEBUG off).

    .venv/bin/python bench/mail_ingest.py --corpus DIR

ingests every raw letter file of DIR (``.eml``, ``.box``, ``.txt``, one letter a file) the same
way into a fresh database, one at a time, and prints a JSON line per letter (``file``,
``stored``, ``quarantined`` and its ``reason``, ``kind``, ``subject``, ``from_address``,
``text_chars``, ``attachments``, ``acknowledged``, ``conversation``, ``warnings``), then
``letters=N stored=N quarantined=N failed=N acknowledged=N``; it fails unless failed=0 (a
letter that cannot be stored is quarantined after ``LINIJA_MAIL_QUARANTINE_TRIES`` fetches).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import quopri
import random
import resource
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

SENDERS = 300
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
TEXTS = [
    "Laba diena, norėčiau sužinoti, kaip tapti globėju ir kokių dokumentų reikia.",
    "Sveiki, mūsų šeima augina budintį globotinį. Kokios išmokos priklauso?",
    "Kiek laiko trunka įvaikinimo eilė Kaune? Ačiū už atsakymą.",
    "Vaikas nenori bendrauti su biologine mama. Ką daryti? Žygimantas",
]


def letter(number: int, rng: random.Random, earlier: list[str], run: str) -> tuple[bytes, str]:
    """One letter of a realistic mix: plain UTF-8, windows-1257, HTML alternative, PDF."""
    sender = f"zmogus{rng.randrange(SENDERS)}@example.lt"
    message_id = f"<bench{number}.{run}@example.lt>"
    text = rng.choice(TEXTS) + f"\n\nLaiškas nr. {number}."
    subject = f"Klausimas dėl globos {number}"
    headers = [
        f"From: =?utf-8?Q?=C5=BDmogus_{number}?= <{sender}>",
        "To: linija@pastoge.lt",
        f"Subject: =?utf-8?B?{base64.b64encode(subject.encode()).decode()}?=",
        "Date: Mon, 06 May 2024 14:03:00 +0300",
        f"Message-ID: {message_id}",
        "MIME-Version: 1.0",
    ]
    if earlier and rng.random() < 0.2:
        headers.append(f"In-Reply-To: {rng.choice(earlier)}")
    kind = number % 4
    if kind == 0:
        body = [
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            quopri.encodestring(text.encode()).decode(),
        ]
    elif kind == 1:
        raw = "\r\n".join([*headers, "Content-Type: text/plain; charset=windows-1257", "", ""])
        return raw.encode() + text.encode("cp1257") + b"\r\n", message_id
    elif kind == 2:
        body = [
            'Content-Type: multipart/alternative; boundary="alt"',
            "",
            "--alt",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            base64.encodebytes(text.encode()).decode(),
            "--alt",
            "Content-Type: text/html; charset=utf-8",
            "",
            f"<p>{text}</p><p><b>Ačiū</b></p>",
            "--alt--",
        ]
    else:
        body = [
            "Content-Type: multipart/mixed; boundary=mix",
            "",
            "--mix",
            "Content-Type: text/plain; charset=utf-8",
            "",
            text,
            "--mix",
            "Content-Type: application/pdf",
            'Content-Disposition: attachment; filename="pazyma.pdf"',
            "Content-Transfer-Encoding: base64",
            "",
            base64.encodebytes(PDF).decode(),
            "--mix--",
        ]
    return "\r\n".join([*headers, *body, ""]).encode(), message_id


CORPUS_SUFFIXES = {".eml", ".box", ".txt"}
MAX_TRIES = 5


def corpus_files(folder: Path) -> list[Path]:
    """The raw letters of a folder: every .eml, .box and .txt file, one letter a file."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and path.suffix.lower() in CORPUS_SUFFIXES
    )


def prepare(folder: Path, database_url: str) -> None:
    """A fresh Django set up as the worker runs in production (DEBUG off), migrated."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "linija.settings"
    os.environ["LINIJA_VAR_DIR"] = str(folder / "var")
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.pop("REDIS_URL", None)
    os.environ["LINIJA_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["LINIJA_DEBUG"] = "0"  # as the worker runs in production: no query log

    import django

    django.setup()
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext

    call_command("migrate", verbosity=0, interactive=False)
    # What a running worker has loaded before its first letter: the URLs, the catalogs.
    reverse("mail:list")
    for language in ("lt", "en"):
        with translation.override(language):
            gettext("E-mail")


def point_at(server, folder: Path) -> None:
    from django.conf import settings

    settings.LINIJA_IMAP_HOST = server.host
    settings.LINIJA_IMAP_PORT = server.port
    settings.LINIJA_IMAP_SECURITY = "plain"
    settings.LINIJA_IMAP_USER = server.user
    settings.LINIJA_IMAP_PASSWORD = server.password
    settings.LINIJA_MAIL_PRIVATE_DIR = str(folder / "private")


def corpus_letter(server, path: Path) -> dict:
    """One file delivered to Dovecot and fetched by Linija: what became of it."""
    from linija.mail.mailbox import mail_fetch
    from linija.mail.models import Acknowledgement, Letter, QuarantinedLetter

    last = Letter.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    acknowledged = Acknowledgement.objects.count()
    server.empty()
    server.deliver([path.read_bytes()])
    failed = duplicate = quarantined = 0
    for _try in range(MAX_TRIES):
        report = mail_fetch()
        failed, duplicate = report.failed, report.duplicates
        quarantined += report.quarantined
        if not failed:
            break
    stored = Letter.objects.filter(pk__gt=last).order_by("pk").first()
    line = {
        "file": path.name,
        "stored": stored is not None,
        "quarantined": bool(quarantined),
        "failed": bool(failed),
    }
    if quarantined:
        line["reason"] = QuarantinedLetter.objects.latest("quarantined_at").reason
    if stored is None:
        line["kind"] = "duplicate" if duplicate else ""
        return line
    message = stored.conversation_message
    return line | {
        "kind": stored.kind,
        "subject": stored.subject,
        "from_address": stored.from_address,
        "text_chars": len(stored.text),
        "attachments": stored.attachments.count(),
        "acknowledged": Acknowledgement.objects.count() > acknowledged,
        "conversation": message.conversation_id if message else None,
        "warnings": [warning.get("code", "") for warning in stored.warnings],
    }


def corpus(options, folder: Path) -> int:
    """``--corpus DIR``: every raw letter of a folder through Dovecot, one JSON line each."""
    from linija.mail.testing import Dovecot

    files = corpus_files(Path(options.corpus))
    server = Dovecot(folder / "dovecot")
    tally = {"letters": 0, "stored": 0, "quarantined": 0, "failed": 0, "acknowledged": 0}
    try:
        server.start()
        point_at(server, folder)
        for path in files:
            line = corpus_letter(server, path)
            tally["failed"] += line.pop("failed")
            print(json.dumps(line, ensure_ascii=False), flush=True)
            tally["letters"] += 1
            tally["stored"] += line["stored"]
            tally["quarantined"] += line["quarantined"]
            tally["acknowledged"] += bool(line.get("acknowledged"))
    finally:
        server.stop()
    print(" ".join(f"{name}={value}" for name, value in tally.items()))
    return 0 if tally["failed"] == 0 else 1


BASELINE_FOLDER = "Baseline"


def baseline_seconds() -> float:
    """Fetching the baseline folder's letters and parsing them, storing nothing."""
    from dataclasses import replace

    from django.conf import settings

    from linija.mail.imap import imap_config, mailbox_fetch
    from linija.mail.parsing import parse_letter

    config = replace(imap_config(), folder=BASELINE_FOLDER)
    limit = settings.LINIJA_MAIL_ATTACHMENT_MAX_BYTES
    started = time.perf_counter()
    mailbox_fetch(
        config=config,
        store=lambda raws: [
            bool(parse_letter(raw, attachment_max_bytes=limit).dedupe_key) for raw in raws
        ],
    )
    return time.perf_counter() - started


def speed(options, folder: Path) -> int:
    from django.db.models import Count

    from linija.mail.mailbox import mail_fetch
    from linija.mail.models import Letter
    from linija.mail.testing import Dovecot

    run = uuid.uuid4().hex  # this run's letters, in a database that may hold others
    server = Dovecot(folder / "dovecot")
    try:
        server.start()
        rng = random.Random(options.seed)
        earlier: list[str] = []
        letters = []
        for number in range(options.letters):
            raw, message_id = letter(number, rng, earlier, run)
            letters.append(raw)
            earlier.append(message_id)
        server.deliver(letters)
        server.deliver(letters, folder=BASELINE_FOLDER)
        del letters
        point_at(server, folder)
        baseline = baseline_seconds()

        started, cpu_started = time.perf_counter(), time.process_time()
        report = mail_fetch()
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        again = mail_fetch()
    finally:
        server.stop()

    letters_of_run = Letter.objects.filter(message_id__endswith=f".{run}@example.lt>")
    stored = letters_of_run.count()
    duplicates = (
        letters_of_run.values("message_id")
        .annotate(copies=Count("id"))
        .filter(copies__gt=1)
        .count()
    )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"fetched={report.fetched} failed={report.failed} refetched={again.fetched} "
        f"seconds={seconds:.1f} cpu_seconds={cpu_seconds:.1f} "
        f"letters_per_cpu_s={options.letters / cpu_seconds:.0f}",
        file=sys.stderr,
    )
    print(
        f"letters={options.letters} stored={stored} duplicates={duplicates} "
        f"letters_per_s={options.letters / seconds:.0f} "
        f"baseline_letters_per_s={options.letters / baseline:.0f} ratio={baseline / seconds:.3f} "
        f"peak_mb={peak_mb:.0f}"
    )
    ok = stored == options.letters and duplicates == 0 and report.failed == 0
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=2000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument(
        "--corpus", default="", help="a folder of raw letters (.eml, .box, .txt) to ingest"
    )
    options = parser.parse_args()
    if options.corpus and not Path(options.corpus).is_dir():
        parser.error(f"--corpus: {options.corpus} is not a folder")

    from linija.mail.testing import dovecot_missing

    missing = dovecot_missing()
    if missing:
        print(missing, file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="linija-bench-mail-"))
    try:
        prepare(folder, options.database_url)
        return corpus(options, folder) if options.corpus else speed(options, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
