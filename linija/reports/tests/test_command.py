import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from linija.consultations.models import Consultation
from linija.hours.calendar import VILNIUS
from linija.reports.builders import report_tables
from linija.reports.filters import ReportFilter
from linija.reports.models import DayTally

pytestmark = pytest.mark.django_db


def test_it_counts_every_day_again_after_a_load_past_the_application(march, capsys):
    call_command("report_tallies")
    march_filter = ReportFilter(start=datetime.date(2025, 3, 1), end=datetime.date(2025, 3, 31))
    Consultation.objects.update(channel="email")  # as a bulk load would: no day made stale
    assert report_tables(march_filter) != report_tables(march_filter, tallied=False)

    call_command("report_tallies", "--all")
    output = capsys.readouterr().out
    days = (timezone.localdate(timezone=VILNIUS) - datetime.date(2025, 3, 1)).days + 1
    assert DayTally.objects.count() == days
    assert f"{days}" in output and "(100%)" in output
    assert not DayTally.objects.filter(figures__isnull=True).exists()
    assert report_tables(march_filter) == report_tables(march_filter, tallied=False)
