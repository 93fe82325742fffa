"""Reads of the inbox: its own rows (conversations and records waiting for their wrap-up),
the filters over every channel's rows, and the people a supervisor may assign work to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from linija.accounts import roles
from linija.consultations.models import (
    Consultation,
    Conversation,
    ConversationStatus,
    Topic,
)
from linija.consultations.selectors import (
    ACTIVE_CONVERSATION_STATUSES,
    consultations_wrapup_due,
    conversations_visible_to,
    display_name,
    last_message_previews,
)
from linija.inbox.items import InboxItem, conversation_url_builders

# How many closed conversations the "closed" filter shows, the most recent first.
RECENTLY_CLOSED = 50

ASSIGNEE_ME = "me"
ASSIGNEE_NOBODY = "unassigned"
STATUS_ALL = "all"
STATUS_DUE = "due"


def topic_codes_by_record(record_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """The codes of each record's topics and of their groups, by record id, in one query."""
    through = Consultation.topics.through
    rows = (
        through.objects.filter(consultation_id__in=list(record_ids))
        .order_by("consultation_id", "topic__order", "topic__code")
        .values_list("consultation_id", "topic__parent__code", "topic__code")
    )
    codes: dict[int, dict[str, None]] = {}
    for record_id, group_code, code in rows:
        record_codes = codes.setdefault(record_id, {})
        if group_code:
            record_codes[group_code] = None
        record_codes[code] = None
    return {record_id: tuple(record_codes) for record_id, record_codes in codes.items()}


def conversation_url(conversation: Conversation) -> str:
    """The channel's own page of the conversation if it has one, else the inbox's."""
    builder = conversation_url_builders().get(conversation.channel)
    if builder is not None:
        return builder(conversation)
    return reverse("inbox:conversation", kwargs={"pk": conversation.pk})


def conversation_title(conversation: Conversation) -> str:
    return conversation.subject or _("%(channel)s #%(number)s") % {
        "channel": conversation.get_channel_display(),
        "number": conversation.pk,
    }


def conversation_item(
    conversation: Conversation, *, preview: str = "", topic_codes: tuple[str, ...] = ()
) -> InboxItem:
    pk = conversation.pk
    closed = conversation.status == ConversationStatus.CLOSED
    return InboxItem(
        key=f"conversation-{pk}",
        kind="conversation",
        channel=conversation.channel,
        title=conversation_title(conversation),
        status=conversation.status,
        status_label=conversation.get_status_display(),
        created_at=conversation.last_message_at,
        url=conversation_url(conversation),
        assignee_id=conversation.assignee_id,
        assignee_name=display_name(conversation.assignee) if conversation.assignee else "",
        topic_codes=topic_codes,
        preview=preview,
        claim_url="" if closed else reverse("inbox:claim", kwargs={"pk": pk}),
        assign_url="" if closed else reverse("inbox:assign", kwargs={"pk": pk}),
    )


def wrapup_item(record: Consultation, *, topic_codes: tuple[str, ...] = ()) -> InboxItem:
    return InboxItem(
        key=f"record-{record.pk}",
        kind="wrapup",
        channel=record.channel,
        title=_("Complete record #%(number)s") % {"number": record.pk},
        status=STATUS_DUE,
        status_label=_("Wrap-up due"),
        created_at=record.ended_at or record.started_at,
        url=reverse("consultations:edit", kwargs={"pk": record.pk}),
        assignee_id=record.specialist_id,
        assignee_name=display_name(record.specialist) if record.specialist else "",
        topic_codes=topic_codes,
    )


# Only the columns a row shows: the inbox is read on every refresh, and during a surge of the
# public site its request shares the process with the event loop.
CONVERSATION_ROW_FIELDS = (
    "channel",
    "status",
    "subject",
    "last_message_at",
    "consultation_id",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__username",
)
RECORD_ROW_FIELDS = (
    "channel",
    "started_at",
    "ended_at",
    "specialist__first_name",
    "specialist__last_name",
    "specialist__username",
)


def inbox_items(user: Any) -> list[InboxItem]:
    """The inbox's own rows for ``user``: the active conversations they may see, the recently
    closed ones, and their records still waiting for the wrap-up."""
    visible = (
        conversations_visible_to(user)
        .select_related(None)
        .select_related("assignee")
        .only(*CONVERSATION_ROW_FIELDS)
    )
    active = visible.filter(status__in=ACTIVE_CONVERSATION_STATUSES)
    closed = visible.filter(status=ConversationStatus.CLOSED).order_by("-last_message_at", "-id")
    drafts = list(
        consultations_wrapup_due(user=user)
        .exclude(conversation__status__in=ACTIVE_CONVERSATION_STATUSES)
        .select_related(None)
        .prefetch_related(None)
        .select_related("specialist")
        .only(*RECORD_ROW_FIELDS)
    )
    conversations = [*active, *closed[:RECENTLY_CLOSED]]
    previews = last_message_previews(conversation.pk for conversation in conversations)
    topics = topic_codes_by_record(
        [
            *(c.consultation_id for c in conversations if c.consultation_id),
            *(record.pk for record in drafts),
        ]
    )
    return [
        *(
            conversation_item(
                conversation,
                preview=previews.get(conversation.pk, ""),
                topic_codes=topics.get(conversation.consultation_id, ()),
            )
            for conversation in conversations
        ),
        *(wrapup_item(record, topic_codes=topics.get(record.pk, ())) for record in drafts),
    ]


def _status_matches(item: InboxItem, status: str) -> bool:
    if status == "":
        return not item.is_closed
    return status == STATUS_ALL or item.status == status


def _assignee_matches(item: InboxItem, assignee: str, user: Any) -> bool:
    if assignee == ASSIGNEE_ME:
        return item.assignee_id == user.pk
    if assignee == ASSIGNEE_NOBODY:
        return item.assignee_id is None
    return True


def inbox_filter(
    items: Iterable[InboxItem],
    *,
    user: Any,
    channel: str = "",
    status: str = "",
    assignee: str = "",
    topic: str = "",
) -> list[InboxItem]:
    """The items that pass every filter given. No status means every item not closed."""
    return [
        item
        for item in items
        if (not channel or item.channel == channel)
        and _status_matches(item, status)
        and _assignee_matches(item, assignee, user)
        and (not topic or topic in item.topic_codes)
    ]


def inbox_statuses(items: Sequence[InboxItem]) -> list[tuple[str, str]]:
    """The statuses one can filter by: a conversation's, "wrap-up due", and any other status
    of a channel's item in ``items``."""
    statuses = dict(ConversationStatus.choices)
    statuses[STATUS_DUE] = _("Wrap-up due")
    for item in items:
        statuses.setdefault(item.status, item.status_label)
    return list(statuses.items())


def staff_assignable() -> QuerySet:
    """The active specialists and supervisors, by name: whom work can be given to."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[roles.SPECIALIST, roles.SUPERVISOR])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def topic_filter_choices() -> list[tuple[str, Any]]:
    """The active topics for a filter: each group (all of it, or one of its subtopics), and
    the top-level topics without subtopics."""
    topics = list(Topic.objects.filter(active=True).select_related("parent"))
    children: dict[int, list[Topic]] = {}
    for topic in topics:
        if topic.parent_id:
            children.setdefault(topic.parent_id, []).append(topic)
    choices: list[tuple[str, Any]] = []
    for group in (topic for topic in topics if topic.parent_id is None):
        members = children.get(group.pk)
        if not members:
            choices.append((group.code, group.name))
            continue
        everything = _("All of “%(group)s”") % {"group": group.name}
        choices.append(
            (group.name, [(group.code, everything), *((t.code, t.name) for t in members)])
        )
    return choices
