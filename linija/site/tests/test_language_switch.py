"""The language switch in the header leads to the same page in the other language, both ways,
on every public and staff page (a translated FAQ address included)."""

import html
import re

import pytest
from django.utils import translation

from linija.site.context_processors import path_in_language

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/apie-linija/",
    "/apie-mus/",
    "/kontaktai/",
    "/privatumas/",
    "/duk/",
    "/duk/?q=globa",
    "/pokalbis/",
    "/rasykite/",
    "/perskambinkite/",
    "/staff/login/",
]
STAFF = [
    "/staff/inbox/",
    "/staff/chat/",
    "/staff/chat/board/",
    "/staff/mail/",
    "/staff/consultations/",
    "/staff/consultations/new/",
    "/staff/cases/",
    "/staff/phone/calls/",
    "/staff/phone/callbacks/",
    "/staff/knowledge/",
    "/staff/reports/",
    "/staff/reports/statistics/",
    "/staff/privacy/safeguarding/",
]


def switch(client, path: str, language: str) -> str:
    """Follow the header's link to ``language`` on ``path``; the address it leads to."""
    page = client.get(path, follow=True).content.decode()
    link = re.search(rf'<p class="language">.*?<a href="([^"]*)" hreflang="{language}"', page)
    assert link, f"no link to {language} on {path}"
    answer = client.get(html.unescape(link[1]), follow=True)
    assert answer.status_code == 200, path
    query = answer.request.get("QUERY_STRING")
    return answer.request["PATH_INFO"] + (f"?{query}" if query else "")


@pytest.mark.parametrize("path", PUBLIC)
def test_it_switches_a_public_page_to_english_and_back(client, path):
    assert switch(client, path, "en") == f"/en{path}"
    assert switch(client, f"/en{path}", "lt") == path


@pytest.mark.parametrize("path", STAFF)
def test_it_switches_a_staff_page_to_english_and_back(supervisor_client, path):
    assert switch(supervisor_client, path, "en") == f"/en{path}"
    assert switch(supervisor_client, f"/en{path}", "lt") == path


def test_it_switches_a_faq_article_to_its_translation_with_its_own_address(client):
    assert switch(client, "/duk/kaip-tapti-globeju/", "en") == "/en/duk/becoming-a-foster-carer/"
    assert switch(client, "/en/duk/becoming-a-foster-carer/", "lt") == "/duk/kaip-tapti-globeju/"


def test_it_puts_an_unknown_address_under_the_other_prefix():
    assert path_in_language("/nera-tokio/?a=1", "en") == "/en/nera-tokio/?a=1"
    with translation.override("en"):
        assert path_in_language("/en/nera-tokio/", "lt") == "/nera-tokio/"
