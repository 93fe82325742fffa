"""The outbox: letters are stored first, then sent by the worker over SMTP with their
threading headers, retried with back-off, and never sent twice by two workers."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from linija.consultations.services import conversation_open
from linija.mail.models import Attachment, OutboxMessage, OutboxStatus
from linija.mail.outbox import outbox_add, outbox_requeue_stale, outbox_retry, outbox_send_due

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def queued(**overrides) -> OutboxMessage:
    fields = {"to": ["ona@example.lt"], "subject": "Dėl globos", "body": "Laba diena."}
    return outbox_add(**(fields | overrides))


def test_it_stores_a_letter_queued_with_its_own_message_id():
    outgoing = queued()
    assert outgoing.status == OutboxStatus.QUEUED
    assert outgoing.sender == "linija@pastoge.lt"
    assert outgoing.message_id.startswith("<linija.")
    assert outgoing.message_id.endswith("@pastoge.lt>")
    assert outgoing.next_attempt_at <= timezone.now()
    assert queued().message_id != outgoing.message_id


def test_it_tags_the_subject_of_a_conversation_letter_once():
    conversation = conversation_open(channel="email", subject="Globa")
    outgoing = queued(conversation=conversation, subject="Re: Globa")
    assert outgoing.subject == f"Re: Globa [Linija #{conversation.pk}]"
    again = queued(conversation=conversation, subject=outgoing.subject)
    assert again.subject == outgoing.subject


@pytest.mark.parametrize(
    "overrides",
    [
        {"subject": "Hello\r\nBcc: victim@example.com"},
        {"subject": "Hello\nX-Injected: yes"},
        {"to": ["ona@example.lt\r\nBcc: victim@example.com"]},
        {"to": ["ona@example.lt", "not an address"]},
        {"to": []},
        {"cc": ["ona@example.lt\nBcc: x@example.com"]},
        {"sender": "linija@pastoge.lt\r\nBcc: x@example.com"},
        {"in_reply_to": "<abc@example.lt>\r\nBcc: x@example.com"},
        {"in_reply_to": "no angle brackets"},
        {"references": ["<a@example.lt>", "<b@example.lt>\nBcc: x@example.com"]},
        {"attachments": [("a.pdf\r\nBcc: x@example.com", PDF, "application/pdf")]},
        {"attachments": [("setup.exe", b"MZ\x90\x00", "application/octet-stream")]},
        {"body": "   "},
    ],
)
def test_it_refuses_bad_header_values_and_stores_nothing(overrides):
    with pytest.raises(ValidationError):
        queued(**overrides)
    assert OutboxMessage.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_it_sends_due_letters_with_the_threading_headers():
    conversation = conversation_open(channel="email", subject="Globa")
    outgoing = queued(
        conversation=conversation,
        in_reply_to="<first@example.lt>",
        references=["<root@example.lt>", "<first@example.lt>"],
        attachments=[("../../etc/Sutartis.pdf", PDF, "text/html")],
    )
    report = outbox_send_due()
    assert (report.sent, report.retrying, report.failed) == (1, 0, 0)
    sent = mail.outbox[0]
    assert sent.to == ["ona@example.lt"]
    assert sent.extra_headers["Message-ID"] == outgoing.message_id
    assert sent.extra_headers["In-Reply-To"] == "<first@example.lt>"
    assert sent.extra_headers["References"] == "<root@example.lt> <first@example.lt>"
    assert sent.subject.endswith(f"[Linija #{conversation.pk}]")
    assert sent.attachments == [("Sutartis.pdf", PDF, "application/pdf")]
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.SENT
    assert outgoing.sent_at is not None
    assert outgoing.attempts == 1


def test_it_sends_nothing_before_a_letter_is_due():
    outgoing = queued()
    OutboxMessage.objects.filter(pk=outgoing.pk).update(
        next_attempt_at=timezone.now() + timedelta(minutes=5)
    )
    assert outbox_send_due().sent == 0
    assert mail.outbox == []


def test_it_retries_with_growing_delays_when_the_server_is_down(settings):
    from linija.testing.asgi_server import free_port

    settings.LINIJA_SMTP_HOST = "127.0.0.1"
    settings.LINIJA_SMTP_PORT = free_port()
    settings.LINIJA_SMTP_TLS = "none"
    settings.LINIJA_SMTP_TIMEOUT = 2
    outgoing = queued()
    delays = []
    for _attempt in range(3):
        before = timezone.now()
        report = outbox_send_due(now=timezone.now() + timedelta(days=1))
        assert report.retrying == 1
        outgoing.refresh_from_db()
        delays.append(round((outgoing.next_attempt_at - before).total_seconds() / 60))
    assert delays == [1, 2, 4]
    assert outgoing.status == OutboxStatus.QUEUED
    assert "unreachable" in outgoing.last_error


def test_it_gives_up_after_the_last_attempt_with_the_reason(settings):
    from linija.testing.asgi_server import free_port

    settings.LINIJA_SMTP_HOST = "127.0.0.1"
    settings.LINIJA_SMTP_PORT = free_port()
    settings.LINIJA_SMTP_TLS = "none"
    outgoing = queued()
    OutboxMessage.objects.filter(pk=outgoing.pk).update(
        attempts=settings.LINIJA_OUTBOX_MAX_ATTEMPTS - 1
    )
    report = outbox_send_due()
    assert report.failed == 1
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.FAILED
    assert str(settings.LINIJA_OUTBOX_MAX_ATTEMPTS) in outgoing.last_error
    assert "unreachable" in outgoing.last_error


def test_it_caps_the_delay_at_six_hours():
    outgoing = OutboxMessage(attempts=11)
    assert outgoing.retry_delay() == timedelta(hours=6)


def test_it_sends_a_failed_letter_again_on_request():
    outgoing = queued()
    OutboxMessage.objects.filter(pk=outgoing.pk).update(
        status=OutboxStatus.FAILED, attempts=12, last_error="550 no such user"
    )
    outgoing.refresh_from_db()
    outbox_retry(outgoing=outgoing)
    assert outbox_send_due().sent == 1
    with pytest.raises(ValidationError):
        outbox_retry(outgoing=OutboxMessage.objects.get(pk=outgoing.pk))


def test_it_queues_again_a_letter_a_dead_worker_left_sending():
    outgoing = queued()
    OutboxMessage.objects.filter(pk=outgoing.pk).update(
        status=OutboxStatus.SENDING, claimed_at=timezone.now() - timedelta(hours=1)
    )
    fresh = queued()
    OutboxMessage.objects.filter(pk=fresh.pk).update(
        status=OutboxStatus.SENDING, claimed_at=timezone.now()
    )
    assert outbox_requeue_stale() == 1
    assert OutboxMessage.objects.get(pk=outgoing.pk).status == OutboxStatus.QUEUED
    assert OutboxMessage.objects.get(pk=fresh.pk).status == OutboxStatus.SENDING


def test_it_sends_the_exact_headers_to_a_real_smtp_server(smtp_server):
    conversation = conversation_open(channel="email", subject="Globa")
    outgoing = queued(
        conversation=conversation,
        subject="Re: Dėl globos ąčęėįšųūž",
        body="Laba diena,\n\natsakome į jūsų klausimą.\n",
        in_reply_to="<first@example.lt>",
        references=["<first@example.lt>"],
        cc=["tevas@example.lt"],
    )
    assert outbox_send_due().sent == 1
    [received] = smtp_server.messages()
    assert received["Message-ID"] == outgoing.message_id
    assert received["In-Reply-To"] == "<first@example.lt>"
    assert received["References"] == "<first@example.lt>"
    # Django folds a long encoded subject onto the next line; unfolding leaves one space.
    assert received["Subject"].strip() == f"Re: Dėl globos ąčęėįšųūž [Linija #{conversation.pk}]"
    assert received["From"].addresses[0].addr_spec == "linija@pastoge.lt"
    assert received["From"].addresses[0].display_name == "Įvaikinimo ir globos linija"
    assert received["To"] == "ona@example.lt"
    assert received["Cc"] == "tevas@example.lt"
    assert received["Auto-Submitted"] is None
    assert received.get_content().replace("\r\n", "\n") == outgoing.body
    assert sorted(smtp_server.received[0].rcpt_tos) == ["ona@example.lt", "tevas@example.lt"]


def test_it_marks_an_acknowledgement_as_automatic(smtp_server):
    queued(auto_submitted=True)
    outbox_send_due()
    [received] = smtp_server.messages()
    assert received["Auto-Submitted"] == "auto-replied"
    assert received["X-Auto-Response-Suppress"] == "All"
    assert received["X-Loop"] == "linija@pastoge.lt"


def test_it_fails_at_once_when_the_server_refuses_the_address_for_good(smtp_server):
    smtp_server.refuse["nera@example.lt"] = (550, "5.1.1 No such user")
    outgoing = queued(to=["nera@example.lt"])
    report = outbox_send_due()
    assert report.failed == 1
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.FAILED
    assert "550" in outgoing.last_error and "No such user" in outgoing.last_error
    assert outgoing.attempts == 1


def test_it_retries_when_the_server_refuses_for_now(smtp_server):
    smtp_server.refuse["pilna@example.lt"] = (452, "4.2.2 Mailbox full")
    outgoing = queued(to=["pilna@example.lt"])
    other = queued(to=["ona@example.lt"])
    report = outbox_send_due()
    assert (report.sent, report.retrying) == (1, 1)
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.QUEUED
    assert "452" in outgoing.last_error
    assert OutboxMessage.objects.get(pk=other.pk).status == OutboxStatus.SENT


@pytest.mark.django_db(transaction=True)
def test_it_never_sends_one_letter_twice_from_two_workers():
    letters = [queued(to=[f"zmogus{index}@example.lt"]) for index in range(30)]
    errors = []

    def worker():
        try:
            outbox_send_due()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    sent_ids = [message.extra_headers["Message-ID"] for message in mail.outbox]
    assert sorted(sent_ids) == sorted(letter.message_id for letter in letters)
    assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == 30
