"""A model declares what it holds about a person once: a throwaway model with identifying
fields and a ``personal`` declaration is purged, exported and erased with no other edit."""

import datetime
import io
import json
import zipfile

import pytest
from django.apps import apps
from django.db import connection, models
from django.utils import timezone

from linija.consultations.models import Consultation
from linija.privacy.fields import identifying
from linija.privacy.models import RetentionKind, SafeguardingFlag
from linija.privacy.personal import Personal, declared, of_consultation
from linija.privacy.pseudonyms import pseudonym
from linija.privacy.services import retention_purge, subject_erase, subject_export
from linija.privacy.subjects import Subject, subject_data

PHONE = "+37061234567"


@pytest.fixture
def diary(transactional_db):
    """A model that exists only in this test: its table is made and dropped here, so it ships
    no migration."""

    class Diary(models.Model):
        at = models.DateTimeField()
        record = models.IntegerField(null=True)
        caller_key = identifying(models.CharField(max_length=64, blank=True))
        text = identifying(models.TextField(blank=True))
        personal = Personal(
            age="at", kind=RetentionKind.NOTES, lock=of_consultation("record"), key="caller_key"
        )

        class Meta:
            app_label = "privacy"

        def __str__(self) -> str:
            return f"#{self.pk}"

    with connection.schema_editor() as editor:
        editor.create_model(Diary)
    yield Diary
    with connection.schema_editor() as editor:
        editor.delete_model(Diary)
    del apps.all_models["privacy"]["diary"]
    apps.clear_cache()


def test_it_purges_a_new_models_identifying_fields_past_their_period(diary):
    now = timezone.now()
    old = now - datetime.timedelta(days=1000)
    flagged = Consultation.objects.create(channel="phone", started_at=old)
    SafeguardingFlag.objects.create(consultation=flagged, note="Pavojus")
    gone = diary.objects.create(at=old, caller_key="k" * 64, text="Ona")
    locked = diary.objects.create(at=old, caller_key="k" * 64, text="Ona", record=flagged.pk)
    young = diary.objects.create(at=now, caller_key="k" * 64, text="Ona")
    assert diary.personal in declared()

    counts = retention_purge(now=now, dry_run=False)

    assert counts[RetentionKind.NOTES] == 1
    assert diary.objects.values("caller_key", "text").get(pk=gone.pk) == {
        "caller_key": "",
        "text": "",
    }
    assert diary.objects.get(pk=locked.pk).text == "Ona"
    assert diary.objects.get(pk=young.pk).caller_key == "k" * 64
    assert retention_purge(now=now, dry_run=True)[RetentionKind.NOTES] == 0


def test_it_exports_and_erases_a_new_models_rows_of_a_person(
    diary, administrator, settings, tmp_path
):
    settings.LINIJA_ERASURE_JOURNAL = tmp_path / "erasures.jsonl"
    hers = diary.objects.create(at=timezone.now(), caller_key=pseudonym("phone", PHONE), text="Ona")
    other = diary.objects.create(at=timezone.now(), caller_key="k" * 64, text="Petras")
    subject = Subject.of(PHONE)
    assert subject_data(subject).counts()["privacy.diary"] == 1

    archive = zipfile.ZipFile(io.BytesIO(subject_export(subject=subject, user=administrator)))
    rows = json.loads(archive.read("data.json"))["privacy.diary"]
    assert [row["fields"]["text"] for row in rows] == ["Ona"]

    subject_erase(subject=subject, user=administrator)

    hers.refresh_from_db()
    assert (hers.caller_key, hers.text) == ("", "")
    assert diary.objects.get(pk=other.pk).text == "Petras"
