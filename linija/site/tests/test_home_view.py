import pytest

from linija.site.models import Page
from linija.site.tests.html import read

pytestmark = pytest.mark.django_db


def test_it_greets_with_the_line_name_and_who_it_is_for(client):
    response = client.get("/en/")

    assert response.status_code == 200
    assert read(response).h1 == ["Adoption and Foster Care Helpline"]
    content = response.content.decode()
    for who in ("foster carers and guardians", "duty foster carers", "adoptive parents"):
        assert who in content
    assert "you don't have to give your name" in content


def test_it_offers_phone_email_and_chat(client, settings):
    settings.LINIJA_PHONE = "8 800 11 222"
    settings.LINIJA_EMAIL = "pagalba@example.lt"

    content = client.get("/en/").content.decode()

    assert '<a class="button primary" href="tel:880011222">8 800 11 222</a>' in content
    assert 'href="mailto:pagalba@example.lt"' in content
    assert 'href="/en/pokalbis/">Web chat during opening hours</a>' in content
    assert 'href="/en/rasykite/">Write to us here</a>' in content
    assert 'href="/en/perskambinkite/">Ask us to call you back</a>' in content
    assert "coming soon" not in content.lower()


def test_it_links_a_card_to_each_nav_page(client):
    content = client.get("/").content.decode()

    for page in Page.objects.filter(in_nav=True):
        assert f'<h3><a href="/{page.slug}/">{page.title_lt}</a></h3>' in content
    assert '<h3><a href="/privatumas/">' not in content


def test_it_shows_each_card_with_its_first_paragraph(client):
    about = Page.objects.get(slug="apie-mus")

    content = client.get("/").content.decode()

    assert about.summary() in content
    assert about.summary().startswith("Vaikų gerovės centras „Pastogė“ nuo 1995 metų")


def test_it_is_lithuanian_at_the_root(client):
    response = client.get("/")

    assert '<html lang="lt">' in response.content.decode()
    assert ("/apie-linija/", "Apie liniją") in read(response).nav_links
