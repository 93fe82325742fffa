"""Fetching a real IMAP mailbox (Dovecot on loopback): letters are stored, then marked seen
or moved; a crash between fetching and committing leads to a re-fetch, never a loss or a
double."""

import imaplib
import socket

import pytest
from asgiref.sync import async_to_sync
from django.core import mail

from linija.consultations.models import Conversation
from linija.mail import ingest
from linija.mail.imap import imap_config, mailbox_fetch
from linija.mail.ingest import letters_ingest
from linija.mail.mailbox import mail_fetch
from linija.mail.models import Letter, OutboxMessage, QuarantinedLetter
from linija.mail.outbox import outbox_send_due
from linija.mail.tests.corpus import ATTACHMENT_LIMIT, corpus

pytestmark = pytest.mark.django_db


def letter(number: int, *, subject: str = "Dėl globos") -> bytes:
    return (
        f"From: Ona <ona{number}@example.lt>\r\nTo: linija@pastoge.lt\r\n"
        f"Subject: {subject} {number}\r\nMessage-ID: <imap{number}@example.lt>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Laba diena, klausimas nr. {number}.\r\n"
    ).encode()


def test_it_fetches_new_letters_and_marks_them_seen(dovecot):
    dovecot.deliver([letter(1), letter(2), letter(3)])
    report = mail_fetch()
    assert (report.fetched, report.stored, report.duplicates, report.failed) == (3, 3, 0, 0)
    assert Letter.objects.count() == 3
    assert Conversation.objects.count() == 3
    assert all("\\Seen" in flags for flags in dovecot.flags())
    assert mail_fetch().fetched == 0


def test_it_moves_fetched_letters_to_the_processed_folder(dovecot, settings):
    settings.LINIJA_IMAP_PROCESSED_FOLDER = "Processed"
    dovecot.deliver([letter(1), letter(2)])
    report = mail_fetch()
    assert report.stored == 2
    assert dovecot.count(folder="INBOX") == 0
    assert dovecot.count(folder="Processed") == 2


def test_it_fetches_again_after_a_crash_before_the_commit_and_stores_once(dovecot, monkeypatch):
    dovecot.deliver([letter(1), letter(2)])

    def crash(**kwargs):
        raise RuntimeError("the worker died before the commit")

    monkeypatch.setattr("linija.mail.ingest.letters_ingest", crash)
    report = mail_fetch()
    assert (report.fetched, report.stored, report.failed) == (2, 0, 2)
    assert Letter.objects.count() == 0
    assert not any("\\Seen" in flags for flags in dovecot.flags())

    monkeypatch.setattr("linija.mail.ingest.letters_ingest", letters_ingest)
    report = mail_fetch()
    assert (report.fetched, report.stored) == (2, 2)
    assert Letter.objects.count() == 2
    assert all("\\Seen" in flags for flags in dovecot.flags())


def test_it_stores_once_when_the_crash_comes_after_the_commit(dovecot, monkeypatch):
    dovecot.deliver([letter(1)])
    real = imaplib.IMAP4.uid

    def lost_before_marking(self, command, *args):
        if command == "STORE":
            raise OSError("connection lost before the letter was marked")
        return real(self, command, *args)

    monkeypatch.setattr(imaplib.IMAP4, "uid", lost_before_marking)
    with pytest.raises(OSError):
        mail_fetch()
    assert Letter.objects.count() == 1

    monkeypatch.setattr(imaplib.IMAP4, "uid", real)
    report = mail_fetch()
    assert (report.fetched, report.stored, report.duplicates) == (1, 0, 1)
    assert Letter.objects.count() == 1
    assert OutboxMessage.objects.count() == 1
    assert all("\\Seen" in flags for flags in dovecot.flags())


def test_it_reads_in_batches(dovecot):
    dovecot.deliver([letter(number) for number in range(7)])
    report = mailbox_fetch(
        config=imap_config(),
        store=lambda raws: [result.created for result in letters_ingest(raws=raws)],
        batch=3,
    )
    assert (report.fetched, report.stored) == (7, 7)


# What a run costs besides its letters (the opening hours, the templates, the transaction, and
# a batch's statements: its reads, and one insert each for its records, conversations,
# messages, letters, files and claims).
RUN_QUERIES = 30
# The most a person's new letter in a fetched batch may cost: its acknowledgement (2; 15 when
# each letter was stored with statements of its own, 25 when it had a transaction of its own).
LETTER_QUERIES = 2


def test_it_stores_a_fetched_batch_in_a_bounded_number_of_queries_per_letter(
    dovecot, django_assert_max_num_queries
):
    dovecot.deliver([letter(number) for number in range(20)])
    with django_assert_max_num_queries(RUN_QUERIES + 20 * LETTER_QUERIES):
        report = mail_fetch()
    assert (report.stored, OutboxMessage.objects.count()) == (20, 20)


@pytest.mark.django_db(transaction=True)
def test_it_announces_a_fetched_batch_in_one_trip_after_the_commit(dovecot, monkeypatch):
    from linija.inbox import live

    trips = []

    def counted(send):
        trips.append(send)
        return async_to_sync(send)

    monkeypatch.setattr(live, "async_to_sync", counted)
    dovecot.deliver([letter(number) for number in range(5)])
    assert mail_fetch().stored == 5
    assert len(trips) == 1


def test_it_does_nothing_without_an_imap_server(settings):
    settings.LINIJA_IMAP_HOST = ""
    assert mail_fetch() is None


class FromAnotherAddress(imaplib.IMAP4):
    """A client on 127.0.0.2: Dovecot delays the next logins from an address whose login
    failed, and the other tests log in from 127.0.0.1."""

    def _create_socket(self, timeout):
        return socket.create_connection(
            (self.host, self.port), timeout, source_address=("127.0.0.2", 0)
        )


def test_it_fails_clearly_with_a_wrong_password(dovecot, settings, monkeypatch):
    settings.LINIJA_IMAP_PASSWORD = "wrong"
    monkeypatch.setattr("linija.mail.imap.imaplib.IMAP4", FromAnotherAddress)
    with pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"):
        mail_fetch()
    assert Letter.objects.count() == 0


def test_it_takes_the_corpus_through_the_mailbox(dovecot, settings):
    """Every corpus letter without placeholders, delivered to Dovecot and fetched, is stored
    once; the acknowledgements leave through the outbox."""
    settings.LINIJA_MAIL_ATTACHMENT_MAX_BYTES = ATTACHMENT_LIMIT
    letters = [item for item in corpus() if b"{{" not in item.raw]
    dovecot.deliver(item.raw for item in letters)
    report = mail_fetch()
    assert report.fetched == len(letters)
    assert report.stored + report.duplicates == len(letters)
    assert report.duplicates == sum(item.kind == "duplicate" for item in letters)
    assert Letter.objects.count() == report.stored
    opened = Conversation.objects.count()
    assert outbox_send_due().sent == opened
    assert len(mail.outbox) == opened


def test_it_quarantines_a_poison_letter_after_the_set_fetches_and_the_next_keep_flowing(
    dovecot, monkeypatch, settings
):
    settings.LINIJA_MAIL_QUARANTINE_TRIES = 3
    read = ingest._intake_read

    def poisoned(batch, raw, parsed, *args, **kwargs):
        if parsed.subject.startswith("Nuodai"):
            raise RuntimeError("cannot store this one")
        return read(batch, raw, parsed, *args, **kwargs)

    monkeypatch.setattr(ingest, "_intake_read", poisoned)
    dovecot.deliver([letter(1, subject="Nuodai"), letter(2)])
    reports = [mail_fetch()]
    dovecot.deliver([letter(3)])
    reports.append(mail_fetch())
    dovecot.deliver([letter(4)])
    reports += [mail_fetch(), mail_fetch()]
    counts = [(r.fetched, r.stored, r.failed, r.quarantined) for r in reports]
    assert counts == [(2, 1, 1, 0), (2, 1, 1, 0), (2, 1, 0, 1), (0, 0, 0, 0)]
    assert all("\\Seen" in flags for flags in dovecot.flags())
    assert sorted(Letter.objects.values_list("subject", flat=True)) == [
        "Dėl globos 2",
        "Dėl globos 3",
        "Dėl globos 4",
    ]
    quarantined = QuarantinedLetter.objects.get()
    assert (quarantined.tries, quarantined.reason) == (3, "RuntimeError: cannot store this one")
    assert b"Subject: Nuodai 1" in quarantined.raw.read()
