"""Letters that cannot be stored: their tries counted, after the set number kept whole in the
quarantine (the mailbox moves on), retried or opened as a conversation by a supervisor."""

import pytest
from django.urls import reverse

from linija.mail import ingest
from linija.mail.imap import QUARANTINED, ImapConfig
from linija.mail.models import Letter, QuarantinedLetter, private_storage
from linija.mail.quarantine import MailboxStore, quarantined_open, quarantined_retry
from linija.mail.tests.test_ingest import letter

pytestmark = pytest.mark.django_db

CONFIG = ImapConfig("imap.example", 143, "plain", "linija", "x", "INBOX", "", 10, 0)
POISON = letter(subject="Nuodai", message_id="<poison@example.lt>")


@pytest.fixture
def poisoned(monkeypatch, settings):
    """Storing a letter with the subject "Nuodai" fails, as a bug would."""
    settings.LINIJA_MAIL_QUARANTINE_TRIES = 3
    read = ingest._intake_read

    def failing(batch, raw, parsed, *args, **kwargs):
        if parsed.subject == "Nuodai":
            raise RuntimeError("no such table")
        return read(batch, raw, parsed, *args, **kwargs)

    monkeypatch.setattr(ingest, "_intake_read", failing)
    return monkeypatch


def fetch(raw: bytes):
    """One fetch run's store of one letter: what it returned, or the error that failed it."""
    return MailboxStore.of(CONFIG, line=None)([raw])[0]


def test_it_quarantines_a_letter_whole_after_the_set_number_of_failed_tries(poisoned):
    assert isinstance(fetch(POISON), RuntimeError)
    assert isinstance(fetch(POISON), RuntimeError)
    counting = QuarantinedLetter.objects.get()
    assert (counting.tries, counting.quarantined_at, counting.raw.name) == (2, None, "")
    assert fetch(POISON) == QUARANTINED
    quarantined = QuarantinedLetter.objects.get()
    assert quarantined.tries == 3
    assert quarantined.quarantined_at is not None
    assert quarantined.reason == "RuntimeError: no such table"
    assert quarantined.first_tried_at < quarantined.last_tried_at
    assert (quarantined.subject, quarantined.from_address) == ("Nuodai", "ona@example.lt")
    assert quarantined.message_id == "<poison@example.lt>"
    assert quarantined.raw.read() == POISON
    assert not Letter.objects.exists()
    # Fetched again (the mailbox did not mark it in time): not tried, not kept twice.
    assert fetch(POISON) == QUARANTINED
    assert QuarantinedLetter.objects.get().tries == 3


def test_it_forgets_the_tries_of_a_letter_stored_at_a_later_try(poisoned):
    raw = letter(message_id="<later@example.lt>")
    poisoned.setattr(ingest, "parse_letter", _subject_is("Nuodai"))
    assert isinstance(fetch(raw), RuntimeError)
    assert QuarantinedLetter.objects.count() == 1
    poisoned.undo()
    assert fetch(raw) is True
    assert not QuarantinedLetter.objects.exists()
    assert Letter.objects.count() == 1


def _subject_is(subject: str):
    parse = ingest.parse_letter

    def parse_letter(*args, **kwargs):
        parsed = parse(*args, **kwargs)
        parsed.subject = subject
        return parsed

    return parse_letter


def quarantine() -> QuarantinedLetter:
    for _try in range(3):
        fetch(POISON)
    return QuarantinedLetter.objects.get(quarantined_at__isnull=False)


def test_it_stores_a_retried_letter_and_takes_it_out_of_the_quarantine(
    poisoned, supervisor, django_capture_on_commit_callbacks
):
    quarantined = quarantine()
    assert quarantined_retry(quarantined=quarantined, user=supervisor) is None
    assert QuarantinedLetter.objects.get().tries == 4
    poisoned.undo()
    with django_capture_on_commit_callbacks(execute=True):
        stored = quarantined_retry(quarantined=QuarantinedLetter.objects.get(), user=supervisor)
    assert stored.subject == "Nuodai"
    assert stored.conversation_message is not None
    assert not QuarantinedLetter.objects.exists()
    assert not private_storage.exists(quarantined.raw.name)


def test_it_opens_a_quarantined_letter_as_a_conversation_with_the_original(poisoned, supervisor):
    quarantined = quarantine()
    conversation = quarantined_open(quarantined=quarantined, user=supervisor)
    assert conversation.subject == "Nuodai"
    assert conversation.contact_address == "ona@example.lt"
    stored = Letter.objects.get()
    assert stored.conversation_message.conversation == conversation
    assert stored.conversation_message.body == "Laba diena, turiu klausimą."
    assert stored.raw.read() == POISON
    assert not QuarantinedLetter.objects.exists()


def test_it_shows_supervisors_the_quarantine_with_the_reason_and_a_link_in_the_menu(
    poisoned, supervisor_client
):
    quarantined = quarantine()
    fetch(letter(subject="Kitas", message_id="<counting@example.lt>"))  # stored: not listed
    page = supervisor_client.get(reverse("mail:quarantine")).content.decode()
    assert reverse("mail:quarantine") in page  # the menu
    assert "RuntimeError: no such table" in page
    assert "ona@example.lt" in page and "Nuodai" in page
    detail = supervisor_client.get(reverse("mail:quarantined", args=[quarantined.pk]))
    assert "<dd>3</dd>" in detail.content.decode()
    original = supervisor_client.get(reverse("mail:quarantined_raw", args=[quarantined.pk]))
    assert b"".join(original.streaming_content) == POISON


def test_it_hides_the_quarantine_from_specialists(poisoned, specialist_client):
    quarantined = quarantine()
    assert (
        reverse("mail:quarantine")
        not in specialist_client.get(reverse("inbox:index")).content.decode()
    )
    for name in ("mail:quarantined", "mail:quarantined_raw"):
        assert specialist_client.get(reverse(name, args=[quarantined.pk])).status_code == 404
    for name in ("mail:quarantined_retry", "mail:quarantined_open"):
        assert specialist_client.post(reverse(name, args=[quarantined.pk])).status_code == 404
    assert QuarantinedLetter.objects.filter(pk=quarantined.pk).exists()


def test_it_retries_and_opens_from_the_page(poisoned, supervisor_client):
    quarantined = quarantine()
    failed = supervisor_client.post(reverse("mail:quarantined_retry", args=[quarantined.pk]))
    assert failed.url == reverse("mail:quarantined", args=[quarantined.pk])
    opened = supervisor_client.post(reverse("mail:quarantined_open", args=[quarantined.pk]))
    conversation = Letter.objects.get().conversation_message.conversation
    assert opened.url == reverse("mail:conversation", args=[conversation.pk])
    assert not QuarantinedLetter.objects.exists()
