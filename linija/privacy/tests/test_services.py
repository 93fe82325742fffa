import datetime

import pytest
from django.db.models import Q

from linija.accounts.models import AuditEntry
from linija.consultations.models import Case, CaseEntry, Consultation, Conversation, Message
from linija.mail.models import Attachment, Letter, OutboxMessage, QuarantinedLetter, private_storage
from linija.phone.models import Call, Callback, CallbackAttempt
from linija.privacy.models import RetentionKind, RetentionRule, SafeguardingFlag
from linija.privacy.services import retention_purge
from linija.reports.builders import report_tables

pytestmark = pytest.mark.django_db

KINDS = set(RetentionKind.values)


def content_left() -> dict[str, int]:
    return {
        "messages": Message.objects.exclude(body="").count(),
        "conversations": Conversation.objects.exclude(
            subject="", contact_name="", contact_address="", caller_key=""
        ).count(),
        "summaries": Consultation.objects.exclude(summary="").count(),
        "keys": Consultation.objects.exclude(caller_key="").count(),
        "letters": Letter.objects.exclude(text="", from_address="", subject="").count(),
        "raw": Letter.objects.exclude(raw="").count(),
        "attachments": Attachment.objects.exclude(file="").count(),
        "outbox": OutboxMessage.objects.exclude(body="").count(),
        "calls": Call.objects.exclude(caller_key="").count(),
        "callbacks": Callback.objects.filter(~Q(phone="") | ~Q(name="")).count(),
        "attempts": CallbackAttempt.objects.exclude(note="").count(),
        "cases": Case.objects.exclude(caller_key="", consent_note="").count(),
        "case_notes": CaseEntry.objects.exclude(note="").count(),
        "safeguarding": SafeguardingFlag.objects.filter(~Q(note="") | ~Q(resolution="")).count(),
    }


def test_it_keeps_every_statistic_while_erasing_the_content(old_data):
    before = report_tables(old_data.report)
    assert any(any(row.values) for table in before for row in table.rows)
    rows = (Consultation.objects.count(), Message.objects.count(), Call.objects.count())
    assert all(content_left().values())

    counts = retention_purge(now=old_data.now, dry_run=False)

    assert report_tables(old_data.report) == before
    assert (Consultation.objects.count(), Message.objects.count(), Call.objects.count()) == rows
    assert set(counts) == KINDS
    assert all(counts[kind] > 0 for kind in KINDS)
    assert not any(content_left().values())


def test_it_deletes_the_files_of_old_letters(old_data, django_capture_on_commit_callbacks):
    names = list(Letter.objects.values_list("raw", flat=True))
    names += list(Attachment.objects.values_list("file", flat=True))
    assert names and all(private_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        retention_purge(now=old_data.now, dry_run=False)

    assert not any(private_storage.exists(name) for name in names)
    assert not Attachment.objects.exclude(filename="").exists()


def test_it_only_counts_on_a_dry_run(old_data, django_capture_on_commit_callbacks):
    left = content_left()
    audits = AuditEntry.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        counts = retention_purge(now=old_data.now, dry_run=True)

    assert counts == retention_purge(now=old_data.now, dry_run=False)
    # The dry run changed nothing and wrote no audit entry; the real purge then wrote one.
    assert content_left() != left
    assert AuditEntry.objects.count() == audits - counts["audit_log"] + 1


def test_it_writes_one_audit_entry_with_the_counts(old_data):
    counts = retention_purge(now=old_data.now, dry_run=False)

    entry = AuditEntry.objects.get()
    assert entry.action == "delete"
    assert entry.actor is None
    assert entry.detail == {"retention_purge": counts}


def test_it_counts_nothing_the_second_time(old_data):
    retention_purge(now=old_data.now, dry_run=False)

    assert retention_purge(now=old_data.now, dry_run=True) == dict.fromkeys(KINDS, 0)


def test_it_keeps_what_is_younger_than_its_period(old_data):
    RetentionRule.objects.update(days=5000)

    counts = retention_purge(now=old_data.now, dry_run=False)

    assert counts == dict.fromkeys(KINDS, 0)
    assert all(content_left().values())


def test_it_follows_the_administrators_period_per_kind(old_data):
    RetentionRule.objects.exclude(kind=RetentionKind.RAW_EMAIL).update(days=5000)
    quarantined = QuarantinedLetter.objects.count()

    counts = retention_purge(now=old_data.now, dry_run=False)

    assert counts[RetentionKind.RAW_EMAIL] == Letter.objects.count() + quarantined
    assert not Letter.objects.exclude(raw="").exists()
    assert not QuarantinedLetter.objects.exists()
    assert Letter.objects.exclude(text="").count() == Letter.objects.count()


def test_it_keeps_the_records_of_an_open_safeguarding_flag(old_data, specialist):
    flagged = Consultation.objects.filter(conversation__channel="email").first()
    SafeguardingFlag.objects.create(consultation=flagged, raised_by=specialist, note="Pavojus")

    retention_purge(now=old_data.now, dry_run=False)

    flagged.refresh_from_db()
    assert flagged.summary and flagged.caller_key
    conversation = flagged.conversation
    assert conversation.contact_address == "ona@example.lt"
    assert not conversation.messages.filter(body="").exists()
    letter = Letter.objects.get(conversation_message__conversation=conversation)
    assert letter.raw and letter.text
    assert Message.objects.exclude(body="").count() == 3


def test_it_erases_a_resolved_flags_records(old_data, specialist):
    flagged = old_data.consultations[0]
    SafeguardingFlag.objects.create(
        consultation=flagged,
        raised_by=specialist,
        note="Pavojus",
        resolved_at=old_data.now - datetime.timedelta(days=1),
        resolution="Perduota VVTAĮT",
    )

    retention_purge(now=old_data.now, dry_run=False)

    flagged.refresh_from_db()
    assert flagged.summary == "" and flagged.caller_key == ""


def test_it_blanks_a_resolved_flags_note_after_its_own_period(old_data, specialist):
    old = SafeguardingFlag.objects.get()
    times = (old.consultation_id, old.raised_at, old.resolved_at, old.raised_by_id)
    recent = SafeguardingFlag.objects.create(
        consultation=old_data.consultations[3],
        note="Vėl skambino",
        resolved_at=old_data.now - datetime.timedelta(days=1000),
        resolution="Perduota",
    )
    still_open = SafeguardingFlag.objects.create(
        consultation=old_data.consultations[4], note="Pavojus"
    )
    SafeguardingFlag.objects.filter(pk=still_open.pk).update(
        raised_at=old_data.now - datetime.timedelta(days=4000)
    )

    counts = retention_purge(now=old_data.now, dry_run=False)

    assert counts[RetentionKind.SAFEGUARDING] == 1
    old.refresh_from_db()
    assert (old.note, old.resolution) == ("", "")
    assert (old.consultation_id, old.raised_at, old.resolved_at, old.raised_by_id) == times
    assert SafeguardingFlag.objects.get(pk=recent.pk).note == "Vėl skambino"
    assert SafeguardingFlag.objects.get(pk=still_open.pk).note == "Pavojus"


def test_it_follows_the_administrators_period_for_safeguarding_notes(old_data):
    RetentionRule.objects.filter(kind=RetentionKind.SAFEGUARDING).update(days=3000)

    counts = retention_purge(now=old_data.now, dry_run=False)

    assert counts[RetentionKind.SAFEGUARDING] == 0
    assert SafeguardingFlag.objects.get().note == "Ona sakė, kad Joną muša"


def test_it_uses_the_default_periods_without_rules(old_data):
    seeded = retention_purge(now=old_data.now, dry_run=True)
    RetentionRule.objects.all().delete()

    assert retention_purge(now=old_data.now, dry_run=True) == seeded


def test_it_seeds_the_default_periods():
    assert dict(RetentionRule.objects.values_list("kind", "days")) == {
        "chat_transcripts": 365,
        "email_bodies": 365,
        "raw_email": 90,
        "phone_data": 365,
        "notes": 730,
        "audit_log": 1825,
        "safeguarding": 1825,
    }
