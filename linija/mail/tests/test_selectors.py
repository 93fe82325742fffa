"""Reads of the e-mail channel: visibility, the inbox rows, threads, when to expect an answer."""

import datetime
import sys
from zoneinfo import ZoneInfo

import pytest

from linija.consultations.models import Conversation
from linija.consultations.services import conversation_open
from linija.hours.selectors import line_status
from linija.mail.ingest import letter_ingest
from linija.mail.replies import contact_message_create, reply_send
from linija.mail.selectors import (
    answer_expected,
    canned_answers_for,
    conversation_url,
    duration_text,
    first_response,
    mail_conversations_visible_to,
    thread_by_message_ids,
)

pytestmark = pytest.mark.django_db
VILNIUS = ZoneInfo("Europe/Vilnius")


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VILNIUS)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(2024, 5, 15, 14), "today by 20:00"),  # a Wednesday, open
        (at(2024, 5, 15, 19, 45), "tomorrow after 12:00"),  # closing in 15 minutes
        (at(2024, 5, 15, 9), "today after 12:00"),  # before opening
        (at(2024, 5, 17, 21), "on Monday after 12:00"),  # Friday evening
        (at(2024, 5, 18, 10), "on Monday after 12:00"),  # Saturday
        (at(2024, 12, 23, 14), "today by 19:00"),  # the day before Christmas Eve is shorter
        (at(2024, 12, 23, 20), "on Friday after 12:00"),  # 24–26 December are holidays
    ],
)
def test_it_says_when_an_answer_can_be_expected(now, expected):
    from django.utils import translation

    with translation.override("en"):
        assert answer_expected(line_status(now)) == expected


def test_it_says_it_in_lithuanian():
    from django.utils import translation

    with translation.override("lt"):
        assert answer_expected(line_status(at(2024, 5, 17, 21))) == "pirmadienį po 12:00"
        assert answer_expected(line_status(at(2024, 5, 15, 14))) == "šiandien iki 20:00"


def test_it_shows_email_conversations_by_the_consultations_rules(
    specialist, other_specialist, supervisor, outsider
):
    mine = contact_message_create(email="ona@example.lt", text="Labas")
    theirs = contact_message_create(email="jonas@example.lt", text="Labas")
    Conversation.objects.filter(pk=theirs.pk).update(assignee=other_specialist)
    chat = conversation_open(channel="chat")
    assert list(mail_conversations_visible_to(specialist)) == [mine]
    assert set(mail_conversations_visible_to(supervisor)) == {mine, theirs}
    assert chat not in mail_conversations_visible_to(supervisor)
    assert not mail_conversations_visible_to(outsider).exists()


def test_it_leads_the_inbox_rows_of_email_conversations_to_the_thread(specialist):
    from linija.inbox.selectors import inbox_items

    conversation = contact_message_create(email="ona@example.lt", text="Labas")
    assert conversation_url(conversation) == f"/staff/mail/{conversation.pk}/"
    [item] = [item for item in inbox_items(specialist) if item.channel == "email"]
    assert item.url == f"/staff/mail/{conversation.pk}/"
    assert "ona@example.lt" not in item.title


def test_it_finds_the_thread_of_the_first_known_message_id():
    first = letter_ingest(
        raw=b"From: ona@example.lt\r\nMessage-ID: <t1@example.lt>\r\n\r\nLabas\r\n"
    ).letter.conversation_message.conversation
    assert thread_by_message_ids(["<unknown@x>", "<t1@example.lt>"]) == first
    assert thread_by_message_ids(["<unknown@x>", ""]) is None
    assert thread_by_message_ids([]) is None


def test_it_measures_the_time_to_first_response(specialist):
    conversation = contact_message_create(email="ona@example.lt", text="Labas")
    assert first_response(conversation) is None
    reply_send(conversation=conversation, user=specialist, body="Atsakome.")
    assert first_response(conversation) >= datetime.timedelta(0)


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(0, "0 min"), (45, "45 min"), (125, "2 h 5 min"), (60 * 24 + 60, "1 d 1 h")],
)
def test_it_words_durations(minutes, expected):
    from django.utils import translation

    with translation.override("en"):
        assert duration_text(datetime.timedelta(minutes=minutes)) == expected
    assert duration_text(None) == ""


def test_it_takes_canned_answers_from_the_knowledge_base(specialist, monkeypatch):
    class Answer:
        title = "Dokumentai"
        body = "Reikia formos 046/a."

    monkeypatch.setattr(
        "linija.knowledge.selectors.canned_answers", lambda user: [Answer()], raising=False
    )
    assert [answer.title for answer in canned_answers_for(specialist)] == ["Dokumentai"]


def test_it_offers_no_canned_answers_without_the_knowledge_base(specialist, monkeypatch):
    monkeypatch.setitem(sys.modules, "linija.knowledge.selectors", None)
    assert canned_answers_for(specialist) == []
