import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from linija.reports.models import ExportJob, ExportStatus, ProjectPeriod

pytestmark = pytest.mark.django_db


def test_it_seeds_the_project_periods():
    assert list(ProjectPeriod.objects.values_list("name", "start", "end")) == [
        ("ESF 2021–2023", datetime.date(2021, 1, 25), datetime.date(2023, 6, 30)),
        ("Tęstinis projektas nuo 2023-07-01", datetime.date(2023, 7, 1), None),
    ]


def test_it_refuses_a_period_ending_before_it_starts():
    period = ProjectPeriod(name="X", start=datetime.date(2025, 2, 1), end=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        period.full_clean()
    assert "end" in error.value.message_dict
    with pytest.raises(IntegrityError):
        period.save()


def test_it_expires_an_export_a_day_after_it_is_asked(supervisor):
    job = ExportJob.objects.create(user=supervisor, format="xlsx")
    assert job.expires_at - job.created_at == datetime.timedelta(hours=24)
    assert not job.is_ready
    job.status = ExportStatus.DONE
    assert job.is_ready
    job.expires_at = timezone.now()
    assert not job.is_ready
    assert job.content_type.endswith("spreadsheetml.sheet")
