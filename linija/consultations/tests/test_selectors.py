import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from linija.consultations.models import CallerCategory, Status, Topic
from linija.consultations.selectors import (
    access_consultation,
    consultation_list,
    consultations_visible_to,
    consultations_wrapup_due,
    taxonomy_choices,
    topic_choices,
)


@pytest.fixture
def records(make_consultation, specialist, other_specialist):
    return {
        "own": make_consultation(specialist=specialist),
        "unassigned": make_consultation(),
        "other": make_consultation(specialist=other_specialist),
    }


def test_it_shows_a_specialist_their_own_and_unassigned_records(specialist, records):
    visible = set(consultations_visible_to(specialist))

    assert visible == {records["own"], records["unassigned"]}


def test_it_lets_a_specialist_open_their_own_record(specialist, records):
    assert access_consultation(user=specialist, pk=records["own"].pk) == records["own"]


def test_it_hides_another_specialists_record_like_a_missing_one(specialist, records):
    with pytest.raises(Http404):
        access_consultation(user=specialist, pk=records["other"].pk)
    with pytest.raises(Http404):
        access_consultation(user=specialist, pk=records["other"].pk + 1000)


@pytest.mark.parametrize("role", ["supervisor", "administrator"])
def test_it_shows_supervisors_and_administrators_every_record(request, role, records):
    user = request.getfixturevalue(role)

    assert set(consultations_visible_to(user)) == set(records.values())
    assert access_consultation(user=user, pk=records["other"].pk) == records["other"]


def test_it_shows_an_outsider_nothing(outsider, records):
    assert not consultations_visible_to(outsider).exists()
    assert not consultations_visible_to(AnonymousUser()).exists()
    with pytest.raises(Http404):
        access_consultation(user=outsider, pk=records["unassigned"].pk)


def test_it_lists_only_my_drafts_as_wrapup_due_oldest_first(
    specialist, other_specialist, make_consultation, started, complete_values
):
    newer = make_consultation(specialist=specialist, started_at=started)
    older = make_consultation(
        specialist=specialist, started_at=started - datetime.timedelta(hours=2)
    )
    make_consultation(specialist=other_specialist)
    make_consultation()
    make_consultation(specialist=specialist, status=Status.COMPLETED)

    assert list(consultations_wrapup_due(user=specialist)) == [older, newer]


def test_it_filters_the_list_by_status_and_channel(specialist, make_consultation, started):
    phone_draft = make_consultation(specialist=specialist, channel="phone")
    chat_draft = make_consultation(
        specialist=specialist, channel="chat", started_at=started - datetime.timedelta(1)
    )
    chat_done = make_consultation(specialist=specialist, channel="chat", status=Status.COMPLETED)

    assert list(consultation_list(user=specialist)) == [chat_done, phone_draft, chat_draft]
    assert list(consultation_list(user=specialist, channel="chat")) == [chat_done, chat_draft]
    assert list(consultation_list(user=specialist, status="draft", channel="chat")) == [chat_draft]


def test_it_reads_records_with_their_topics_in_three_queries(
    specialist, make_consultation, complete_values, django_assert_num_queries
):
    for _ in range(5):
        make_consultation(specialist=specialist, topics=complete_values["topics"])

    with django_assert_num_queries(3):
        names = [
            (record.caller_category, [topic.full_name for topic in record.topics.all()])
            for record in consultations_visible_to(specialist)
        ]

    assert len(names) == 5


def test_it_offers_only_active_taxonomy_entries_but_keeps_a_records_own(db):
    retired = CallerCategory.objects.get(code="unknown")
    retired.active = False
    retired.save()

    assert retired not in taxonomy_choices(CallerCategory)
    assert retired in taxonomy_choices(CallerCategory, keep=[retired.pk])
    assert taxonomy_choices(CallerCategory).count() == 12


def test_it_offers_subtopics_and_lone_top_level_topics(db):
    codes = set(topic_choices().values_list("code", flat=True))

    assert "eligibility" in codes
    assert "other" in codes
    assert "becoming_carer" not in codes


def test_it_hides_retired_topics_and_the_subtopics_of_retired_groups(db):
    Topic.objects.filter(code__in=["eligibility", "training"]).update(active=False)
    kept = Topic.objects.get(code="training_schedule")

    codes = set(topic_choices().values_list("code", flat=True))
    kept_codes = set(topic_choices(keep=[kept]).values_list("code", flat=True))

    assert "eligibility" not in codes
    assert "training_schedule" not in codes
    assert "documents" in codes
    assert kept_codes == codes | {"training_schedule"}
