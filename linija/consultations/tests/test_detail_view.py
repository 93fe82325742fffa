import datetime

from linija.accounts.models import AuditEntry
from linija.consultations.models import Status, Topic
from linija.consultations.tests.conftest import en_url


def test_it_shows_the_record_and_audits_the_view(
    specialist_client, specialist, make_consultation, complete_values, started
):
    consultation = make_consultation(
        **complete_values,
        specialist=specialist,
        summary="Asked about the age limits.",
        completed_at=complete_values["ended_at"] + datetime.timedelta(minutes=2, seconds=30),
        status=Status.COMPLETED,
    )

    response = specialist_client.get(
        en_url("consultations:detail", pk=consultation.pk), REMOTE_ADDR="192.0.2.9"
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Asked about the age limits." in page
    assert "Becoming a foster carer › Documents and application" in page
    assert "Prospective carer or adopter" in page
    assert "12:05" in page
    assert "2:30" in page
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id) == (
        "view",
        specialist,
        str(consultation.pk),
    )
    assert entry.ip_address == "192.0.2.9"


def test_it_lists_what_a_draft_still_needs(specialist_client, specialist, make_consultation):
    consultation = make_consultation(specialist=specialist)

    page = specialist_client.get(en_url("consultations:detail", pk=consultation.pk)).content

    assert "Still needed to complete the record" in page.decode()
    assert "First or repeat contact" in page.decode()


def test_it_flags_a_safeguarding_concern(specialist_client, specialist, make_consultation):
    consultation = make_consultation(
        specialist=specialist, topics=[Topic.objects.get(code="safeguarding")]
    )

    page = specialist_client.get(en_url("consultations:detail", pk=consultation.pk)).content

    assert '<span class="badge warn">Safeguarding concern</span>' in page.decode()


def test_it_hides_another_specialists_record(
    specialist_client, other_specialist, make_consultation
):
    consultation = make_consultation(specialist=other_specialist, summary="Their secret")

    response = specialist_client.get(en_url("consultations:detail", pk=consultation.pk))

    assert response.status_code == 404
    assert "Their secret" not in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_it_answers_a_missing_record_alike(specialist_client):
    response = specialist_client.get(en_url("consultations:detail", pk=4242))

    assert response.status_code == 404
    assert not AuditEntry.objects.exists()


def test_it_shows_a_supervisor_any_record(supervisor_client, other_specialist, make_consultation):
    consultation = make_consultation(specialist=other_specialist)

    response = supervisor_client.get(en_url("consultations:detail", pk=consultation.pk))

    assert response.status_code == 200


def test_it_turns_away_a_user_without_a_staff_role(outsider_client, make_consultation):
    consultation = make_consultation()

    response = outsider_client.get(en_url("consultations:detail", pk=consultation.pk))

    assert response.status_code == 403
    assert not AuditEntry.objects.exists()
