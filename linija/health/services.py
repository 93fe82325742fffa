"""The worker's leases (locks that expire with their holder) and heartbeats."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from linija.health.models import Beat, Lease


@transaction.atomic
def lease_take(*, name: str, holder: str, seconds: float) -> bool:
    """Take the lease ``name`` for ``seconds`` if nobody holds it or its holder's has run out."""
    now = timezone.now()
    expires_at = now + datetime.timedelta(seconds=seconds)
    if Lease.objects.filter(Q(expires_at__lte=now) | Q(holder=holder), name=name).update(
        holder=holder, expires_at=expires_at
    ):
        return True
    _lease, created = Lease.objects.get_or_create(
        name=name, defaults={"holder": holder, "expires_at": expires_at}
    )
    return created


@transaction.atomic
def lease_renew(*, name: str, holder: str, seconds: float) -> bool:
    """Hold the lease ``seconds`` longer; False when it is no longer the holder's."""
    expires_at = timezone.now() + datetime.timedelta(seconds=seconds)
    return bool(Lease.objects.filter(name=name, holder=holder).update(expires_at=expires_at))


@transaction.atomic
def lease_release(*, name: str, holder: str) -> None:
    Lease.objects.filter(name=name, holder=holder).delete()


@transaction.atomic
def beat_record(*, name: str, at: datetime.datetime | None = None) -> None:
    """Note that ``name`` (the worker, the mail fetch) worked just now."""
    Beat.objects.update_or_create(name=name, defaults={"at": at or timezone.now()})
