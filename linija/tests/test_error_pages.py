"""The error pages are the project's own, in the visitor's language (the /en/ prefix), with the
quick exit on public paths; they need neither the database nor a session."""

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path

import linija.urls

TITLES = {
    ("lt", 400): "Užklausa nesuprantama",
    ("en", 400): "The request could not be understood",
    ("lt", 403): "Šis puslapis jums neatviras",
    ("en", 403): "This page is not open to you",
    ("lt", 404): "Puslapis nerastas",
    ("en", 404): "Page not found",
    ("lt", 405): "Šiuo adresu taip neatidaroma",
    ("en", 405): "This address does not open this way",
    ("lt", 500): "Mūsų pusėje kažkas nepavyko",
    ("en", 500): "Something went wrong on our side",
}
PREFIX = {"lt": "", "en": "/en"}
QUICK_EXIT = 'id="quick-exit"'


def boom_view(request) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [
    *linija.urls.i18n_patterns(path("boom/", boom_view), prefix_default_language=False),
    *linija.urls.urlpatterns,
]
handler400 = linija.urls.handler400
handler403 = linija.urls.handler403
handler404 = linija.urls.handler404
handler500 = linija.urls.handler500


@pytest.fixture(autouse=True)
def _production_errors(settings):
    settings.DEBUG = False


def assert_error_page(response, language: str, status: int, *, quick_exit: bool = True):
    assert response.status_code == status
    page = response.content.decode()
    assert f"<h1>{TITLES[language, status]}</h1>" in page
    assert f'<html lang="{language}">' in page
    assert (QUICK_EXIT in page) is quick_exit
    assert "Traceback" not in page and "Django" not in page


@pytest.mark.parametrize("language", ["lt", "en"])
def test_it_answers_a_bad_host_with_its_own_400(client, language):
    response = client.get(f"{PREFIX[language]}/", HTTP_HOST="elsewhere.example")
    assert_error_page(response, language, 400)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_it_answers_a_csrf_failure_with_its_own_403(language):
    response = Client(enforce_csrf_checks=True).post(
        f"{PREFIX[language]}/staff/login/", {"username": "x", "password": "y"}
    )
    assert_error_page(response, language, 403, quick_exit=False)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_it_answers_a_forbidden_staff_page_with_its_own_403(client, outsider, language):
    # Logged in without a staff role: staff pages refuse (a staff member would get the 404 of
    # a supervisor's page).
    client.force_login(outsider)
    response = client.get(f"{PREFIX[language]}/staff/mail/filtered/")
    assert_error_page(response, language, 403, quick_exit=False)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_it_answers_an_unknown_public_address_with_its_own_404(client, db, language):
    response = client.get(f"{PREFIX[language]}/no-such-page/")
    assert_error_page(response, language, 404)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_it_answers_an_unknown_staff_address_with_its_own_404(client, language):
    response = client.get(f"{PREFIX[language]}/staff/no-such-page/")
    assert_error_page(response, language, 404, quick_exit=False)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_it_answers_a_get_on_a_post_only_staff_address_with_its_own_405(
    client, specialist, language
):
    client.force_login(specialist)
    response = client.get(f"{PREFIX[language]}/staff/mail/1/take/")
    assert_error_page(response, language, 405, quick_exit=False)
    assert response["Allow"] == "POST"


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["lt", "en"])
def test_it_answers_a_failing_view_with_its_own_500_without_the_database(language):
    client = Client(raise_request_exception=False)
    response = client.get(f"{PREFIX[language]}/boom/")
    assert_error_page(response, language, 500)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_it_answers_an_unknown_staff_address_with_its_own_404_under_make_run(
    client, specialist, settings, language
):
    settings.DEBUG = True
    client.force_login(specialist)
    assert_error_page(
        client.get(f"{PREFIX[language]}/staff/no-such-page/"), language, 404, quick_exit=False
    )
    assert_error_page(
        client.get(f"{PREFIX[language]}/staff/mail/999999/"), language, 404, quick_exit=False
    )
