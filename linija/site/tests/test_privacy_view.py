import pytest

from linija.site.models import Page
from linija.site.tests.html import read

pytestmark = pytest.mark.django_db


def test_it_renders_the_privacy_notice_in_lithuanian(client):
    response = client.get("/privatumas/")

    assert response.status_code == 200
    assert read(response).h1 == ["Privatumo pranešimas"]
    content = response.content.decode()
    assert "Valstybinei duomenų apsaugos inspekcijai (VDAI)" in content
    assert "112" in content


def test_it_renders_the_privacy_notice_in_english(client):
    response = client.get("/en/privatumas/")

    assert read(response).h1 == ["Privacy notice"]
    assert "you don't have to give your name" in response.content.decode()


def test_it_is_linked_from_the_footer_but_not_the_nav(client):
    response = client.get("/")

    assert 'href="/privatumas/"' in response.content.decode()
    assert "/privatumas/" not in [href for href, _ in read(response).nav_links]


def test_it_answers_404_when_the_notice_is_gone(client):
    Page.objects.filter(slug="privatumas").delete()

    assert client.get("/privatumas/").status_code == 404
