import pytest
from django.urls import reverse

from linija.privacy.models import RetentionRule

pytestmark = pytest.mark.django_db


def test_it_lets_the_administrator_change_a_period(administrator_client):
    rule = RetentionRule.objects.get(kind="raw_email")

    response = administrator_client.post(
        reverse("admin:privacy_retentionrule_change", args=[rule.pk]), {"days": "30"}
    )

    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.days == 30


def test_it_refuses_a_period_of_zero_days(administrator_client):
    rule = RetentionRule.objects.get(kind="raw_email")

    response = administrator_client.post(
        reverse("admin:privacy_retentionrule_change", args=[rule.pk]), {"days": "0"}
    )

    assert response.status_code == 200
    rule.refresh_from_db()
    assert rule.days == 90


def test_it_hides_the_periods_from_specialists(specialist_client):
    response = specialist_client.get(reverse("admin:privacy_retentionrule_changelist"))

    assert response.status_code == 302
