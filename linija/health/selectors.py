from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from linija.health.checks import Check, health_checks, stall_after
from linija.health.models import Beat

logger = logging.getLogger(__name__)
WORKER = "worker"


def database_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("The database does not answer")
        return False
    return True


def redis_up() -> bool:
    """Whether the cache (Redis in production) answers; True where none is configured."""
    if not settings.REDIS_URL:
        return True
    try:
        cache.get("health")
    except Exception:  # the client's errors differ by version; any of them means "down"
        logger.exception("Redis does not answer")
        return False
    return True


def serving() -> bool:
    """What the proxy asks: can this server answer requests (its database and Redis)?"""
    return database_up() and redis_up()


def when(moment: datetime.datetime) -> str:
    return date_format(localtime(moment), "DATETIME_FORMAT")


def beat_at(name: str) -> datetime.datetime | None:
    return Beat.objects.filter(name=name).values_list("at", flat=True).first()


def beat_check(*, key: str, label: str, name: str, now: datetime.datetime, missing: str) -> Check:
    """A check that fails when ``name`` has not beaten for longer than the stall time."""
    at = beat_at(name)
    if at is None:
        return Check(key, label, False, missing)
    if now - at > stall_after():
        return Check(key, label, False, _("Stalled: last at %(when)s") % {"when": when(at)}, at)
    return Check(key, label, True, _("Last at %(when)s") % {"when": when(at)}, at)


def service_checks(*, now: datetime.datetime) -> list[Check]:
    database, redis = database_up(), redis_up()
    return [
        Check("database", _("Database"), database, _("Answers") if database else _("Down")),
        Check(
            "redis",
            _("Redis"),
            redis,
            (_("Answers") if redis else _("Down")) if settings.REDIS_URL else _("Not used"),
        ),
        beat_check(
            key="worker",
            label=_("Background worker"),
            name=WORKER,
            now=now,
            missing=_("No heartbeat yet: is the worker running?"),
        ),
    ]


def dashboard_figures(*, now: datetime.datetime) -> dict[str, int]:
    return {"stalled": sum(not check.ok for check in health_checks(now=now))}
