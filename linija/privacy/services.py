from __future__ import annotations

import datetime
import io
import json
import zipfile
from typing import Any

from django.conf import settings
from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linija.accounts.models import AuditEntry
from linija.accounts.selectors import is_administrator, is_supervisor
from linija.accounts.services import audit_record
from linija.consultations.models import (
    Case,
    CaseEntry,
    Channel,
    Consultation,
    Conversation,
    Direction,
    Message,
)
from linija.inbox.live import staff_broadcast
from linija.mail.models import Acknowledgement, Attachment, Letter, OutboxMessage, private_storage
from linija.mail.services import outbox_add
from linija.phone.models import Call, Callback, CallbackAttempt
from linija.privacy.models import RetentionKind, RevealReason, SafeguardingFlag
from linija.privacy.retention import blank, files_delete_on_commit, purgers
from linija.privacy.selectors import (
    locked_consultations,
    open_flags_of,
    retention_periods,
    supervisor_addresses,
)
from linija.privacy.subjects import Subject, SubjectData, subject_data


@transaction.atomic
def retention_purge(*, now: datetime.datetime, dry_run: bool) -> dict[str, int]:
    """Blank every kind of content older than its retention period, except what an open
    safeguarding flag holds; return how many rows of each kind went (or, with ``dry_run``,
    would go). A real purge writes one audit entry with the counts."""
    periods = retention_periods()
    locked = locked_consultations()
    registered = purgers()
    counts = {}
    for kind in RetentionKind.values:
        before = now - datetime.timedelta(days=periods[kind])
        counts[kind] = sum(
            purge(kind=kind, before=before, locked=locked, dry_run=dry_run)
            for purge in registered.get(kind, [])
        )
    if not dry_run:
        audit_record(actor=None, action="delete", detail={"retention_purge": counts})
    return counts


def audit_log_purge(
    *, kind: str, before: datetime.datetime, locked: QuerySet, dry_run: bool
) -> int:
    """Delete the audit entries older than ``before``, except those about a locked
    consultation.

    The audit log is append-only (``AuditEntry.objects`` refuses ``delete()``): the retention
    period is the one way entries go, and this is the one place that deletes them, through
    ``_raw_delete`` which bypasses the guard.
    """
    locked_ids = [str(pk) for pk in locked.values_list("consultation_id", flat=True)]
    old = AuditEntry.objects.filter(at__lt=before).exclude(
        object_type="consultations.consultation", object_id__in=locked_ids
    )
    return old.count() if dry_run else old._raw_delete(old.db)


def safeguarding_purge(
    *, kind: str, before: datetime.datetime, locked: QuerySet, dry_run: bool
) -> int:
    """Blank the note and resolution of the flags resolved before ``before``; the flag, its
    record and its times stay for the statistics, and an open flag is never touched."""
    old = (
        SafeguardingFlag.objects.filter(resolved_at__lt=before)
        .exclude(consultation__in=locked)
        .filter(~Q(note="") | ~Q(resolution=""))
    )
    return blank(old, dry_run=dry_run, note="", resolution="")


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
    """One ZIP of everything held about ``subject``: ``data.json`` (every row found), the
    original letters as .eml files and the chat transcripts as text. Audited, without the
    address or number itself."""
    data = subject_data(subject)
    rows = {
        name: serializers.serialize("python", getattr(data, name))
        for name in data.__dataclass_fields__
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        document = {"subject": {"kind": subject.kind, "value": subject.value}, **rows}
        archive.writestr("data.json", json.dumps(document, cls=DjangoJSONEncoder, indent=2))
        for letter in data.letters.exclude(raw=""):
            with private_storage.open(letter.raw.name) as raw:
                archive.writestr(f"letters/{letter.pk}.eml", raw.read())
        for conversation in data.conversations.filter(channel=Channel.CHAT):
            transcript = _transcript(data.messages.filter(conversation=conversation))
            archive.writestr(f"chats/{conversation.pk}.txt", transcript)
    audit_record(
        actor=user,
        action="export",
        request=request,
        detail={"data_subject": subject.kind, "counts": data.counts()},
    )
    return buffer.getvalue()


def _pks(queryset: QuerySet) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


def _subject_erase_rows(data: SubjectData, locked: QuerySet) -> None:
    """Blank the rows of ``data`` outside ``locked``; every set of rows is fixed first, since
    blanking the keys and addresses changes what ``data``'s queries find."""
    conversations = _pks(data.conversations.exclude(consultation__in=locked))
    consultations = _pks(data.consultations.exclude(pk__in=locked))
    letters = Letter.objects.filter(
        pk__in=_pks(
            data.letters.exclude(conversation_message__conversation__consultation__in=locked)
        )
    )
    outbox = OutboxMessage.objects.filter(
        pk__in=_pks(data.outbox.exclude(conversation__consultation__in=locked))
    )
    callbacks = Callback.objects.filter(
        pk__in=_pks(data.callbacks.exclude(consultation__in=locked))
    )
    calls = Call.objects.filter(pk__in=_pks(data.calls.exclude(consultation__in=locked)))
    cases = Case.objects.filter(pk__in=_pks(data.cases.exclude(entries__consultation__in=locked)))
    acknowledgements = _pks(data.acknowledgements)
    attachments = Attachment.objects.filter(Q(letter__in=letters) | Q(outbox__in=outbox))
    files_delete_on_commit(private_storage, letters.values_list("raw", flat=True))
    files_delete_on_commit(private_storage, attachments.values_list("file", flat=True))
    attachments.update(filename="", file="")
    letters.update(
        **dict.fromkeys(["from_address", "from_name", "reply_to", "to", "cc"], ""),
        **dict.fromkeys(["subject", "text", "html", "raw"], ""),
    )
    outbox.update(to=[], cc=[], subject="", body="", html="")
    Message.objects.filter(conversation__in=conversations).update(body="")
    Conversation.objects.filter(pk__in=conversations).update(
        subject="", contact_name="", contact_address="", caller_key=""
    )
    Consultation.objects.filter(pk__in=consultations).update(summary="", caller_key="")
    SafeguardingFlag.objects.filter(consultation__in=consultations).update(note="", resolution="")
    CallbackAttempt.objects.filter(callback__in=callbacks).update(note="")
    callbacks.update(caller_key="", phone="", name="")
    calls.update(caller_key="")
    CaseEntry.objects.filter(case__in=cases).update(note="")
    cases.update(caller_key="", consent_note="")
    Acknowledgement.objects.filter(pk__in=acknowledgements).delete()


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
    kept = data.consultations.filter(pk__in=locked).count()
    _subject_erase_rows(data, locked)
    audit_record(
        actor=user,
        action="delete",
        request=request,
        detail={"data_subject": subject.kind, "counts": counts, "kept_for_safeguarding": kept},
    )
    return {**counts, "kept_for_safeguarding": kept}
