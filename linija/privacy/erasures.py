"""The erasure journal: one JSON line for every data-subject erase, kept outside the database.

A backup holds the database as it was; an erase made after it would come back with a restore.
The journal names each erase by the subject's kind and keyed pseudonym and the time — never the
address or the number — so `manage.py restore` can erase again whatever was erased after the
backup was taken (`subject_erase_replay`).
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class Erasure:
    kind: str
    key: str
    at: datetime.datetime

    def line(self) -> str:
        return json.dumps({"kind": self.kind, "key": self.key, "at": self.at.isoformat()}) + "\n"


def journal_path() -> Path:
    return Path(settings.LINIJA_ERASURE_JOURNAL)


def erasure_journal_append(erasure: Erasure, *, path: Path | None = None) -> None:
    """Append ``erasure`` and flush it to the disk before returning."""
    path = path or journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as journal:
        journal.write(erasure.line())
        journal.flush()
        os.fsync(journal.fileno())


def erasures_parse(text: str) -> list[Erasure]:
    """The erasures of a journal's text, oldest first. A line cut short by a crash while it
    was written is passed over."""
    erasures = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
            erasures.append(
                Erasure(entry["kind"], entry["key"], datetime.datetime.fromisoformat(entry["at"]))
            )
        except (ValueError, KeyError, TypeError):
            continue
    return sorted(erasures, key=lambda erasure: erasure.at)


def erasure_journal_read(path: Path | None = None) -> list[Erasure]:
    """The erasures of the journal at ``path`` (this installation's by default); a missing
    file has none."""
    path = path or journal_path()
    return erasures_parse(path.read_text(encoding="utf-8")) if path.exists() else []


def erasure_journal_merge(erasures: list[Erasure], *, path: Path | None = None) -> int:
    """Append those of ``erasures`` the journal at ``path`` does not hold yet; their count."""
    known = set(erasure_journal_read(path))
    added = [erasure for erasure in erasures if erasure not in known]
    for erasure in added:
        erasure_journal_append(erasure, path=path)
    return len(added)
