"""What the health page checks, collected from every app like the other hooks.

An app names ``health_checks = "linija.<app>.selectors.health_checks"`` on its AppConfig: a
function ``(*, now: datetime) -> Iterable[Check]``. A check that fails (``ok`` false) shows on
the staff health page and adds one to the supervisor's dashboard figure "stalled".
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    ok: bool
    # What was found, in words for staff: never a person's data.
    detail: str
    at: datetime.datetime | None = None


def stall_after() -> datetime.timedelta:
    """How long background work may stay silent before its check fails."""
    return datetime.timedelta(minutes=settings.LINIJA_STALL_MINUTES)


def _providers() -> list[Callable[..., Iterable[Check]]]:
    return [
        import_string(config.health_checks)
        for config in apps.get_app_configs()
        if getattr(config, "health_checks", None)
    ]


def health_checks(*, now: datetime.datetime) -> list[Check]:
    """Every app's checks at ``now``."""
    return [check for provider in _providers() for check in provider(now=now)]
