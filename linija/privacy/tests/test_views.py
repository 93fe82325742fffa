import pytest
from django.urls import reverse
from django.utils import timezone

from linija.accounts.models import AuditEntry
from linija.consultations.models import Consultation
from linija.consultations.services import conversation_open
from linija.privacy.models import SafeguardingFlag

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(specialist):
    return Consultation.objects.create(
        channel="phone", started_at=timezone.now(), specialist=specialist
    )


@pytest.fixture
def flag(consultation, specialist):
    return SafeguardingFlag.objects.create(
        consultation=consultation, raised_by=specialist, note="Vaikas <b>mušamas</b>"
    )


def test_it_offers_the_flag_on_the_record_page(specialist_client, consultation):
    response = specialist_client.get(reverse("consultations:detail", args=[consultation.pk]))

    assert reverse("privacy:safeguarding_raise", args=[consultation.pk]) in response.text


def test_it_raises_a_flag_from_the_record_page(specialist_client, consultation):
    url = reverse("privacy:safeguarding_raise", args=[consultation.pk])

    response = specialist_client.post(url, {"note": "Vaikas mušamas"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("consultations:detail", args=[consultation.pk])
    assert SafeguardingFlag.objects.get().consultation == consultation
    # The form gives way to the flag's notice.
    assert url not in response.text


def test_it_refuses_an_empty_note_with_a_message(specialist_client, consultation):
    url = reverse("privacy:safeguarding_raise", args=[consultation.pk])

    response = specialist_client.post(url, {"note": "  "})

    assert response.status_code == 200
    assert 'class="errorlist' in response.text
    assert not SafeguardingFlag.objects.exists()


def test_it_hides_another_specialists_record(client, other_specialist, consultation):
    client.force_login(other_specialist)

    response = client.post(
        reverse("privacy:safeguarding_raise", args=[consultation.pk]), {"note": "x"}
    )

    assert response.status_code == 404
    assert not SafeguardingFlag.objects.exists()


def test_it_lists_the_flags_for_supervisors_escaped(supervisor_client, flag):
    response = supervisor_client.get(reverse("privacy:safeguarding_list"))

    assert response.status_code == 200
    assert "Vaikas &lt;b&gt;mušamas&lt;/b&gt;" in response.text
    assert reverse("privacy:safeguarding_resolve", args=[flag.pk]) in response.text


def test_it_hides_the_list_from_specialists(specialist_client, flag):
    assert specialist_client.get(reverse("privacy:safeguarding_list")).status_code == 404
    url = reverse("privacy:safeguarding_resolve", args=[flag.pk])
    assert specialist_client.post(url, {"resolution": "x"}).status_code == 404
    flag.refresh_from_db()
    assert flag.is_open


def test_it_resolves_a_flag(supervisor_client, supervisor, flag):
    url = reverse("privacy:safeguarding_resolve", args=[flag.pk])

    response = supervisor_client.post(url, {"resolution": "Pranešta VVTAĮT"})

    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.resolved_by == supervisor and not flag.is_open


def test_it_refuses_an_empty_resolution(supervisor_client, flag):
    url = reverse("privacy:safeguarding_resolve", args=[flag.pk])

    response = supervisor_client.post(url, {"resolution": ""})

    assert response.status_code == 200
    flag.refresh_from_db()
    assert flag.is_open


def test_it_shows_the_contact_once_for_a_reason(client, specialist):
    conversation = conversation_open(
        channel="email", contact_name="Ona", contact_address="ona@example.lt"
    )
    client.force_login(specialist)
    url = reverse("privacy:contact_reveal", args=[conversation.consultation.pk])

    refused = client.post(url, {"reason": ""})
    shown = client.post(url, {"reason": "Reikia perskambinti"})

    assert refused.status_code == 400 and "ona@example.lt" not in refused.text
    assert shown.status_code == 200 and "ona@example.lt" in shown.text
    assert shown.headers["Cache-Control"] == "private, no-store"
    assert AuditEntry.objects.get(action="view", actor=specialist).detail["reason"] == (
        "Reikia perskambinti"
    )


def test_it_reveals_only_by_post(specialist_client, consultation):
    url = reverse("privacy:contact_reveal", args=[consultation.pk])

    assert specialist_client.get(url).status_code == 405
