import pytest
from django.core.management import call_command

from linija.accounts.models import AuditEntry
from linija.consultations.models import Message

pytestmark = pytest.mark.django_db


def test_it_prints_what_would_go_on_a_dry_run(old_data, capsys):
    left = Message.objects.exclude(body="").count()

    call_command("retention_purge", "--dry-run")

    out = capsys.readouterr().out
    assert "chat_transcripts: " in out and "would be erased" in out
    assert Message.objects.exclude(body="").count() == left
    assert not AuditEntry.objects.filter(action="delete").exists()


def test_it_erases_without_dry_run(old_data, capsys):
    call_command("retention_purge")

    assert " erased" in capsys.readouterr().out
    assert not Message.objects.exclude(body="").exists()
    assert AuditEntry.objects.filter(action="delete").count() == 1
