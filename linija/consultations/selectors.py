"""Reads of the consultations app: who sees which records, conversations and cases, and the
lists to choose from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils.text import Truncator

from linija.accounts.selectors import is_staff_member, is_supervisor
from linija.consultations.models import (
    Case,
    CaseEntry,
    Consultation,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    Status,
    Taxonomy,
    Topic,
)
from linija.privacy.pseudonyms import pseudonym

T = TypeVar("T", bound=Taxonomy)


def _with_relations(queryset: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return queryset.select_related(
        "caller_category",
        "municipality",
        "heard_from",
        "outcome",
        "referral_target",
        "specialist",
    ).prefetch_related(Prefetch("topics", queryset=Topic.objects.select_related("parent")))


def consultations_visible_to(user: Any) -> QuerySet[Consultation]:
    """Supervisors and administrators see every record; a specialist sees their own records
    and the unassigned ones; anybody else sees none."""
    records = _with_relations(Consultation.objects.all())
    if is_supervisor(user):
        return records
    if is_staff_member(user):
        return records.filter(Q(specialist=user) | Q(specialist__isnull=True))
    return records.none()


def access_consultation(*, user: Any, pk: int) -> Consultation:
    """The record ``pk`` if ``user`` may see it; ``Http404`` when it is missing or not theirs."""
    return get_object_or_404(consultations_visible_to(user), pk=pk)


def consultations_wrapup_due(*, user: Any) -> QuerySet[Consultation]:
    """The drafts of ``user``, oldest first: the records still waiting for their wrap-up."""
    return (
        consultations_visible_to(user)
        .filter(specialist=user, status=Status.DRAFT)
        .order_by("started_at", "id")
    )


def consultation_list(*, user: Any, status: str = "", channel: str = "") -> QuerySet[Consultation]:
    """The records ``user`` may see, newest first, optionally of one status and channel."""
    records = consultations_visible_to(user)
    if status:
        records = records.filter(status=status)
    if channel:
        records = records.filter(channel=channel)
    return records


def _kept(keep: Iterable[Any]) -> Q:
    return Q(pk__in=[item.pk if isinstance(item, Taxonomy) else item for item in keep if item])


def taxonomy_choices(model: type[T], *, keep: Iterable[Any] = ()) -> QuerySet[T]:
    """Active entries of a taxonomy, plus the entries in ``keep`` (an old record's values)."""
    return model.objects.filter(Q(active=True) | _kept(keep))


def topic_choices(*, keep: Iterable[Any] = ()) -> QuerySet[Topic]:
    """The topics one can tick, with their groups: active subtopics of active groups and active
    top-level topics without subtopics, plus the topics in ``keep``."""
    has_subtopics = Exists(Topic.objects.filter(parent=OuterRef("pk"), active=True))
    selectable = Q(active=True) & (
        Q(parent__active=True) | Q(parent__isnull=True, has_subtopics=False)
    )
    return (
        Topic.objects.annotate(has_subtopics=has_subtopics)
        .filter(selectable | _kept(keep))
        .select_related("parent")
    )


def display_name(user: Any) -> str:
    """How a member of the staff is named on the pages: full name, else the user name."""
    return user.get_full_name() or user.get_username()


# --- Conversations --------------------------------------------------------------------------

ACTIVE_CONVERSATION_STATUSES = (
    ConversationStatus.NEW,
    ConversationStatus.OPEN,
    ConversationStatus.WAITING,
)


def conversations_visible_to(user: Any) -> QuerySet[Conversation]:
    """Supervisors and administrators see every conversation; a specialist sees the unassigned
    ones and their own; anybody else sees none."""
    conversations = Conversation.objects.select_related("assignee", "consultation")
    if is_supervisor(user):
        return conversations
    if is_staff_member(user):
        return conversations.filter(Q(assignee=user) | Q(assignee__isnull=True))
    return conversations.none()


# How many characters of a conversation's last message a list shows.
PREVIEW_CHARS = 120


def last_message_previews(conversation_ids: Iterable[int]) -> dict[int, str]:
    """The start of each conversation's last message from the person or a specialist (never an
    internal note), on one line, by conversation id; conversations without one are left out."""
    last = Message.objects.filter(conversation=OuterRef("pk")).exclude(direction=Direction.NOTE)
    rows = (
        Conversation.objects.filter(pk__in=list(conversation_ids))
        .annotate(last_body=Subquery(last.order_by("-created_at", "-id").values("body")[:1]))
        .exclude(last_body=None)
        .values_list("pk", "last_body")
    )
    return {pk: Truncator(" ".join(body.split())).chars(PREVIEW_CHARS) for pk, body in rows if body}


def access_conversation(*, user: Any, pk: int) -> Conversation:
    """The conversation ``pk`` if ``user`` may see it; ``Http404`` when missing or not theirs."""
    return get_object_or_404(conversations_visible_to(user), pk=pk)


# --- Cases ----------------------------------------------------------------------------------


def contact_key(contact: str) -> str:
    """The caller key of a phone number or e-mail address typed by a specialist.

    Only the keyed pseudonym leaves this function: the clear value is never stored.
    """
    value = contact.strip()
    if "@" in value:
        validate_email(value)
        return pseudonym("email", value)
    try:
        return pseudonym("phone", value)
    except ValueError as invalid:
        raise ValidationError(str(invalid), code="contact") from invalid


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Supervisors and administrators see every case; a specialist sees the cases they own and
    those they have written in; anybody else sees none."""
    cases = Case.objects.select_related("owner")
    if is_supervisor(user):
        return cases
    if is_staff_member(user):
        wrote = Exists(CaseEntry.objects.filter(case=OuterRef("pk"), created_by=user))
        return cases.filter(Q(owner=user) | wrote)
    return cases.none()


def access_case(*, user: Any, pk: int) -> Case:
    """The case ``pk`` if ``user`` may see it; ``Http404`` when it is missing or not theirs."""
    return get_object_or_404(cases_visible_to(user), pk=pk)


def case_list(*, user: Any, mine: bool = True, status: str = "") -> QuerySet[Case]:
    """The cases ``user`` may see (only those they own with ``mine``), with how many entries
    each has and when the latest contact or note was; the most recently active first."""
    cases = cases_visible_to(user)
    if mine:
        cases = cases.filter(owner=user)
    if status:
        cases = cases.filter(status=status)
    return cases.annotate(entry_count=Count("entries"), last_entry_at=Max("entries__at")).order_by(
        "-updated_at", "-id"
    )


def case_timeline(case: Case) -> QuerySet[CaseEntry]:
    """The case's contacts, notes and referrals in the order they happened."""
    return (
        case.entries.select_related(
            "created_by",
            "referral_target",
            "consultation__specialist",
            "consultation__outcome",
            "consultation__caller_category",
        )
        .prefetch_related(
            Prefetch("consultation__topics", queryset=Topic.objects.select_related("parent"))
        )
        .order_by("at", "id")
    )


def cases_for_key(*, user: Any, caller_key: str) -> tuple[list[Case], list[Any]]:
    """The cases of a caller key (a channel's pseudonym of the caller): those ``user`` may see,
    and the owners of the others (so that the specialist knows whom to ask)."""
    if not caller_key:
        return [], []
    visible = list(cases_visible_to(user).filter(caller_key=caller_key))
    others = (
        Case.objects.filter(caller_key=caller_key)
        .exclude(pk__in=[case.pk for case in visible])
        .select_related("owner")
    )
    return visible, sorted({case.owner for case in others}, key=lambda owner: owner.pk)


def cases_for_contact(*, user: Any, contact: str) -> tuple[list[Case], list[Any]]:
    """The same for a phone number or e-mail address typed in, found by its pseudonym."""
    return cases_for_key(user=user, caller_key=contact_key(contact))


def case_link_candidates(*, case: Case, user: Any) -> QuerySet[Consultation]:
    """Records of the same caller key that ``user`` may see and that are on no case yet."""
    if not case.caller_key:
        return Consultation.objects.none()
    return consultations_visible_to(user).filter(
        caller_key=case.caller_key, case_entry__isnull=True
    )


def may_see_case(*, user: Any, case: Case) -> bool:
    return cases_visible_to(user).filter(pk=case.pk).exists()


def case_of_consultation(consultation: Consultation) -> Case | None:
    entry = CaseEntry.objects.filter(consultation=consultation).select_related("case").first()
    return entry.case if entry else None
