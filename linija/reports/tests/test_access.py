"""Who may see the reports and their exports."""

import pytest
from django.http import Http404

from linija.reports.access import access_export_job, access_reports
from linija.reports.models import ExportJob

pytestmark = pytest.mark.django_db


def test_it_lets_only_supervisors_and_administrators_see_reports(
    specialist, supervisor, administrator, outsider
):
    access_reports(supervisor)
    access_reports(administrator)
    for user in (specialist, outsider):
        with pytest.raises(Http404):
            access_reports(user)


def test_it_shows_an_export_only_to_the_person_who_asked(supervisor, administrator):
    job = ExportJob.objects.create(user=supervisor, format="xlsx")
    assert access_export_job(user=supervisor, pk=job.pk) == job
    with pytest.raises(Http404):
        access_export_job(user=administrator, pk=job.pk)
