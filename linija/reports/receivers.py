"""Keeps the days' tallies (``DayTally``) in step with the records: every saved, deleted or
re-topicked record makes its day stale (and the day it left, when its start moved), in the
same transaction. A change to the topic tree makes every day stale, since the tallies count
the records by topic group too.

Records written past the models (``QuerySet.update`` of a counted field, ``bulk_create``, raw
SQL) are not seen here: ``consultations.conversations_open`` marks its day itself; after any
other such load run ``manage.py report_tallies --all``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from linija.consultations.models import Consultation, Topic
from linija.hours.calendar import VILNIUS
from linija.reports.services import day_tallies_mark, day_tallies_mark_all

# The fields the reports count a record by.
COUNTED = frozenset(
    {
        *("status", "started_at", "ended_at", "completed_at", "kind", "channel"),
        *("contact_order", "caller_category", "municipality", "outcome", "referral_target"),
    }
)


def _day(moment: datetime.datetime | None) -> set[datetime.date]:
    return {timezone.localdate(moment, VILNIUS)} if moment else set()


def _counted(update_fields: Any) -> bool:
    return update_fields is None or not COUNTED.isdisjoint(update_fields)


@receiver(pre_save, sender=Consultation, dispatch_uid="reports_record_day_before")
def record_day_before(sender, instance: Consultation, update_fields=None, **kwargs) -> None:
    instance._tally_day_before = set()
    if instance.pk and _counted(update_fields):
        before = Consultation.objects.filter(pk=instance.pk).values_list("started_at", flat=True)
        instance._tally_day_before = _day(before.first())


@receiver(post_save, sender=Consultation, dispatch_uid="reports_record_saved")
def record_saved(sender, instance: Consultation, update_fields=None, **kwargs) -> None:
    if _counted(update_fields):
        before = getattr(instance, "_tally_day_before", set())
        day_tallies_mark(days=before | _day(instance.started_at))


@receiver(post_delete, sender=Consultation, dispatch_uid="reports_record_deleted")
def record_deleted(sender, instance: Consultation, **kwargs) -> None:
    day_tallies_mark(days=_day(instance.started_at))


@receiver(m2m_changed, sender=Consultation.topics.through, dispatch_uid="reports_topics_changed")
def record_topics_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        day_tallies_mark(days=_day(instance.started_at))
    elif pk_set:
        started = Consultation.objects.filter(pk__in=pk_set).values_list("started_at", flat=True)
        day_tallies_mark(days={day for moment in started for day in _day(moment)})
    else:
        day_tallies_mark_all()


@receiver(pre_save, sender=Topic, dispatch_uid="reports_topic_moved")
def topic_moved(sender, instance: Topic, **kwargs) -> None:
    if instance.pk is None:
        return
    parent = Topic.objects.filter(pk=instance.pk).values_list("parent_id", flat=True).first()
    if parent != instance.parent_id:
        day_tallies_mark_all()


@receiver(post_delete, sender=Topic, dispatch_uid="reports_topic_deleted")
def topic_deleted(sender, instance: Topic, **kwargs) -> None:
    day_tallies_mark_all()
