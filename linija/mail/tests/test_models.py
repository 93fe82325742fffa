"""The e-mail channel's models: the acknowledgement template, back-off, private files."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from linija.mail.ingest import letter_ingest
from linija.mail.models import AcknowledgementTemplate, Letter, OutboxMessage, placeholders_unknown

pytestmark = pytest.mark.django_db


def test_it_seeds_the_acknowledgement_in_both_languages():
    templates = {template.language: template for template in AcknowledgementTemplate.objects.all()}
    assert set(templates) == {"lt", "en"}
    for template in templates.values():
        template.full_clean()
        assert "{when}" in template.body and "{reference}" in template.body


@pytest.mark.parametrize(
    ("subject", "body", "field"),
    [
        ("Gavome", "Atsakysime {kada}.", "body"),
        ("Gavome {", "Atsakysime {when}.", "subject"),
        ("Gavome\nBcc: x@example.com", "Atsakysime {when}.", "subject"),
        ("Gavome", "Atsakysime {when.__class__}.", "body"),
    ],
)
def test_it_refuses_a_template_it_cannot_fill(subject, body, field):
    template = AcknowledgementTemplate.objects.get(language="lt")
    template.subject, template.body = subject, body
    with pytest.raises(ValidationError) as refused:
        template.full_clean()
    assert field in refused.value.message_dict


def test_it_names_unknown_placeholders():
    assert placeholders_unknown("{when} {who} {reference}") == ["who"]
    assert placeholders_unknown("no placeholders") == []


def test_it_waits_longer_after_each_failure():
    delays = [
        OutboxMessage(attempts=attempt).retry_delay().total_seconds() / 60
        for attempt in range(1, 6)
    ]
    assert delays == [1, 2, 4, 8, 16]


def test_it_deletes_the_files_of_a_deleted_letter(django_capture_on_commit_callbacks):
    raw = (
        b"From: ona@example.lt\r\nMessage-ID: <del@example.lt>\r\n"
        b"Content-Type: multipart/mixed; boundary=M\r\n\r\n--M\r\n\r\nLabas\r\n"
        b"--M\r\nContent-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="a.pdf"\r\n\r\n%PDF-1.4\r\n--M--\r\n'
    )
    letter = letter_ingest(raw=raw).letter
    files = [Path(letter.raw.path), Path(letter.attachments.get().file.path)]
    assert all(path.exists() for path in files)
    with django_capture_on_commit_callbacks(execute=True):
        letter.conversation_message.conversation.delete()
    assert not Letter.objects.exists()
    assert not any(path.exists() for path in files)
