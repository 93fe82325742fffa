import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from linija.hours.calendar import VILNIUS
from linija.reports.models import DayTally

tallies_migration = importlib.import_module("linija.reports.migrations.0003_day_tallies")
pytestmark = pytest.mark.django_db


def test_it_leaves_every_day_of_the_records_there_were_stale(march):
    DayTally.objects.all().delete()  # as before the migration
    tallies_migration.stale_from_the_first_record(apps, None)
    days = (timezone.localdate(timezone=VILNIUS) - datetime.date(2025, 3, 1)).days + 1
    assert DayTally.objects.count() == days
    assert DayTally.objects.filter(figures__isnull=True).count() == days
    assert DayTally.objects.first().day == datetime.date(2025, 3, 1)


def test_it_has_no_days_to_count_without_records(db):
    tallies_migration.stale_from_the_first_record(apps, None)
    assert not DayTally.objects.exists()
