"""Letters coming in: stored once with their raw message, threaded into their conversation or
opening a new one, acknowledged once, automatic mail kept out of the inbox."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail

from linija.consultations.models import Conversation, ConversationStatus, Direction
from linija.mail.ingest import letter_ingest
from linija.mail.models import (
    Acknowledgement,
    Attachment,
    Letter,
    LetterKind,
    OutboxMessage,
    OutboxStatus,
)
from linija.mail.outbox import outbox_send_due
from linija.mail.tests.corpus import ATTACHMENT_LIMIT, corpus, filled_bytes
from linija.privacy.pseudonyms import pseudonym

pytestmark = pytest.mark.django_db


def letter(
    *,
    sender="ona@example.lt",
    subject="Dėl globos",
    body="Laba diena, turiu klausimą.",
    message_id="<m1@example.lt>",
    extra="",
) -> bytes:
    lines = [f"From: Ona <{sender}>", "To: linija@pastoge.lt", f"Subject: {subject}"]
    if message_id:
        lines.append(f"Message-ID: {message_id}")
    lines += [line for line in extra.split("\n") if line]
    lines += ["Content-Type: text/plain; charset=utf-8", "", body, ""]
    return "\r\n".join(lines).encode()


@pytest.fixture
def announced(monkeypatch):
    events = []
    monkeypatch.setattr(
        "linija.mail.ingest.staff_broadcast",
        lambda *, event, data: events.append((event, data)),
    )
    return events


def test_it_opens_a_conversation_for_a_new_letter(announced):
    result = letter_ingest(raw=letter())
    assert result.created
    stored = result.letter
    conversation = stored.conversation_message.conversation
    assert conversation.channel == "email"
    assert conversation.status == ConversationStatus.NEW
    assert conversation.subject == "Dėl globos"
    assert conversation.contact_name == "Ona"
    assert conversation.contact_address == "ona@example.lt"
    assert conversation.caller_key == pseudonym("email", "Ona@Example.lt")
    assert conversation.consultation.caller_key == conversation.caller_key
    message = stored.conversation_message
    assert message.direction == Direction.IN
    assert message.external_id == "<m1@example.lt>"
    assert message.body == "Laba diena, turiu klausimą."
    assert announced == [
        (
            "mail.received",
            {
                "conversation": conversation.pk,
                "letter": stored.pk,
                "new_conversation": True,
                "status": "new",
                "title": "Dėl globos",
                "automatic": False,
                "url": f"/staff/mail/{conversation.pk}/",
            },
        )
    ]
    assert "ona@example.lt" not in str(announced)


def test_it_keeps_the_raw_letter_in_private_storage(settings):
    raw = letter()
    stored = letter_ingest(raw=raw).letter
    path = Path(stored.raw.path)
    assert path.read_bytes() == raw
    assert path.is_relative_to(Path(settings.LINIJA_MAIL_PRIVATE_DIR).resolve())
    assert not path.is_relative_to(Path(django_settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError):
        stored.raw.url  # noqa: B018 - no URL leads to a private file


def test_it_stores_a_letter_fetched_twice_once():
    first = letter_ingest(raw=letter())
    again = letter_ingest(raw=letter(body="Tas pats laiškas, kitaip atsiųstas."))
    assert again.created is False
    assert again.letter.pk == first.letter.pk
    assert Letter.objects.count() == 1
    assert Conversation.objects.count() == 1


def test_it_recognises_a_letter_without_message_id_by_its_content():
    raw = letter(message_id="")
    assert letter_ingest(raw=raw).created
    assert letter_ingest(raw=raw).created is False
    assert letter_ingest(raw=letter(message_id="", body="Kitas tekstas.")).created
    assert Letter.objects.count() == 2


def test_it_threads_a_reply_to_our_answer_and_reopens_the_conversation():
    conversation = letter_ingest(raw=letter()).letter.conversation_message.conversation
    acknowledgement = OutboxMessage.objects.get(conversation=conversation)
    Conversation.objects.filter(pk=conversation.pk).update(status=ConversationStatus.WAITING)
    reply = letter(
        message_id="<m2@example.lt>",
        subject="Re: Gavome",
        extra=f"In-Reply-To: {acknowledgement.message_id}",
    )
    stored = letter_ingest(raw=reply).letter
    assert stored.conversation_message.conversation == conversation
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.OPEN
    assert Acknowledgement.objects.filter(conversation=conversation).count() == 1


def test_it_threads_by_the_tag_only_for_the_same_sender():
    conversation = letter_ingest(raw=letter()).letter.conversation_message.conversation
    tagged = f"Re: klausimas [Linija #{conversation.pk}]"
    same = letter_ingest(raw=letter(message_id="<m2@example.lt>", subject=tagged)).letter
    assert same.conversation_message.conversation == conversation
    other = letter_ingest(
        raw=letter(sender="kitas@example.lt", message_id="<m3@example.lt>", subject=tagged)
    ).letter
    assert other.conversation_message.conversation != conversation
    assert {"code": "tag_ignored", "detail": f"#{conversation.pk}"} in other.warnings
    assert f"#{conversation.pk}" in other.warning_texts[0]


def test_it_acknowledges_once_per_sender_and_conversation_in_both_languages():
    conversation = letter_ingest(raw=letter()).letter.conversation_message.conversation
    letter_ingest(raw=letter(message_id="<m2@example.lt>", subject=f"[Linija #{conversation.pk}]"))
    [acknowledgement] = OutboxMessage.objects.filter(conversation=conversation)
    assert acknowledgement.to == ["ona@example.lt"]
    assert acknowledgement.auto_submitted
    assert acknowledgement.in_reply_to == "<m1@example.lt>"
    assert acknowledgement.subject == (
        f"Gavome jūsų laišką / We have received your letter [Linija #{conversation.pk}]"
    )
    assert "Konsultantas jums atsakys" in acknowledgement.body
    assert "A specialist will answer" in acknowledgement.body
    assert f"Linija #{conversation.pk}" in acknowledgement.body
    assert "{" not in acknowledgement.body


def test_it_sends_no_acknowledgement_when_the_template_is_off():
    from linija.mail.models import AcknowledgementTemplate

    AcknowledgementTemplate.objects.update(active=False)
    letter_ingest(raw=letter())
    assert OutboxMessage.objects.count() == 0


@pytest.mark.parametrize(
    ("extra", "sender", "kind"),
    [
        ("Auto-Submitted: auto-replied", "ona@example.lt", LetterKind.AUTO_REPLY),
        ("Auto-Submitted: auto-generated", "ona@example.lt", LetterKind.AUTO_REPLY),
        ("X-Autoreply: yes", "ona@example.lt", LetterKind.AUTO_REPLY),
        ("X-Autorespond: yes", "ona@example.lt", LetterKind.AUTO_REPLY),
        ("Precedence: bulk", "ona@example.lt", LetterKind.BULK),
        ("Precedence: junk", "ona@example.lt", LetterKind.BULK),
        ("Precedence: list", "ona@example.lt", LetterKind.BULK),
        ("Precedence: auto_reply", "ona@example.lt", LetterKind.AUTO_REPLY),
        ("", "MAILER-DAEMON@mx.example.lt", LetterKind.BOUNCE),
        ("", "linija@pastoge.lt", LetterKind.OWN),
    ],
)
def test_it_keeps_automatic_mail_out_of_the_inbox(extra, sender, kind, announced):
    stored = letter_ingest(raw=letter(sender=sender, extra=extra)).letter
    assert stored.kind == kind
    assert stored.conversation_message is None
    assert Conversation.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    assert announced == []


def test_it_opens_a_conversation_for_auto_submitted_no():
    stored = letter_ingest(raw=letter(extra="Auto-Submitted: no")).letter
    assert stored.kind == LetterKind.PERSON
    assert stored.conversation_message is not None


def test_it_adds_an_automatic_reply_to_its_thread_without_reopening_or_acknowledging():
    conversation = letter_ingest(raw=letter()).letter.conversation_message.conversation
    Conversation.objects.filter(pk=conversation.pk).update(status=ConversationStatus.WAITING)
    acknowledgement = OutboxMessage.objects.get(conversation=conversation)
    automatic = letter(
        message_id="<away@example.lt>",
        extra=f"Auto-Submitted: auto-replied\nIn-Reply-To: {acknowledgement.message_id}",
    )
    stored = letter_ingest(raw=automatic).letter
    assert stored.conversation_message.conversation == conversation
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.WAITING
    assert OutboxMessage.objects.count() == 1


def test_it_marks_our_letter_failed_when_it_bounces():
    conversation = letter_ingest(raw=letter()).letter.conversation_message.conversation
    outbox_send_due()
    acknowledgement = OutboxMessage.objects.get(conversation=conversation)
    assert acknowledgement.status == OutboxStatus.SENT
    bounce = (
        "From: Mail Delivery System <MAILER-DAEMON@mx.pastoge.lt>\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Message-ID: <bounce1@mx.pastoge.lt>\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nNot delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.pastoge.lt\r\n\r\n"
        "Final-Recipient: rfc822; ona@example.lt\r\nAction: failed\r\nStatus: 5.2.2\r\n"
        "Diagnostic-Code: smtp; 552 Mailbox full\r\n\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {acknowledgement.message_id}\r\n\r\n--B--\r\n"
    ).encode()
    stored = letter_ingest(raw=bounce).letter
    assert stored.kind == LetterKind.BOUNCE
    acknowledgement.refresh_from_db()
    assert acknowledgement.status == OutboxStatus.FAILED
    assert "5.2.2" in acknowledgement.last_error and "Mailbox full" in acknowledgement.last_error
    assert OutboxMessage.objects.count() == 1


def test_it_stores_attachments_and_only_the_names_of_refused_ones():
    raw = (
        b"From: ona@example.lt\r\nMessage-ID: <att@example.lt>\r\n"
        b"Content-Type: multipart/mixed; boundary=M\r\n\r\n"
        b"--M\r\nContent-Type: text/plain\r\n\r\nPrisegu.\r\n"
        b"--M\r\nContent-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="../../byla.pdf"\r\n\r\n'
        b"%PDF-1.4 test\r\n"
        b"--M\r\nContent-Type: application/octet-stream\r\n"
        b'Content-Disposition: attachment; filename="virusas.exe"\r\n\r\n'
        b"MZ fake\r\n--M--\r\n"
    )
    stored = letter_ingest(raw=raw).letter
    kept, refused = stored.attachments.order_by("id")
    assert kept.filename == "byla.pdf" and kept.refused == ""
    assert kept.content_type == "application/pdf"
    assert Path(kept.file.path).read_bytes().startswith(b"%PDF-1.4")
    assert refused.filename == "virusas.exe" and refused.refused == "dangerous"
    assert not refused.file
    assert any("virusas.exe" in text for text in stored.warning_texts)


def test_it_removes_written_files_when_storing_fails(monkeypatch, settings):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("linija.mail.ingest.letter_received_announce", broken)
    with pytest.raises(RuntimeError):
        letter_ingest(raw=letter())
    assert Letter.objects.count() == 0
    assert Conversation.objects.count() == 0
    private = Path(settings.LINIJA_MAIL_PRIVATE_DIR)
    assert not private.exists() or not [path for path in private.rglob("*") if path.is_file()]


def test_it_threads_the_whole_corpus_as_expected(settings):
    """Every corpus letter lands where the table says: its own conversation, the one it
    answers, or none (automatic mail); duplicates are not stored again."""
    settings.LINIJA_MAIL_ATTACHMENT_MAX_BYTES = ATTACHMENT_LIMIT
    threads: dict[str, Conversation] = {}

    def value(kind: str, thread: str) -> str:
        conversation = threads[thread]
        if kind == "conversation":
            return str(conversation.pk)
        return Acknowledgement.objects.get(conversation=conversation).outbox.message_id

    for expected in corpus():
        outbox_send_due()
        result = letter_ingest(raw=filled_bytes(expected.raw, value))
        if expected.kind == "duplicate":
            assert result.created is False, expected.file
            continue
        assert result.created, expected.file
        stored = result.letter
        assert stored.from_address == expected.sender, expected.file
        assert expected.text in stored.text, expected.file
        if expected.warning:
            assert expected.warning in {w["code"] for w in stored.warnings}, expected.file
        if expected.thread == "-":
            assert stored.conversation_message is None, expected.file
            continue
        conversation = stored.conversation_message.conversation
        if expected.thread in threads:
            assert conversation == threads[expected.thread], expected.file
        else:
            assert conversation not in threads.values(), expected.file
            threads[expected.thread] = conversation

    opened = len(threads)
    assert Conversation.objects.count() == opened
    assert Acknowledgement.objects.count() == opened
    assert Letter.objects.count() == len(corpus()) - 1
    bounced = Acknowledgement.objects.get(conversation=threads["D"]).outbox
    assert bounced.status == OutboxStatus.FAILED
    assert "5.1.1" in bounced.last_error
    assert threads["AF"].contact_address == "monika@example.lt"
    assert Attachment.objects.filter(letter__from_address="tomas@example.lt").count() == 3
    assert not Attachment.objects.filter(refused="", file="").exists()
    assert len(mail.outbox) >= opened - 1


@pytest.mark.parametrize("sender", ["jdöe@mächine.example", "ona@mailhost"])
def test_it_stores_a_letter_whose_sender_smtp_cannot_take_without_an_acknowledgement(
    sender, announced
):
    result = letter_ingest(raw=letter(sender=sender))
    assert result.created
    stored = result.letter
    assert stored.from_address == sender
    assert stored.conversation_message.conversation.contact_address == sender
    assert stored.warnings == [{"code": "not_acknowledged", "detail": sender}]
    assert sender in stored.warning_texts[0]
    assert not OutboxMessage.objects.exists()
    assert not Acknowledgement.objects.exists()
    assert announced[0][0] == "mail.received"
