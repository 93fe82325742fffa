import datetime

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from linija.consultations.models import ConversationStatus, Topic
from linija.consultations.services import message_add
from linija.inbox import items as items_module
from linija.inbox.items import (
    InboxItem,
    conversation_url_builders,
    inbox_items_for,
    inbox_providers,
    inbox_refresh_events,
)
from linija.inbox.selectors import inbox_filter, inbox_items, inbox_statuses, staff_assignable

pytestmark = pytest.mark.usefixtures("in_english")


def keys(items):
    return [item.key for item in items]


def test_it_lists_the_conversations_a_specialist_may_see(
    make_conversation, specialist, other_specialist
):
    free = make_conversation("chat", topics=["eligibility"])
    mine = make_conversation("email", subject="Dėl budinčios globos", assignee=specialist)
    make_conversation("email", assignee=other_specialist)

    listed = {item.key: item for item in inbox_items(specialist)}

    assert set(listed) == {f"conversation-{free.pk}", f"conversation-{mine.pk}"}
    chat = listed[f"conversation-{free.pk}"]
    assert (chat.kind, chat.channel, chat.title, chat.status) == (
        "conversation",
        "chat",
        f"Chat #{free.pk}",
        "new",
    )
    assert chat.topic_codes == ("becoming_carer", "eligibility")
    assert chat.url == reverse("inbox:conversation", kwargs={"pk": free.pk})
    assert chat.claim_url == reverse("inbox:claim", kwargs={"pk": free.pk})
    email = listed[f"conversation-{mine.pk}"]
    assert (email.title, email.assignee_id, email.assignee_name) == (
        "Dėl budinčios globos",
        specialist.pk,
        "Ona",
    )


def test_it_lists_every_conversation_to_a_supervisor(
    make_conversation, supervisor, specialist, other_specialist
):
    make_conversation(assignee=specialist)
    make_conversation(assignee=other_specialist)

    assert len(inbox_items(supervisor)) == 2


def test_it_lists_drafts_waiting_for_their_wrap_up_once(
    make_conversation, draft, specialist, other_specialist
):
    call = draft(specialist, ended_at=timezone.now())
    draft(other_specialist)
    chatting = make_conversation("chat", assignee=specialist)
    chatting.consultation.specialist = specialist
    chatting.consultation.save()

    listed = inbox_items(specialist)

    assert sorted(keys(listed)) == sorted([f"record-{call.pk}", f"conversation-{chatting.pk}"])
    wrapup = next(item for item in listed if item.kind == "wrapup")
    assert (wrapup.status, wrapup.status_label, wrapup.channel) == ("due", "Wrap-up due", "phone")
    assert wrapup.url == reverse("consultations:edit", kwargs={"pk": call.pk})
    assert wrapup.created_at == call.ended_at
    assert not wrapup.claim_url


def test_it_reads_its_rows_in_five_queries_however_many_there_are(
    make_conversation, draft, specialist, django_assert_num_queries
):
    for topic in ("eligibility", "origins", "becoming_carer"):
        make_conversation("chat", topics=[topic], assignee=specialist)
        make_conversation(
            "email", topics=[topic], status=ConversationStatus.CLOSED, assignee=specialist
        )
        record = draft(specialist)
        record.topics.set(Topic.objects.filter(code=topic))

    inbox_items(specialist)  # reads the specialist's roles once, as the request does
    # active conversations, closed ones, their previews, every row's topics, the drafts
    with django_assert_num_queries(5):
        listed = inbox_items(specialist)

    assert len(listed) == 9
    assert {item.assignee_name for item in listed} == {"Ona"}
    assert sorted(item.topic_codes for item in listed) == [
        *[("adoption", "origins")] * 3,
        *[("becoming_carer",)] * 3,
        *[("becoming_carer", "eligibility")] * 3,
    ]


def test_it_lists_the_draft_of_a_closed_conversation_as_wrap_up(make_conversation, specialist):
    closed = make_conversation(assignee=specialist, status=ConversationStatus.CLOSED)
    closed.consultation.specialist = specialist
    closed.consultation.save()

    assert f"record-{closed.consultation.pk}" in keys(inbox_items(specialist))


def test_it_lists_no_completed_record(draft, specialist, complete):
    complete(draft(specialist))

    assert inbox_items(specialist) == []


def test_it_offers_no_actions_on_a_closed_conversation(make_conversation, supervisor):
    make_conversation(status=ConversationStatus.CLOSED)

    (item,) = inbox_items(supervisor)

    assert item.is_closed
    assert (item.claim_url, item.assign_url) == ("", "")


def item(key, **fields):
    values = {
        "key": key,
        "kind": "call",
        "channel": "phone",
        "title": key,
        "status": "new",
        "status_label": "New",
        "created_at": timezone.now(),
        "url": "/",
    }
    return InboxItem(**{**values, **fields})


@pytest.fixture
def board(specialist, other_specialist):
    return [
        item("a", channel="chat", assignee_id=specialist.pk, topic_codes=("adoption", "origins")),
        item("b", channel="email", status="waiting", assignee_id=other_specialist.pk),
        item("c", channel="phone", status="missed"),
        item("d", channel="email", status="closed"),
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["a", "b", "c"]),
        ({"status": "all"}, ["a", "b", "c", "d"]),
        ({"status": "closed"}, ["d"]),
        ({"status": "missed"}, ["c"]),
        ({"channel": "email"}, ["b"]),
        ({"channel": "email", "status": "all"}, ["b", "d"]),
        ({"assignee": "me"}, ["a"]),
        ({"assignee": "unassigned"}, ["c"]),
        ({"topic": "adoption"}, ["a"]),
        ({"topic": "origins"}, ["a"]),
        ({"topic": "training"}, []),
    ],
)
def test_it_filters_by_channel_status_holder_and_topic(board, specialist, filters, expected):
    assert keys(inbox_filter(board, user=specialist, **filters)) == expected


def test_it_offers_the_statuses_of_every_channel(board):
    statuses = dict(inbox_statuses(board))

    assert list(statuses)[:5] == ["new", "open", "waiting", "closed", "due"]
    assert statuses["missed"] == "New"


def test_it_merges_the_providers_newest_first_and_keeps_a_channels_own_item_of_a_key(
    monkeypatch, specialist
):
    now = timezone.now()
    first = [item("x", created_at=now), item("y", created_at=now - datetime.timedelta(hours=1))]
    second = [
        item("x", title="Chat: Rūta", created_at=now - datetime.timedelta(hours=2)),
        item("z", created_at=now),
    ]
    monkeypatch.setattr(
        items_module, "inbox_providers", lambda: [lambda user: first, lambda user: second]
    )

    merged = inbox_items_for(specialist)

    assert keys(merged) == ["z", "y", "x"]
    assert merged[2].title == "Chat: Rūta"


def test_it_registers_its_own_provider_first_of_the_channels():
    providers = inbox_providers()

    assert providers[0] is inbox_items


def chat_page(conversation):
    return f"/staff/chat/?conversation={conversation.pk}"


def test_it_collects_the_events_and_pages_the_channels_declare(monkeypatch):
    config = apps.get_app_config("knowledge")
    monkeypatch.setattr(
        config, "inbox_events", ("phone.call_missed", "inbox.changed"), raising=False
    )
    monkeypatch.setattr(
        config,
        "conversation_urls",
        {"chat": "linija.inbox.tests.test_selectors.chat_page"},
        raising=False,
    )

    events = inbox_refresh_events()

    assert events[:3] == ("inbox.changed", "mail.received", "chat.queue_changed")
    assert "phone.call_missed" in events
    assert len(events) == len(set(events))
    assert conversation_url_builders()["chat"] is chat_page


def test_it_assigns_work_only_to_active_specialists_and_supervisors(
    specialist, supervisor, administrator, outsider
):
    assert set(staff_assignable()) == {specialist, supervisor}


def test_it_previews_a_conversations_last_message_on_one_line_without_notes(
    make_conversation, specialist
):
    letter = make_conversation("email", subject="Dėl globos")
    message_add(conversation=letter, direction="in", body="Laba diena.")
    message_add(conversation=letter, direction="out", body="Sveiki,\n  ačiū už  laišką. " * 20)
    message_add(conversation=letter, direction="note", body="Skambinti rytoj")
    silent = make_conversation("email", subject="Tuščias")

    rows = {row.key: row for row in inbox_items(specialist)}

    preview = rows[f"conversation-{letter.pk}"].preview
    assert preview.startswith("Sveiki, ačiū už laišką. Sveiki,")
    assert len(preview) == 120 and preview.endswith("…")
    assert rows[f"conversation-{silent.pk}"].preview == ""
