"""The worker's tasks: the outbox is sent every minute and right after a letter is queued; the
mailbox is fetched every minute when it is configured."""

import pytest
from django.core import mail

from linija.mail.models import Letter, OutboxMessage, OutboxStatus
from linija.mail.outbox import outbox_add
from linija.mail.tasks import mail_fetch_every_minute, outbox_send_every_minute

pytestmark = pytest.mark.django_db


def test_it_sends_the_outbox_every_minute():
    outgoing = outbox_add(to=["ona@example.lt"], subject="Labas", body="Tekstas.")
    outbox_send_every_minute()
    assert len(mail.outbox) == 1
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.SENT


def test_it_sends_a_queued_letter_as_soon_as_it_is_committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outgoing = outbox_add(to=["ona@example.lt"], subject="Labas", body="Tekstas.")
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.SENT
    assert mail.outbox[0].extra_headers["Message-ID"] == outgoing.message_id


def test_it_keeps_the_letter_queued_when_the_transaction_is_rolled_back(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            from django.db import transaction

            with transaction.atomic():
                outbox_add(to=["ona@example.lt"], subject="Labas", body="Tekstas.")
                raise RuntimeError("the writer failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_it_fetches_nothing_without_a_mailbox(settings):
    settings.LINIJA_IMAP_HOST = ""
    mail_fetch_every_minute()
    assert Letter.objects.count() == 0


def test_it_fetches_the_mailbox_every_minute(dovecot):
    dovecot.deliver(
        [b"From: ona@example.lt\r\nMessage-ID: <task1@example.lt>\r\nSubject: A\r\n\r\nLabas\r\n"]
    )
    mail_fetch_every_minute()
    assert Letter.objects.get().message_id == "<task1@example.lt>"
