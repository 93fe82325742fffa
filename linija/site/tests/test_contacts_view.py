import re
from datetime import time, timedelta

import pytest
from django.utils import timezone

from linija.hours.models import HoursException
from linija.site.models import Page
from linija.site.tests.html import read

pytestmark = pytest.mark.django_db


def test_it_renders_the_contacts_page_with_the_line_details(client, settings):
    settings.LINIJA_PHONE = "+370 800 11 222"
    settings.LINIJA_EMAIL = "pagalba@example.lt"

    response = client.get("/en/kontaktai/")

    assert response.status_code == 200
    assert read(response).h1 == ["Contacts"]
    content = response.content.decode()
    assert '<a class="nowrap" href="tel:+37080011222">+370 800 11 222</a>' in content
    assert '<a class="site-email" href="mailto:pagalba@example.lt">' in content
    assert "Web chat: on this site during opening hours" in content
    assert "you can stay anonymous" in content


def test_it_lists_the_next_seven_days_from_today(client):
    today = timezone.localdate()

    content = client.get("/en/kontaktai/").content.decode()

    days = re.findall(r'<th scope="row"><time datetime="([\d-]+)">', content)
    assert days == [(today + timedelta(days=n)).isoformat() for n in range(7)]


def test_it_shows_a_closure_with_its_reason(client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    HoursException.objects.create(date=tomorrow, closed=True, reason="Darbuotojų mokymai")

    content = client.get("/kontaktai/").content.decode()

    row = content.split(f'<time datetime="{tomorrow.isoformat()}">', 1)[1].split("</tr>", 1)[0]
    assert "(Darbuotojų mokymai)" in row
    assert "12:00" not in row


def test_it_shows_changed_hours(client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    HoursException.objects.create(
        date=tomorrow,
        closed=False,
        opens=time(9, 0),
        closes=time(13, 0),
        reason="Trumpesnė diena",
    )

    content = client.get("/en/kontaktai/").content.decode()

    row = content.split(f'<time datetime="{tomorrow.isoformat()}">', 1)[1].split("</tr>", 1)[0]
    assert "09:00–13:00" in row
    assert "(Trumpesnė diena)" in row


def test_it_answers_404_when_the_contacts_page_is_gone(client):
    Page.objects.filter(slug="kontaktai").delete()

    assert client.get("/kontaktai/").status_code == 404
