import pytest
from django.urls import reverse
from django.utils import timezone

from linija.accounts.models import AuditEntry
from linija.consultations.models import Consultation, Topic
from linija.consultations.services import conversation_open, message_add


@pytest.fixture
def admin_post(complete_post, complete_values):
    """The record as the admin posts it: date and time in separate inputs."""
    data = {key: value for key, value in complete_post.items() if not key.endswith("_at")}
    for name in ("started_at", "ended_at"):
        moment = timezone.localtime(complete_values[name])
        data[f"{name}_0"] = f"{moment:%Y-%m-%d}"
        data[f"{name}_1"] = f"{moment:%H:%M:%S}"
    return data


@pytest.fixture
def administrator_client(administrator_client, administrator):
    """The administrator, let into the admin site."""
    administrator.is_staff = True
    administrator.save()
    return administrator_client


def test_it_lets_the_administrator_edit_topics_in_the_list(administrator_client):
    topic = Topic.objects.get(code="hosting")
    url = reverse("admin:consultations_topic_changelist")

    page = administrator_client.get(url, {"q": "hosting"})

    assert page.status_code == 200
    assert 'name="form-0-order"' in page.content.decode()
    assert topic.name_lt in page.content.decode()


def test_it_audits_opening_a_consultation_in_the_admin(administrator_client, make_consultation):
    consultation = make_consultation(summary="Secret")

    response = administrator_client.get(
        reverse("admin:consultations_consultation_change", args=[consultation.pk])
    )

    assert response.status_code == 200
    assert AuditEntry.objects.get().action == "view"


def test_it_changes_a_record_in_the_admin_through_the_service(
    administrator_client, administrator, make_consultation, admin_post, specialist
):
    consultation = make_consultation()
    url = reverse("admin:consultations_consultation_change", args=[consultation.pk])

    response = administrator_client.post(
        url, {**admin_post, "specialist": specialist.pk, "summary": "Checked"}
    )

    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.summary == "Checked"
    assert consultation.specialist == specialist
    assert consultation.topics.count() == 2
    assert AuditEntry.objects.filter(action="change", actor=administrator).count() == 1


def test_it_keeps_a_completed_record_complete_in_the_admin(
    administrator_client, make_consultation, complete_values, admin_post
):
    consultation = make_consultation(**complete_values, status="completed")
    url = reverse("admin:consultations_consultation_change", args=[consultation.pk])

    response = administrator_client.post(url, {**admin_post, "topics": []})

    assert response.status_code == 200
    assert "topics" in response.context["adminform"].form.errors
    assert Consultation.objects.get().topics.count() == 2


def test_it_shows_the_messages_of_a_conversation_read_only(administrator_client):
    conversation = conversation_open(channel="chat")
    message_add(conversation=conversation, direction="in", body="Ar galiu tapti globėja?")

    response = administrator_client.get(
        reverse("admin:consultations_conversation_change", args=[conversation.pk])
    )

    page = response.content.decode()
    assert "Ar galiu tapti globėja?" in page
    assert 'name="messages-0-body"' not in page
    assert (
        administrator_client.get(reverse("admin:consultations_conversation_add")).status_code == 403
    )


def test_it_keeps_specialists_out_of_the_admin_changelists(specialist_client):
    response = specialist_client.get(reverse("admin:consultations_consultation_changelist"))

    assert response.status_code == 302
