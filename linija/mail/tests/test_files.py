"""The private files no row owns (a worker killed mid-ingest) are swept by the worker."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from linija.mail.files import private_files_sweep
from linija.mail.ingest import letter_ingest
from linija.mail.models import Letter, private_storage
from linija.mail.tasks import private_files_sweep_daily

pytestmark = pytest.mark.django_db

LETTER = (
    b"From: ona@example.lt\r\nMessage-ID: <crash@example.lt>\r\nSubject: Pagalba\r\n"
    b"Content-Type: multipart/mixed; boundary=M\r\n\r\n"
    b"--M\r\nContent-Type: text/plain\r\n\r\nPrisegu.\r\n"
    b"--M\r\nContent-Type: application/pdf\r\n"
    b'Content-Disposition: attachment; filename="byla.pdf"\r\n\r\n'
    b"%PDF-1.4 test\r\n--M--\r\n"
)


def _files() -> set[str]:
    root = Path(private_storage.location)
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def _age(name: str, days: float) -> None:
    moment = (timezone.now() - timedelta(days=days)).timestamp()
    os.utime(private_storage.path(name), (moment, moment))


def test_it_sweeps_the_files_a_worker_killed_mid_ingest_left(monkeypatch):
    def killed(**kwargs):
        raise SystemExit("kill -9")

    monkeypatch.setattr("linija.mail.ingest.letter_received_announce", killed)
    monkeypatch.setattr("linija.mail.ingest._files_remove", lambda names: None)
    with pytest.raises(SystemExit):
        letter_ingest(raw=LETTER)
    left = _files()
    assert Letter.objects.count() == 0
    assert len(left) == 2 and {name.split("/")[0] for name in left} == {"letters", "attachments"}

    assert private_files_sweep() == 0
    assert _files() == left
    assert private_files_sweep(now=timezone.now() + timedelta(days=1, minutes=1)) == 2
    assert _files() == set()


def test_it_keeps_every_file_a_letter_owns_and_sweeps_only_old_strays():
    stored = letter_ingest(raw=LETTER).letter
    owned = {stored.raw.name, stored.attachments.get().file.name}
    stray_old = private_storage.save("attachments/2026/11/stray", ContentFile(b"x"))
    stray_new = private_storage.save("letters/2026/12/stray.eml", ContentFile(b"x"))
    for name in [*owned, stray_old]:
        _age(name, days=3)

    assert private_files_sweep_daily.call_local() == 1

    assert _files() == owned | {stray_new}
