from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import Storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import FileField, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linija.accounts.selectors import is_administrator, is_supervisor
from linija.accounts.services import audit_record
from linija.consultations.models import (
    Channel,
    Consultation,
    Conversation,
    Direction,
    Message,
)
from linija.inbox.live import staff_broadcast
from linija.mail.outbox import outbox_add
from linija.privacy.erasures import Erasure, erasure_journal_append
from linija.privacy.models import RetentionKind, RevealReason, SafeguardingFlag
from linija.privacy.personal import Personal, declared, empty, holding
from linija.privacy.selectors import (
    locked_consultations,
    open_flags_of,
    retention_periods,
    supervisor_addresses,
)
from linija.privacy.subjects import Subject, SubjectData, subject_data, subjects_of_key


def _files_delete_on_commit(storage: Storage, names: Iterable[str]) -> None:
    """Delete the stored files once the transaction that blanked their rows commits."""
    names = [name for name in names if name]

    def delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def _rows_clear(rows: QuerySet, *, personal: Personal, fields: tuple[str, ...]) -> int:
    """Blank ``fields`` of ``rows`` (or delete the rows when ``personal`` says so), and their
    stored files once the transaction commits; how many rows."""
    for field in personal.fields:
        if isinstance(field, FileField) and (personal.delete or field.name in fields):
            names = rows.exclude(**{field.name: ""}).values_list(field.name, flat=True)
            _files_delete_on_commit(field.storage, names)
    if personal.delete:
        # Not ``delete()``: the audit log refuses it, and the purge is the one way its entries
        # go. A model that declares ``delete`` has no rows depending on it.
        return rows._raw_delete(rows.db)
    model = personal.model
    return rows.update(**{name: empty(model._meta.get_field(name)) for name in fields})


def personal_purge(
    *, personal: Personal, kind: str, before: datetime.datetime, locked: QuerySet, dry_run: bool
) -> int:
    """Blank (or delete) the ``kind`` content of ``personal``'s model older than ``before``,
    except what belongs to a consultation in ``locked``; how many rows went (or, with
    ``dry_run``, would go). What the statistics count stays."""
    count = 0
    for part in personal.parts():
        if part.kind != kind or not (part.fields or personal.delete):
            continue
        rows = personal.unlocked(personal.older(before).filter(part.rows), locked)
        if not personal.delete:
            # Only rows still holding content, so a second purge counts nothing.
            rows = rows.filter(holding(personal.model, part.fields))
        count += (
            rows.count() if dry_run else _rows_clear(rows, personal=personal, fields=part.fields)
        )
    return count


@transaction.atomic
def retention_purge(*, now: datetime.datetime, dry_run: bool) -> dict[str, int]:
    """Blank every kind of content older than its retention period, except what an open
    safeguarding flag holds; return how many rows of each kind went (or, with ``dry_run``,
    would go). A real purge writes one audit entry with the counts."""
    periods = retention_periods()
    locked = locked_consultations()
    counts = {}
    for kind in RetentionKind.values:
        before = now - datetime.timedelta(days=periods[kind])
        counts[kind] = sum(
            personal_purge(
                personal=personal, kind=kind, before=before, locked=locked, dry_run=dry_run
            )
            for personal in declared()
        )
    if not dry_run:
        audit_record(actor=None, action="delete", detail={"retention_purge": counts})
    return counts


# --- Safeguarding ------------------------------------------------------------------------------


def _written(text: str, message: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(message)
    return text


def _alert_supervisors(flag: SafeguardingFlag) -> None:
    """An e-mail to every supervisor with an address: the record's number and a link, never
    what the person said."""
    addresses = supervisor_addresses()
    if not addresses:
        return
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.LINIJA_BASE_URL + reverse("privacy:safeguarding_list")
        outbox_add(
            to=addresses,
            subject=_("Safeguarding: a child may be in danger (record #%(pk)s)")
            % {"pk": flag.consultation_id},
            body=_(
                "A specialist flagged record #%(pk)s: a child may be in danger.\n\n"
                "Read the flag and resolve it: %(link)s\n"
            )
            % {"pk": flag.consultation_id, "link": link},
        )


@transaction.atomic
def safeguarding_raise(
    *, consultation: Consultation, user: Any, note: str, request: HttpRequest | None = None
) -> SafeguardingFlag:
    """Flag ``consultation`` as "a child may be in danger": alert the supervisors at once (in
    the app and by e-mail) and keep the record from the retention purge until resolved."""
    note = _written(note, _("Write what worries you."))
    if open_flags_of(consultation).exists():
        raise ValidationError(_("This record is already flagged."))
    flag = SafeguardingFlag.objects.create(consultation=consultation, raised_by=user, note=note)
    audit_record(
        actor=user,
        action="create",
        obj=flag,
        request=request,
        detail={"consultation": consultation.pk},
    )
    staff_broadcast(
        event="privacy.safeguarding_raised",
        data={"flag": flag.pk, "consultation": consultation.pk},
    )
    _alert_supervisors(flag)
    return flag


@transaction.atomic
def safeguarding_resolve(
    *, flag: SafeguardingFlag, user: Any, resolution: str, request: HttpRequest | None = None
) -> SafeguardingFlag:
    """A supervisor closes ``flag`` with a written resolution; the record may then be purged."""
    if not is_supervisor(user):
        raise PermissionDenied
    resolution = _written(resolution, _("Write what was done."))
    flag = SafeguardingFlag.objects.select_for_update().get(pk=flag.pk)
    if not flag.is_open:
        raise ValidationError(_("This flag is already resolved."))
    flag.resolution = resolution
    flag.resolved_by = user
    flag.resolved_at = timezone.now()
    flag.save(update_fields=["resolution", "resolved_by", "resolved_at"])
    audit_record(actor=user, action="change", obj=flag, request=request, detail={"resolved": True})
    staff_broadcast(
        event="privacy.safeguarding_resolved",
        data={"flag": flag.pk, "consultation": flag.consultation_id},
    )
    return flag


@transaction.atomic
def contact_reveal(
    *, conversation: Conversation, user: Any, reason: str, request: HttpRequest | None = None
) -> dict[str, str]:
    """The name and address the person gave on ``conversation``, once: who looked, when and
    why (a ``RevealReason``, not a written text) go into the audit log."""
    if reason not in RevealReason.values:
        raise ValidationError(_("Choose why you need to see the contact."))
    if not (conversation.contact_name or conversation.contact_address):
        raise ValidationError(_("The person gave no contact in this conversation."))
    audit_record(
        actor=user,
        action="view",
        obj=conversation,
        request=request,
        detail={"reveal": "contact", "reason": reason},
    )
    return {"name": conversation.contact_name, "address": conversation.contact_address}


# --- Data subjects -----------------------------------------------------------------------------


def _transcript(messages) -> str:
    return "\n\n".join(
        f"[{message.created_at:%Y-%m-%d %H:%M:%S}] "
        f"{message.get_direction_display()}\n{message.body}"
        for message in messages
        if message.direction != Direction.NOTE
    )


@transaction.atomic
def subject_export(*, subject: Subject, user: Any, request: HttpRequest | None = None) -> bytes:
    """One ZIP of everything held about ``subject``: ``data.json`` (every row found, by
    model), every stored file of the rows (the original letters, the attachments) and the
    chat transcripts as text. Audited, without the address or number itself."""
    data = subject_data(subject)
    rows = {
        personal.label: serializers.serialize("python", data.rows(personal.model))
        for personal in data.found
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        document = {"subject": {"kind": subject.kind, "value": subject.value}, **rows}
        archive.writestr("data.json", json.dumps(document, cls=DjangoJSONEncoder, indent=2))
        for personal in data.found:
            for field in personal.fields:
                if not isinstance(field, FileField):
                    continue
                stored = data.rows(personal.model).exclude(**{field.name: ""})
                for pk, name in stored.values_list("pk", field.name):
                    with field.storage.open(name) as file:
                        path = f"{personal.label}/{pk}-{field.name}{PurePath(name).suffix}"
                        archive.writestr(path, file.read())
        messages = data.rows(Message)
        for conversation in data.rows(Conversation).filter(channel=Channel.CHAT):
            transcript = _transcript(messages.filter(conversation=conversation))
            archive.writestr(f"chats/{conversation.pk}.txt", transcript)
    audit_record(
        actor=user,
        action="export",
        request=request,
        detail={"data_subject": subject.kind, "counts": data.counts()},
    )
    return buffer.getvalue()


def _subject_rows_erase(data: SubjectData, locked: QuerySet) -> None:
    """Blank (or delete) every identifying field of the rows of ``data`` outside ``locked``;
    ``data`` holds pks, fixed before anything is blanked (blanking the keys and addresses
    changes what finds them)."""
    for personal, pks in data.found.items():
        rows = personal.unlocked(personal.model.objects.filter(pk__in=pks), locked)
        _rows_clear(rows, personal=personal, fields=tuple(field.name for field in personal.fields))


@transaction.atomic
def subject_erase(
    *, subject: Subject, user: Any, request: HttpRequest | None = None
) -> dict[str, int]:
    """Blank everything that could identify ``subject`` and keep the anonymous records (their
    categories and times) for the statistics; an open safeguarding flag keeps its record.
    Returns the counts of the rows found; audited, without the address or number."""
    if not is_administrator(user):
        raise PermissionDenied
    data = subject_data(subject)
    counts = data.counts()
    locked = locked_consultations()
    kept = data.rows(Consultation).filter(pk__in=locked).count()
    _subject_rows_erase(data, locked)
    audit_record(
        actor=user,
        action="delete",
        request=request,
        detail={"data_subject": subject.kind, "counts": counts, "kept_for_safeguarding": kept},
    )
    erasure = Erasure(subject.kind, subject.key, timezone.now())
    transaction.on_commit(lambda: erasure_journal_append(erasure))
    return {**counts, "kept_for_safeguarding": kept}


@transaction.atomic
def subject_erase_replay(*, erasure: Erasure) -> dict[str, int]:
    """Erase again, after a restore of a backup older than ``erasure``, what the journal says
    was erased: the subject is found by its pseudonym (the journal keeps no address)."""
    locked = locked_consultations()
    counts: dict[str, int] = {}
    for subject in subjects_of_key(erasure.kind, erasure.key):
        data = subject_data(subject)
        for name, count in data.counts().items():
            counts[name] = counts.get(name, 0) + count
        _subject_rows_erase(data, locked)
    audit_record(
        actor=None,
        action="delete",
        detail={"data_subject": erasure.kind, "counts": counts, "replayed_from": "journal"},
    )
    return counts
