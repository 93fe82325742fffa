"""The e-mail channel's private files on disk: what no row owns any more is swept away.

A letter's files are written inside its storing transaction; a worker killed before the
commit (or a purge whose deletion after the commit never ran) leaves files that no letter,
attachment or quarantined letter names. The worker sweeps those daily, once they are older
than a day, so a letter being stored right now is never touched.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from django.utils import timezone

from linija.mail.models import Attachment, Letter, QuarantinedLetter, private_storage

UNOWNED_AFTER = timedelta(days=1)
FOLDERS = ("letters", "attachments", "quarantine")


def _owned() -> set[str]:
    owned = set(Letter.objects.exclude(raw="").values_list("raw", flat=True))
    owned |= set(Attachment.objects.exclude(file="").values_list("file", flat=True))
    owned |= set(QuarantinedLetter.objects.exclude(raw="").values_list("raw", flat=True))
    return owned


def private_files_sweep(*, now: datetime | None = None) -> int:
    """Delete the private files no row owns that are older than a day; how many."""
    cutoff = ((now or timezone.now()) - UNOWNED_AFTER).timestamp()
    root = Path(private_storage.location)
    owned = _owned()
    swept = 0
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            name = path.relative_to(root).as_posix()
            if path.is_file() and path.stat().st_mtime < cutoff and name not in owned:
                private_storage.delete(name)
                swept += 1
    return swept
