"""Attachments on disk: random names there, the sender's name (made safe) only in the database
and in the download."""

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse

from linija.mail.attachments import filename_safe
from linija.mail.ingest import letter_ingest
from linija.mail.models import Attachment, private_storage

pytestmark = pytest.mark.django_db

rename_migration = importlib.import_module("linija.mail.migrations.0003_attachment_random_names")
RANDOM = re.compile(r"^[0-9a-f]{32}$")


def letter_with(filename: str) -> bytes:
    return (
        b"From: ona@example.lt\r\nMessage-ID: <file@example.lt>\r\n"
        b"Content-Type: multipart/mixed; boundary=M\r\n\r\n"
        b"--M\r\nContent-Type: text/plain\r\n\r\nPrisegu.\r\n"
        b"--M\r\nContent-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="' + filename.encode() + b'"\r\n\r\n'
        b"%PDF-1.4 test\r\n--M--\r\n"
    )


def test_it_keeps_an_attachment_under_a_random_name_and_serves_it_under_its_own(
    specialist_client, specialist
):
    stored = letter_ingest(raw=letter_with("Jonas Jonaitis pazyma.pdf")).letter
    conversation = stored.conversation_message.conversation
    conversation.assignee = specialist
    conversation.save(update_fields=["assignee"])
    attachment = stored.attachments.get()

    assert attachment.filename == "Jonas Jonaitis pazyma.pdf"
    on_disk = Path(attachment.file.path)
    assert RANDOM.match(on_disk.name)
    assert "Jonaitis" not in attachment.file.name
    response = specialist_client.get(reverse("mail:attachment", args=[attachment.pk]))
    assert 'filename="Jonas Jonaitis pazyma.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("CON.txt", "_CON.txt"),
        ("con", "_con"),
        ("Aux .pdf", "_Aux .pdf"),
        ("nul.tar.gz", "_nul.tar.gz"),
        ("COM1.docx", "_COM1.docx"),
        ("lpt9.pdf", "_lpt9.pdf"),
        ("..\\PRN.pdf", "_PRN.pdf"),
        ("Console.txt", "Console.txt"),
        ("com10.pdf", "com10.pdf"),
        ("laiškas con.txt", "laiškas con.txt"),
    ],
)
def test_it_normalises_the_device_names_of_windows(name, safe):
    assert filename_safe(name) == safe


def test_it_names_a_device_named_attachment_safely_for_the_download():
    stored = letter_ingest(raw=letter_with("CON.pdf")).letter
    assert stored.attachments.get().filename == "_CON.pdf"


def test_it_renames_the_files_kept_under_the_senders_names():
    stored = letter_ingest(raw=letter_with("pazyma.pdf")).letter
    attachment = stored.attachments.get()
    old = private_storage.save("attachments/2026/11/Jonaitis_pazyma.pdf", ContentFile(b"%PDF-1"))
    Attachment.objects.filter(pk=attachment.pk).update(file=old)

    rename_migration.files_rename(apps, None)
    rename_migration.files_rename(apps, None)

    attachment.refresh_from_db()
    assert RANDOM.match(Path(attachment.file.name).name)
    assert attachment.file.read() == b"%PDF-1"
    assert not private_storage.exists(old)
    assert attachment.filename == "pazyma.pdf"
