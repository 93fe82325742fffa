from datetime import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from linija.hours.calendar import VILNIUS

pytestmark = pytest.mark.django_db

URL = "/hours/status.json"


@pytest.fixture
def friday_evening(monkeypatch):
    """Friday 2026-03-27 20:30: closed; it opens on Monday after the spring DST change."""
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 3, 27, 20, 30, tzinfo=VILNIUS))


def test_it_is_mounted_outside_the_language_prefix():
    assert reverse("hours:status") == URL


def test_it_answers_in_the_language_asked_for(client, friday_evening):
    response = client.get(URL, {"lang": "en"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert response.json() == {
        "open": False,
        "text": "Closed — we open on Monday at 12:00",
        "reason": "",
        "closes_at": None,
        "next_opening": "2026-03-30T12:00:00+03:00",
    }
    assert client.get(URL, {"lang": "lt"}).json()["text"] == (
        "Uždaryta — atsidarome pirmadienį 12:00"
    )


def test_it_falls_back_to_the_browsers_language(client, friday_evening):
    response = client.get(URL, headers={"accept-language": "en-GB,en;q=0.8"})
    assert response.json()["text"] == "Closed — we open on Monday at 12:00"
    response = client.get(URL, {"lang": "xx"}, headers={"accept-language": "lt"})
    assert response.json()["text"] == "Uždaryta — atsidarome pirmadienį 12:00"


def test_it_speaks_lithuanian_by_default(client, friday_evening):
    assert client.get(URL).json()["text"] == "Uždaryta — atsidarome pirmadienį 12:00"


def test_it_gives_the_closing_time_while_open(client, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 23, 13, tzinfo=VILNIUS))
    assert client.get(URL, {"lang": "en"}).json() == {
        "open": True,
        "text": "Open until 19:00",
        "reason": "",
        "closes_at": "2026-12-23T19:00:00+02:00",
        "next_opening": None,
    }


def test_it_refuses_writes(client):
    response = client.post(URL)
    assert response.status_code == 405


def test_it_follows_the_language_cookie(client, friday_evening):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(URL).json()["text"] == "Closed — we open on Monday at 12:00"
