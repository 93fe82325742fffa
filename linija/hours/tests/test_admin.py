from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from linija.hours.models import HoursException

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_it_lists_exceptions_by_date(admin_client):
    HoursException.objects.create(date=date(2026, 5, 14), reason="Staff training")
    response = admin_client.get(reverse("admin:hours_hoursexception_changelist"))
    assert response.status_code == 200
    assert "Staff training" in response.text
    assert response.context["cl"].date_hierarchy == "date"


def test_it_adds_a_closure(admin_client):
    response = admin_client.post(
        reverse("admin:hours_hoursexception_add"),
        {"date": "2026-05-14", "closed": "on", "opens": "", "closes": "", "reason": "Training"},
    )
    assert response.status_code == 302
    assert HoursException.objects.get().reason == "Training"


def test_it_explains_bad_times_and_saves_nothing(admin_client):
    response = admin_client.post(
        reverse("admin:hours_hoursexception_add"),
        {"date": "2026-05-14", "opens": "16:00", "closes": "12:00", "reason": "Training"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "closes": ["The closing time must be after the opening time."]
    }
    assert not HoursException.objects.exists()


def test_it_lists_the_weekly_schedule(admin_client):
    response = admin_client.get(reverse("admin:hours_weeklyhours_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 5
