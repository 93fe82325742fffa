import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from linija.site.models import Page
from linija.site.tests.files import PDF_BYTES
from linija.site.tests.html import read

pytestmark = pytest.mark.django_db

SEEDED = ["apie-linija", "apie-mus", "kokybe", "parama", "kontaktai", "privatumas"]


@pytest.mark.parametrize("slug", SEEDED)
def test_it_renders_each_seeded_page_in_lithuanian(client, slug):
    page = Page.objects.get(slug=slug)

    response = client.get(f"/{slug}/")

    assert response.status_code == 200
    assert read(response).h1 == [page.title_lt]
    assert '<html lang="lt">' in response.content.decode()


@pytest.mark.parametrize("slug", SEEDED)
def test_it_renders_each_seeded_page_in_english(client, slug):
    page = Page.objects.get(slug=slug)

    response = client.get(f"/en/{slug}/")

    assert response.status_code == 200
    assert read(response).h1 == [page.title_en]
    assert "available in Lithuanian only" not in response.content.decode()


def test_it_renders_the_body_as_sanitised_html(client):
    Page.objects.create(
        slug="bandymas", title_lt="Bandymas", body_lt="## Poskyris\n\n<script>alert(1)</script>"
    )

    content = client.get("/bandymas/").content.decode()

    assert "<h2>Poskyris</h2>" in content
    assert "alert(1)" not in content


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_it_answers_404_for_an_unknown_slug(client, prefix):
    response = client.get(f"{prefix}/tokio-nera/")

    assert response.status_code == 404


def test_it_notes_a_lithuanian_only_page_in_english(client):
    Page.objects.create(slug="tik-lt", title_lt="Tik lietuviškai", body_lt="Tekstas lietuviškai.")

    response = client.get("/en/tik-lt/")

    content = response.content.decode()
    assert "This page is available in Lithuanian only." in content
    assert '<div class="prose" lang="lt">' in content
    assert "Tekstas lietuviškai." in content


def test_it_lists_nav_pages_in_order(client):
    Page.objects.filter(slug="kontaktai").update(order=1)

    links = read(client.get("/apie-mus/")).nav_links

    expected = [page.get_absolute_url() for page in Page.objects.filter(in_nav=True)]
    assert [href for href, _ in links[1 : 1 + len(expected)]] == expected
    assert links[1] == ("/kontaktai/", "Kontaktai")
    assert "/privatumas/" not in [href for href, _ in links]


def test_it_lists_english_nav_titles_in_english(client):
    links = read(client.get("/en/apie-mus/")).nav_links

    assert ("/en/apie-linija/", "About the line") in links
    assert ("/en/parama/", "Support us") in links


def test_it_offers_the_attachment_for_download(client, media_root):
    page = Page.objects.get(slug="kokybe")
    page.attachment = SimpleUploadedFile("equass.pdf", PDF_BYTES)
    page.save()

    lithuanian = client.get("/kokybe/").content.decode()
    english = client.get("/en/kokybe/").content.decode()

    assert f'href="{page.attachment.url}" download>EQUASS sertifikatas (PDF)</a>' in lithuanian
    assert f'href="{page.attachment.url}" download>EQUASS certificate (PDF)</a>' in english


def test_it_offers_no_download_without_an_attachment(client):
    content = client.get("/kokybe/").content.decode()

    assert " download>" not in content
    assert "EQUASS sertifikatas (PDF)" not in content
