"""Machine mail: every rule of ``linija.mail.automatic`` keeps the acknowledgement back (and,
outside a thread, the new conversation), the letter is always stored with its reason, and two
lines' acknowledgements never answer each other."""

from datetime import timedelta
from email import message_from_bytes

import pytest
from django.core import mail
from django.utils import timezone

from linija.consultations.models import Conversation
from linija.mail.automatic import CONVERSATION, RULES_BY_NAME
from linija.mail.ingest import letter_ingest
from linija.mail.models import Acknowledgement, Letter, OutboxMessage
from linija.mail.outbox import outbox_send_due
from linija.mail.tests.test_ingest import letter

pytestmark = pytest.mark.django_db

DELIVERY_REPORT = 'Content-Type: multipart/report; report-type=delivery-status; boundary="B"'
MACHINE_LETTERS = {
    "delivery_report": {"extra": DELIVERY_REPORT},
    "daemon_sender": {"sender": "postmaster@mx.example.lt"},
    "own_address": {"sender": "linija@pastoge.lt"},
    "own_message_id": {"message_id": "<linija.0a1b2c@pastoge.lt>"},
    "x_loop": {"extra": "X-Loop: pagalba@kita.lt"},
    "auto_submitted": {"extra": "Auto-Submitted: auto-generated"},
    "auto_reply_header": {"extra": "X-Autoresponder: yes"},
    "precedence_auto_reply": {"extra": "Precedence: auto_reply"},
    "precedence_bulk": {"extra": "Precedence: junk"},
    "mailing_list": {"extra": "List-Unsubscribe: <mailto:leave@lists.example.lt>"},
    "noreply_sender": {"sender": "no-reply@bankas.example.lt"},
    "responses_suppressed": {"extra": "X-Auto-Response-Suppress: DR, AutoReply"},
}


def test_it_tests_every_rule_of_the_table():
    assert set(MACHINE_LETTERS) | {"acknowledged_lately"} == set(RULES_BY_NAME)


@pytest.mark.parametrize("name", MACHINE_LETTERS)
def test_it_sends_no_acknowledgement_to_machine_mail(name):
    rule = RULES_BY_NAME[name]
    stored = letter_ingest(raw=letter(**MACHINE_LETTERS[name])).letter
    assert Letter.objects.count() == 1
    assert stored.raw
    assert stored.automatic_rule == name
    assert stored.kind == rule.kind
    assert stored.noise_reason
    assert stored.automatic_reason == str(rule.reason)
    assert OutboxMessage.objects.count() == 0
    opened = Conversation.objects.count()
    assert opened == (0 if rule.suppresses == CONVERSATION else 1)
    assert (stored.conversation_message is None) == (rule.suppresses == CONVERSATION)


def test_it_lists_machine_mail_that_opened_no_conversation_with_its_reason(client, supervisor):
    letter_ingest(raw=letter(**MACHINE_LETTERS["x_loop"]))
    client.force_login(supervisor)
    page = client.get("/staff/mail/filtered/").content.decode()
    assert str(RULES_BY_NAME["x_loop"].reason) in page
    assert "X-Loop: pagalba@kita.lt" in page


def test_it_acknowledges_a_sender_at_most_once_a_day():
    letter_ingest(raw=letter())
    second = letter_ingest(raw=letter(message_id="<m2@example.lt>", subject="Kitas")).letter
    assert Conversation.objects.count() == 2
    assert OutboxMessage.objects.count() == 1
    assert second.automatic_rule == "acknowledged_lately"
    assert second.kind == "person"
    Acknowledgement.objects.update(created_at=timezone.now() - timedelta(hours=24, minutes=1))
    third = letter_ingest(raw=letter(message_id="<m3@example.lt>", subject="Trečias")).letter
    assert third.automatic_rule == ""
    assert OutboxMessage.objects.count() == 2


def test_it_never_lets_two_lines_acknowledge_each_other(settings):
    """Line A gets a letter from line B's address; every letter sent is delivered to the
    other line for a few rounds: only A's one acknowledgement ever goes out."""
    settings.LINIJA_EMAIL = settings.DEFAULT_FROM_EMAIL = "linija@pastoge.lt"
    letter_ingest(raw=letter(sender="pagalba@kita.lt", message_id="<first@kita.lt>"))
    delivered = 0
    for _round in range(4):
        outbox_send_due()
        waiting, delivered = mail.outbox[delivered:], len(mail.outbox)
        for sent in waiting:
            [settings.LINIJA_EMAIL] = [settings.DEFAULT_FROM_EMAIL] = sent.to
            letter_ingest(raw=sent.message().as_bytes())
    assert len(mail.outbox) == 1
    headers = message_from_bytes(mail.outbox[0].message().as_bytes())
    assert headers["Auto-Submitted"] == "auto-replied"
    assert headers["X-Loop"] == "linija@pastoge.lt"
    assert Letter.objects.filter(automatic_rule="x_loop").count() == 1


def test_it_answers_a_no_reply_sender_that_names_a_reply_to():
    stored = letter_ingest(
        raw=letter(sender="noreply@forms.example.lt", extra="Reply-To: ona@example.lt")
    ).letter
    assert stored.automatic_rule == ""
    assert OutboxMessage.objects.get().to == ["ona@example.lt"]
