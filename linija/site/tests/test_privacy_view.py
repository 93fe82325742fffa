import pytest
from django.utils import translation

from linija.privacy.models import RetentionKind, RetentionRule
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


def test_it_states_each_retention_period_as_set_now(client):
    RetentionRule.objects.update_or_create(
        kind=RetentionKind.CHAT_TRANSCRIPTS, defaults={"days": 42}
    )

    english = client.get("/en/privatumas/").content.decode()
    lithuanian = client.get("/privatumas/").content.decode()

    section = english[english.index('id="retention-periods"') :]
    with translation.override("en"):
        assert all(str(kind.label) in section for kind in RetentionKind)
    assert 'Chat transcripts</th>\n        <td class="nowrap">42 days</td>' in section
    assert 'E-mail texts and attachments</th>\n        <td class="nowrap">365 days' in section
    assert (
        'Audit log</th>\n        <td class="nowrap">1825 days</td>\n        <td>Administrators'
        in section
    )
    assert "the audit log records who it was and when" in section
    assert "42 dienos" in lithuanian


def test_it_shows_a_new_period_once_the_administrator_changes_it(client):
    RetentionRule.objects.update_or_create(kind=RetentionKind.RAW_EMAIL, defaults={"days": 90})
    assert "90 days" in client.get("/en/privatumas/").content.decode()

    RetentionRule.objects.filter(kind=RetentionKind.RAW_EMAIL).update(days=31)

    page = client.get("/en/privatumas/").content.decode()
    assert 'Original e-mail files (.eml)</th>\n        <td class="nowrap">31 days' in page
