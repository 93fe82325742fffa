import datetime

from linija.accounts.models import AuditEntry
from linija.consultations.models import Consultation, Status
from linija.consultations.services import consultation_complete
from linija.consultations.tests.conftest import en_url, local


def edit(client, consultation, data: dict, action: str):
    return client.post(en_url("consultations:edit", pk=consultation.pk), {**data, "action": action})


def test_it_shows_the_record_in_the_form_and_audits_the_view(
    specialist_client, specialist, make_consultation, complete_values
):
    consultation = make_consultation(**complete_values, specialist=specialist)

    response = specialist_client.get(en_url("consultations:edit", pk=consultation.pk))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="{local(complete_values["started_at"])}"' in page
    assert "Save draft" in page and "Save and complete" in page
    assert response.context["form"].instance == consultation
    assert AuditEntry.objects.get().action == "view"


def test_it_saves_a_changed_draft_and_audits_the_changed_fields(
    specialist_client, specialist, make_consultation, complete_post, complete_values
):
    consultation = make_consultation(**complete_values, specialist=specialist)

    response = edit(specialist_client, consultation, {**complete_post, "summary": "New"}, "draft")

    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.summary == "New"
    assert consultation.status == Status.DRAFT
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.detail) == ("change", {"fields": ["summary"]})


def test_it_completes_a_draft(specialist_client, specialist, make_consultation, complete_post):
    consultation = make_consultation(specialist=specialist)

    response = edit(specialist_client, consultation, complete_post, "complete")

    assert response.status_code == 302
    assert "The record is completed." in specialist_client.get(response.url).content.decode()
    consultation.refresh_from_db()
    assert consultation.status == Status.COMPLETED
    assert consultation.topics.count() == 2


def test_it_gives_an_unassigned_draft_to_whoever_completes_it(
    specialist_client, specialist, make_consultation, complete_post
):
    consultation = make_consultation()

    edit(specialist_client, consultation, complete_post, "complete")

    consultation.refresh_from_db()
    assert consultation.specialist == specialist


def test_it_changes_nothing_when_the_input_is_bad(
    specialist_client, specialist, make_consultation, complete_post, complete_values, started
):
    consultation = make_consultation(**complete_values, specialist=specialist, summary="Old")
    data = {
        **complete_post,
        "summary": "New",
        "ended_at": local(started - datetime.timedelta(minutes=1)),
    }

    response = edit(specialist_client, consultation, data, "draft")

    assert response.status_code == 200
    assert "The end cannot be before the start." in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.summary == "Old"
    assert consultation.ended_at == complete_values["ended_at"]
    assert not AuditEntry.objects.exists()


def test_it_keeps_a_completed_record_complete(
    specialist_client, specialist, make_consultation, complete_post, complete_values
):
    consultation = make_consultation(**complete_values, specialist=specialist)
    consultation_complete(consultation=consultation, user=specialist)
    completed_at = Consultation.objects.get().completed_at

    page = specialist_client.get(en_url("consultations:edit", pk=consultation.pk)).content
    response = edit(specialist_client, consultation, {**complete_post, "topics": []}, "save")

    assert "Save changes" in page.decode() and "Save draft" not in page.decode()
    assert response.status_code == 200
    assert "topics" in response.context["form"].errors
    consultation.refresh_from_db()
    assert consultation.topics.count() == 2
    assert consultation.completed_at == completed_at


def test_it_saves_a_change_to_a_completed_record(
    specialist_client, specialist, make_consultation, complete_post, complete_values
):
    consultation = make_consultation(**complete_values, specialist=specialist)
    consultation_complete(consultation=consultation, user=specialist)

    response = edit(specialist_client, consultation, {**complete_post, "summary": "Fixed"}, "save")

    assert response.status_code == 302
    assert "The changes are saved." in specialist_client.get(response.url).content.decode()
    consultation.refresh_from_db()
    assert consultation.summary == "Fixed"
    assert consultation.status == Status.COMPLETED


def test_it_hides_another_specialists_record(
    specialist_client, other_specialist, make_consultation, complete_post
):
    consultation = make_consultation(specialist=other_specialist, summary="Theirs")

    read = specialist_client.get(en_url("consultations:edit", pk=consultation.pk))
    write = edit(specialist_client, consultation, {**complete_post, "summary": "Mine"}, "draft")

    assert (read.status_code, write.status_code) == (404, 404)
    consultation.refresh_from_db()
    assert consultation.summary == "Theirs"
    assert not AuditEntry.objects.exists()


def test_it_sends_an_anonymous_visitor_to_the_login(client, make_consultation):
    consultation = make_consultation()

    response = client.get(en_url("consultations:edit", pk=consultation.pk))

    assert response.status_code == 302
    assert response.url.startswith(en_url("accounts:login"))


def test_it_keeps_a_retired_entry_of_an_old_record_choosable(
    specialist_client, specialist, make_consultation, complete_values
):
    category = complete_values["caller_category"]
    category.active = False
    category.save()
    consultation = make_consultation(**complete_values, specialist=specialist)

    form = specialist_client.get(en_url("consultations:edit", pk=consultation.pk)).context["form"]
    new_form = specialist_client.get(en_url("consultations:create")).context["form"]

    assert category in form.fields["caller_category"].queryset
    assert category not in new_form.fields["caller_category"].queryset
