import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone, translation

from linija.consultations.models import (
    CallerCategory,
    Consultation,
    Conversation,
    Direction,
    Kind,
    Message,
    Outcome,
    ReferralTarget,
    Topic,
)
from linija.privacy.selectors import identifying_fields


def unsaved(values: dict) -> Consultation:
    fields = {name: value for name, value in values.items() if name != "topics"}
    return Consultation(**fields)


def test_it_lets_a_full_counselling_record_be_completed(make_consultation, complete_values):
    consultation = make_consultation(**complete_values)

    assert consultation.missing_fields_for_completion() == []
    assert consultation.missing_for_completion() == []


def test_it_names_what_a_bare_counselling_draft_lacks(make_consultation):
    consultation = make_consultation(kind=Kind.COUNSELLING)

    assert consultation.missing_fields_for_completion() == [
        "ended_at",
        "caller_category",
        "topics",
        "outcome",
        "contact_order",
    ]
    with translation.override("en"):
        assert consultation.missing_for_completion() == [
            "ended",
            "caller category",
            "topics",
            "outcome",
            "first or repeat contact",
        ]


def test_it_needs_a_referral_target_when_the_outcome_is_a_referral(
    make_consultation, complete_values
):
    consultation = make_consultation(
        **{**complete_values, "outcome": Outcome.objects.get(code="referred")}
    )

    assert consultation.missing_fields_for_completion() == ["referral_target"]


def test_it_needs_only_the_times_for_other_kinds_of_contact(make_consultation, started):
    silent = make_consultation(kind=Kind.SILENT)
    ended = make_consultation(kind=Kind.HANG_UP, ended_at=started + datetime.timedelta(seconds=4))

    assert silent.missing_fields_for_completion() == ["ended_at"]
    assert ended.missing_fields_for_completion() == []


def test_it_treats_only_counselling_as_counselling(make_consultation):
    assert make_consultation(kind=Kind.COUNSELLING).is_counselling
    assert not make_consultation(kind=Kind.FEEDBACK).is_counselling


def test_it_accepts_a_well_formed_record(complete_values):
    unsaved(complete_values).clean()


def test_it_refuses_an_end_before_the_start(complete_values, started):
    consultation = unsaved({**complete_values, "ended_at": started - datetime.timedelta(seconds=1)})

    with pytest.raises(ValidationError) as error:
        consultation.clean()

    assert set(error.value.message_dict) == {"ended_at"}


def test_it_refuses_completion_before_the_end(complete_values):
    ended = complete_values["ended_at"]
    consultation = unsaved({**complete_values, "completed_at": ended - datetime.timedelta(1)})

    with pytest.raises(ValidationError) as error:
        consultation.clean()

    assert set(error.value.message_dict) == {"completed_at"}


def test_it_refuses_a_start_in_the_future_beyond_the_clock_skew(complete_values):
    soon = timezone.now() + datetime.timedelta(minutes=4)
    later = timezone.now() + datetime.timedelta(minutes=6)

    unsaved({**complete_values, "started_at": soon, "ended_at": None}).clean()
    with pytest.raises(ValidationError) as error:
        unsaved({**complete_values, "started_at": later, "ended_at": None}).clean()

    assert set(error.value.message_dict) == {"started_at"}


def test_it_requires_a_referral_target_for_a_referral(complete_values):
    consultation = unsaved({**complete_values, "outcome": Outcome.objects.get(code="referred")})

    with pytest.raises(ValidationError) as error:
        consultation.clean()

    assert set(error.value.message_dict) == {"referral_target"}
    consultation.referral_target = ReferralTarget.objects.get(code="vvtaat")
    consultation.clean()


def test_it_counts_talk_and_wrapup_seconds(make_consultation, started):
    consultation = make_consultation(
        ended_at=started + datetime.timedelta(minutes=12, seconds=5),
        completed_at=started + datetime.timedelta(minutes=15),
    )

    assert consultation.talk_seconds == 12 * 60 + 5
    assert consultation.wrapup_seconds == 2 * 60 + 55


def test_it_has_no_times_before_the_contact_ends(make_consultation):
    consultation = make_consultation()

    assert consultation.talk_seconds is None
    assert consultation.wrapup_seconds is None


def test_it_names_taxonomy_entries_in_the_active_language(db):
    category = CallerCategory.objects.get(code="kinship_guardian")

    with translation.override("lt"):
        assert category.name == "Globėjas giminaitis"
        assert str(category) == "Globėjas giminaitis"
    with translation.override("en"):
        assert category.name == "Kinship carer"
    with translation.override("de"):
        assert category.name == "Globėjas giminaitis"


def test_it_falls_back_to_lithuanian_without_an_english_name(db):
    category = CallerCategory(code="new", name_lt="Naujas", name_en="")

    with translation.override("en"):
        assert category.name == "Naujas"


def test_it_names_a_subtopic_with_its_group(db):
    topic = Topic.objects.get(code="help_money")

    with translation.override("en"):
        assert topic.full_name == "Payments and benefits › Help money"


def test_it_keeps_topics_at_two_levels(db):
    subtopic = Topic.objects.get(code="eligibility")
    topic = Topic(code="too-deep", name_lt="Per gilu", name_en="Too deep", parent=subtopic)

    with pytest.raises(ValidationError) as error:
        topic.full_clean()

    assert set(error.value.message_dict) == {"parent"}


def test_it_describes_records_without_their_content(make_consultation):
    consultation = make_consultation(summary="Ona Onaitė, +37060000000", caller_key="abc")

    with translation.override("en"):
        text = str(consultation)

    assert text.startswith(f"#{consultation.pk} Phone ")
    assert "Ona" not in text
    assert "abc" not in text


def test_it_marks_the_fields_that_can_identify_a_person():
    marked = {
        model: {field.name for field in fields} for model, fields in identifying_fields().items()
    }

    assert marked[Consultation] == {"summary", "caller_key"}
    assert marked[Conversation] == {"subject", "contact_name", "contact_address", "caller_key"}
    assert marked[Message] == {"body"}


def test_it_stores_a_client_message_id_once_per_conversation(db):
    first = Conversation.objects.create(channel="chat")
    second = Conversation.objects.create(channel="chat")
    Message.objects.create(conversation=first, direction="in", body="a", client_id="c-1")
    Message.objects.create(conversation=second, direction="in", body="a", client_id="c-1")
    Message.objects.create(conversation=first, direction="in", body="b")
    Message.objects.create(conversation=first, direction="in", body="c")

    with pytest.raises(IntegrityError):
        Message.objects.create(conversation=first, direction="in", body="d", client_id="c-1")


def test_it_keeps_the_first_answer_of_a_conversation(db):
    conversation = Conversation.objects.create(channel="chat")
    start = timezone.now() - datetime.timedelta(hours=2)
    for minutes, direction in ((0, Direction.IN), (1, Direction.NOTE)):
        Message.objects.create(
            conversation=conversation,
            direction=direction,
            body="…",
            created_at=start + datetime.timedelta(minutes=minutes),
        )
    conversation.refresh_from_db()
    assert conversation.first_answered_at is None

    later = Message.objects.create(
        conversation=conversation,
        direction=Direction.OUT,
        body="Labas",
        created_at=start + datetime.timedelta(minutes=30),
    )
    assert later.conversation.first_answered_at == later.created_at
    earlier = Message.objects.create(  # stored after, written before (an imported letter)
        conversation=conversation,
        direction=Direction.OUT,
        body="Sveiki",
        created_at=start + datetime.timedelta(minutes=5),
    )
    Message.objects.create(conversation=conversation, direction=Direction.OUT, body="Dar")
    conversation.refresh_from_db()
    assert conversation.first_answered_at == earlier.created_at
