"""`manage.py backup` under chat and mail load, and `manage.py restore` into a new folder and a
new database (a subprocess, as on a fresh machine), on whichever database the suite runs."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import threading
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.utils import timezone, translation

from linija.accounts.models import AuditEntry
from linija.backups.archive import MANIFEST
from linija.consultations.models import Channel, Conversation, Direction, Message
from linija.consultations.services import message_add
from linija.mail.ingest import letter_ingest
from linija.mail.models import Attachment, Letter
from linija.privacy.erasures import erasure_journal_read
from linija.privacy.services import subject_erase
from linija.privacy.subjects import Subject

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[3]


def letter(number: int, *, sender: str = "ona@example.lt", days_ago: int = 0) -> bytes:
    date = (timezone.now() - timedelta(days=days_ago)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    return "\r\n".join(
        [
            f"From: Ona <{sender}>",
            "To: linija@pastoge.lt",
            f"Subject: Laiškas {number}",
            f"Message-ID: <backup-{number}@example.lt>",
            f"Date: {date}",
            "MIME-Version: 1.0",
            'Content-Type: multipart/mixed; boundary="b"',
            "",
            "--b",
            "Content-Type: text/plain; charset=utf-8",
            "",
            f"Laba diena, tai laiškas nr. {number}.",
            "--b",
            'Content-Type: application/pdf; name="pazyma.pdf"',
            "Content-Disposition: attachment; filename=pazyma.pdf",
            "Content-Transfer-Encoding: base64",
            "",
            "JVBERi0xLjQK" * (number % 5 + 1),
            "--b--",
            "",
        ]
    ).encode()


@pytest.fixture(autouse=True)
def _own_folders(settings, tmp_path):
    settings.LINIJA_MAIL_PRIVATE_DIR = str(tmp_path / "old" / "private" / "mail")
    settings.MEDIA_ROOT = tmp_path / "old" / "media"
    settings.LINIJA_ERASURE_JOURNAL = tmp_path / "old" / "erasures.jsonl"
    settings.LINIJA_EMAIL = "linija@pastoge.lt"


@pytest.fixture
def new_installation(tmp_path):
    """The environment of a fresh machine: its own folders and a new, empty database."""
    folder = tmp_path / "new"
    folder.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LINIJA_VAR_DIR": str(folder),
        "LINIJA_MAIL_PRIVATE_DIR": str(folder / "private" / "mail"),
        "LINIJA_MEDIA_ROOT": str(folder / "media"),
        "LINIJA_ERASURE_JOURNAL": str(folder / "erasures.jsonl"),
    }
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{folder / 'restored.sqlite3'}"
        yield env
        return
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    server = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    yield env
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


READ_BACK = """
import json, os
from linija.accounts.models import AuditEntry
from linija.consultations.models import Message
from linija.mail.models import Attachment, Letter, private_storage
print(json.dumps({
    "messages": sorted(Message.objects.values_list("pk", flat=True)),
    "letters": sorted(Letter.objects.values_list("pk", flat=True)),
    "audit": sorted(AuditEntry.objects.values_list("pk", flat=True)),
    "replayed": AuditEntry.objects.filter(detail__replayed_from="journal").count(),
    "senders": sorted(set(Letter.objects.values_list("from_address", flat=True))),
    "texts": dict(Letter.objects.values_list("pk", "text")),
    "files_missing": [
        name for name in [*Letter.objects.values_list("raw", flat=True),
                          *Attachment.objects.values_list("file", flat=True)]
        if name and not private_storage.exists(name)
    ],
    "files": sum(len(files) for _, _, files in os.walk(private_storage.location)),
}))
"""


def read_back(env: dict) -> dict:
    done = manage(env, "shell", "-c", READ_BACK)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def ids(model) -> set[int]:
    return set(model.objects.values_list("pk", flat=True))


def test_it_backs_up_under_load_and_restores_everything_on_a_new_machine(
    tmp_path, new_installation
):
    for number in range(20):
        letter_ingest(raw=letter(number))
    chat = Conversation.objects.create(channel=Channel.CHAT)

    def say(number: int) -> None:
        message_add(
            conversation=chat,
            direction=Direction.IN,
            body=f"Žinutė {number}",
            client_id=f"{number}",
        )

    for number in range(20):
        say(number)
    stop = threading.Event()
    failures: list[BaseException] = []

    def load(work) -> None:
        number = 0
        try:
            while not stop.is_set():
                number += 1
                work(number)
        except BaseException as error:  # the test fails below with it
            failures.append(error)
        finally:
            connections.close_all()

    workers = [
        threading.Thread(target=load, args=(lambda n: letter_ingest(raw=letter(1000 + n)),)),
        threading.Thread(target=load, args=(lambda n: say(1000 + n),)),
    ]
    for worker in workers:
        worker.start()
    before = {"messages": ids(Message), "letters": ids(Letter), "audit": ids(AuditEntry)}
    out = io.StringIO()
    try:
        call_command("backup", "--folder", str(tmp_path / "archives"), stdout=out)
    finally:
        # A failed backup must not leave the load writing into the next tests.
        stop.set()
        for worker in workers:
            worker.join(timeout=60)
    assert not failures
    after = {"messages": ids(Message), "letters": ids(Letter), "audit": ids(AuditEntry)}
    assert len(after["letters"]) > len(before["letters"]), "no mail arrived during the backup"
    assert len(after["messages"]) > len(before["messages"]), "no chat during the backup"
    (archive,) = (tmp_path / "archives").glob("linija-*.tar.gz")
    assert str(archive) in out.getvalue()
    assert archive.stat().st_mode & 0o077 == 0

    done = manage(new_installation, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    restored = read_back(new_installation)
    for kind in ("messages", "letters", "audit"):
        assert before[kind] <= set(restored[kind]) <= after[kind], kind
    assert restored["files_missing"] == []
    assert restored["files"] >= 2 * len(before["letters"])

    again = manage(new_installation, "restore", str(archive))
    assert again.returncode == 1
    assert again.stderr.strip()
    assert read_back(new_installation)["letters"] == restored["letters"]


def test_it_erases_again_on_restore_what_was_erased_after_the_backup(
    tmp_path, new_installation, administrator
):
    kept = letter_ingest(raw=letter(1, sender="kitas@example.lt")).letter
    letter_ingest(raw=letter(2, sender="Jonas.Erase@Example.lt"))
    old = letter_ingest(raw=letter(3, sender="senas@example.lt", days_ago=3000)).letter
    Letter.objects.filter(pk=old.pk).update(received_at=timezone.now() - timedelta(days=3000))
    call_command("backup", "--folder", str(tmp_path / "archives"), stdout=io.StringIO())
    (archive,) = (tmp_path / "archives").glob("linija-*.tar.gz")

    subject_erase(subject=Subject.of("jonas.erase@example.lt"), user=administrator)
    journal = Path(settings.LINIJA_ERASURE_JOURNAL)
    (erasure,) = erasure_journal_read(journal)
    assert "jonas" not in journal.read_text()
    assert erasure.kind == "email"

    done = manage(new_installation, "restore", str(archive), "--journal", str(journal))
    assert done.returncode == 0, done.stderr
    restored = read_back(new_installation)
    assert restored["replayed"] == 1
    assert "jonas.erase@example.lt" not in [s.lower() for s in restored["senders"]]
    assert "kitas@example.lt" in restored["senders"]
    assert restored["texts"][str(kept.pk)].startswith("Laba diena")
    # Past its retention period on the new machine too.
    assert restored["texts"][str(old.pk)] == ""
    assert erasure_journal_read(Path(new_installation["LINIJA_ERASURE_JOURNAL"])) == [erasure]


def rewritten(archive: Path, target: Path, change) -> Path:
    """A copy of ``archive`` with its members passed through ``change(name, data)``."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


def test_it_refuses_a_damaged_or_foreign_archive_and_changes_nothing(tmp_path, settings):
    letter_ingest(raw=letter(1))
    call_command("backup", "--folder", str(tmp_path / "archives"), stdout=io.StringIO())
    (archive,) = (tmp_path / "archives").glob("linija-*.tar.gz")
    private = Path(settings.LINIJA_MAIL_PRIVATE_DIR)
    files_before = sorted(private.rglob("*"))

    def damage(name, data):
        return data + b"x" if name.startswith("files/") else data

    def other_key(name, data):
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["key_fingerprint"] = "0" * 16
        return json.dumps(manifest).encode()

    def escape(name, data):
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["members"]["files/mail.Attachment.file/../../../evil"] = "0"
        return json.dumps(manifest).encode()

    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_bytes(b"just some bytes")
    cases = {
        not_a_backup: "is not a Linija backup",
        rewritten(archive, tmp_path / "damaged.tar.gz", damage): "is damaged",
        rewritten(archive, tmp_path / "key.tar.gz", other_key): "another pseudonym key",
        rewritten(archive, tmp_path / "escape.tar.gz", escape): "outside its folders",
    }
    # Each is refused before the database (here the suite's, not empty) is looked at.
    with translation.override("en"):
        for path, message in cases.items():
            with pytest.raises(CommandError, match=message):
                call_command("restore", str(path), stdout=io.StringIO())
        with pytest.raises(CommandError, match="restore needs a new, empty database"):
            call_command("restore", str(archive), stdout=io.StringIO())
    assert sorted(private.rglob("*")) == files_before
    assert Attachment.objects.count() == 1
