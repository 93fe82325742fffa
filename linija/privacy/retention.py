"""The contract of the retention purge, shared by every app's purgers.

An app names its purgers on its ``AppConfig``::

    retention_purgers = {"chat_transcripts": "linija.consultations.services.messages_purge"}

A purger is ``(*, kind: str, before: datetime, locked: QuerySet, dry_run: bool) -> int``: it
blanks (or deletes) the ``kind`` content of its app that is older than ``before``, except what
belongs to a consultation whose pk is in ``locked`` (open safeguarding flags), and returns how
many rows it blanked — or, with ``dry_run``, would blank. It never touches what the statistics
count (categories, times, the rows themselves), so the reports stay the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.apps import apps
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils.module_loading import import_string

Purger = Callable[..., int]


def purgers() -> dict[str, list[Purger]]:
    """Every app's purgers, by kind of content."""
    found: dict[str, list[Purger]] = {}
    for config in apps.get_app_configs():
        for kind, path in getattr(config, "retention_purgers", {}).items():
            found.setdefault(kind, []).append(import_string(path))
    return found


def blank(queryset: QuerySet, *, dry_run: bool, **values) -> int:
    """Set ``values`` on the rows of ``queryset`` (only rows still holding content, so a second
    purge counts nothing); with ``dry_run`` only count them."""
    return queryset.count() if dry_run else queryset.update(**values)


def files_delete_on_commit(storage: Storage, names: Iterable[str]) -> None:
    """Delete the stored files once the transaction that blanked their rows commits."""
    names = [name for name in names if name]

    def delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)
