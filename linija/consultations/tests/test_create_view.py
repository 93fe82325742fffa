import datetime
import re
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from linija.accounts.models import AuditEntry
from linija.consultations.models import Consultation, Outcome, Status, Topic
from linija.consultations.tests.conftest import en_url, local


def post(client, data: dict, action: str):
    return client.post(en_url("consultations:create"), {**data, "action": action})


def test_it_saves_a_valid_draft(specialist_client, specialist, complete_post):
    response = post(specialist_client, complete_post, "draft")

    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response.url == en_url("consultations:detail", pk=consultation.pk)
    assert "The draft is saved." in specialist_client.get(response.url).content.decode()
    assert consultation.status == Status.DRAFT
    assert consultation.specialist == specialist
    assert consultation.summary == "Asked about the age limits."
    assert consultation.topics.count() == 2
    assert AuditEntry.objects.filter(action="create").count() == 1


def test_it_saves_a_draft_that_is_not_yet_complete(specialist_client, complete_post):
    data = {**complete_post, "ended_at": "", "topics": [], "outcome": "", "caller_category": ""}

    response = post(specialist_client, data, "draft")

    assert response.status_code == 302
    assert Consultation.objects.get().status == Status.DRAFT


def test_it_saves_and_completes_a_full_record(specialist_client, complete_post):
    response = post(specialist_client, complete_post, "complete")

    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert consultation.status == Status.COMPLETED
    assert consultation.completed_at is not None
    assert consultation.talk_seconds == 12 * 60 + 5


def test_it_reads_the_times_in_vilnius_time(specialist_client, complete_post):
    post(specialist_client, {**complete_post, "started_at": "2024-07-01T12:00:00"}, "draft")

    started = Consultation.objects.get().started_at
    assert started == datetime.datetime(2024, 7, 1, 9, 0, tzinfo=datetime.UTC)


def test_it_shows_an_end_before_the_start_and_saves_nothing(
    specialist_client, complete_post, started
):
    data = {**complete_post, "ended_at": local(started - datetime.timedelta(minutes=5))}

    response = post(specialist_client, data, "draft")

    assert response.status_code == 200
    assert "The end cannot be before the start." in response.content.decode()
    assert not Consultation.objects.exists()
    assert not AuditEntry.objects.filter(action="create").exists()


def test_it_names_every_missing_field_on_completion_and_saves_nothing(
    specialist_client, complete_post
):
    data = {**complete_post, "ended_at": "", "topics": [], "outcome": "", "contact_order": ""}

    response = post(specialist_client, data, "complete")

    page = response.content.decode()
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {
        "ended_at",
        "topics",
        "outcome",
        "contact_order",
    }
    summary = re.search(r'<div class="errors" role="alert".*?</div>', page, re.S).group(0)
    for label in ("Ended", "Topics", "Outcome", "First or repeat contact"):
        assert f"{label}: Needed to complete the record." in summary
    assert 'href="#id_topics"' in summary
    assert not Consultation.objects.exists()


def test_it_asks_for_the_referral_target_of_a_referral(specialist_client, complete_post):
    data = {**complete_post, "outcome": Outcome.objects.get(code="referred").pk}

    response = post(specialist_client, data, "draft")

    assert "Choose where the person was referred." in response.content.decode()
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("started_at", "yesterday"), ("channel", "fax"), ("topics", "99999")],
)
def test_it_refuses_malformed_input(specialist_client, complete_post, field, value):
    response = post(specialist_client, {**complete_post, field: value}, "draft")

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Consultation.objects.exists()


def test_it_refuses_a_start_in_the_future(specialist_client, complete_post):
    later = timezone.now() + datetime.timedelta(hours=1)
    data = {**complete_post, "started_at": local(later), "ended_at": ""}

    response = post(specialist_client, data, "draft")

    assert "The start cannot be in the future." in response.content.decode()
    assert not Consultation.objects.exists()


def test_it_groups_the_topics_under_their_top_level_topic(specialist_client):
    page = specialist_client.get(en_url("consultations:create")).content.decode()

    group = re.search(
        r"<legend>Becoming a foster carer</legend>(.*?)</fieldset>", page, re.S
    ).group(1)
    assert "Who can become a carer (eligibility)" in group
    assert "Kinship care" in group
    assert "Help money" not in group
    assert 'type="checkbox" name="topics"' in group
    assert "<legend>Becoming a foster carer</legend>" in page
    assert 'type="datetime-local" name="started_at"' in page


def test_it_offers_only_active_topics(specialist_client):
    Topic.objects.filter(code="hosting").update(active=False)

    page = specialist_client.get(en_url("consultations:create")).content.decode()

    assert "Respite" in page
    assert "Hosting" not in page


def test_it_prefills_a_new_record_from_the_address(specialist_client):
    query = urlencode(
        {
            "channel": "chat",
            "started_at": "2024-07-01T12:00:00+03:00",
            "caller_category": "prospective",
            "topics": ["eligibility", "no-such-topic"],
            "ended_at": "not a time",
        },
        doseq=True,
    )

    response = specialist_client.get(f"{en_url('consultations:create')}?{query}")

    form = response.context["form"]
    assert form["channel"].value() == "chat"
    assert form.initial["caller_category"].code == "prospective"
    assert form.initial["started_at"] == datetime.datetime(2024, 7, 1, 9, tzinfo=datetime.UTC)
    assert "ended_at" not in form.initial
    assert "topics" not in form.initial
    assert 'value="2024-07-01T12:00:00"' in response.content.decode()


def test_it_prefills_valid_topics(specialist_client):
    response = specialist_client.get(
        f"{en_url('consultations:create')}?topics=eligibility&topics=respite"
    )

    topics = response.context["form"].initial["topics"]
    assert {topic.code for topic in topics} == {"eligibility", "respite"}


def test_it_starts_a_new_phone_record_now(specialist_client):
    form = specialist_client.get(en_url("consultations:create")).context["form"]

    assert form.initial["channel"] == "phone"
    assert timezone.now() - form.initial["started_at"] < datetime.timedelta(seconds=5)


def test_it_turns_away_a_user_without_a_staff_role(outsider_client, complete_post):
    response = post(outsider_client, complete_post, "draft")

    assert response.status_code == 403
    assert not Consultation.objects.exists()


def test_it_sends_an_anonymous_visitor_to_the_login(client, complete_post):
    response = post(client, complete_post, "draft")

    assert response.status_code == 302
    assert response.url.startswith(en_url("accounts:login"))
    assert not Consultation.objects.exists()
