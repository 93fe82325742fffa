"""Reads of the consultations app: who sees which records, and the lists to choose from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from linija.accounts.selectors import is_staff_member, is_supervisor
from linija.consultations.models import Consultation, Status, Taxonomy, Topic

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
    try:
        return consultations_visible_to(user).get(pk=pk)
    except Consultation.DoesNotExist as missing:
        raise Http404 from missing


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
