import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from linija.accounts.models import AuditEntry
from linija.consultations.models import (
    CallerCategory,
    Consultation,
    Conversation,
    Kind,
    Message,
    Status,
    Topic,
)
from linija.consultations.services import (
    consultation_complete,
    consultation_create,
    consultation_update,
    conversation_open,
    message_add,
)


def audit_actions(consultation: Consultation) -> list[str]:
    entries = AuditEntry.objects.filter(
        object_type="consultations.consultation", object_id=str(consultation.pk)
    ).order_by("id")
    return [entry.action for entry in entries]


def test_it_creates_a_draft_of_the_specialist(specialist, complete_values):
    consultation = consultation_create(user=specialist, data=complete_values)

    consultation.refresh_from_db()
    assert consultation.status == Status.DRAFT
    assert consultation.completed_at is None
    assert consultation.specialist == specialist
    assert {t.code for t in consultation.topics.all()} == {"eligibility", "documents"}
    assert audit_actions(consultation) == ["create"]
    assert AuditEntry.objects.get().actor == specialist


def test_it_records_the_address_of_the_request(specialist, complete_values):
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.7")

    consultation_create(user=specialist, data=complete_values, request=request)

    assert AuditEntry.objects.get().ip_address == "192.0.2.7"


def test_it_creates_and_completes_at_once(specialist, complete_values):
    consultation = consultation_create(user=specialist, data=complete_values, complete=True)

    consultation.refresh_from_db()
    assert consultation.status == Status.COMPLETED
    assert timezone.now() - consultation.completed_at < datetime.timedelta(seconds=5)
    assert consultation.wrapup_seconds >= 0
    assert audit_actions(consultation) == ["create", "change"]


def test_it_saves_nothing_when_the_end_is_before_the_start(specialist, complete_values, started):
    data = {**complete_values, "ended_at": started - datetime.timedelta(minutes=1)}

    with pytest.raises(ValidationError) as error:
        consultation_create(user=specialist, data=data)

    assert "ended_at" in error.value.message_dict
    assert not Consultation.objects.exists()
    assert not AuditEntry.objects.exists()


def test_it_saves_nothing_when_completing_an_incomplete_record(specialist, complete_values):
    data = {**complete_values, "topics": [], "outcome": None}

    with pytest.raises(ValidationError) as error:
        consultation_create(user=specialist, data=data, complete=True)

    assert set(error.value.message_dict) == {"topics", "outcome"}
    assert not Consultation.objects.exists()
    assert not AuditEntry.objects.exists()


def test_it_refuses_fields_that_are_not_editable(specialist, complete_values):
    with pytest.raises(TypeError):
        consultation_create(user=specialist, data={**complete_values, "status": Status.COMPLETED})

    assert not Consultation.objects.exists()


def test_it_updates_the_given_fields_and_audits_their_names(
    specialist, make_consultation, complete_values
):
    consultation = make_consultation(specialist=specialist, summary="old")
    category = CallerCategory.objects.get(code="professional")

    consultation_update(
        consultation=consultation,
        user=specialist,
        data={"summary": "new", "caller_category": category},
    )

    consultation.refresh_from_db()
    assert consultation.summary == "new"
    assert consultation.caller_category == category
    entry = AuditEntry.objects.get()
    assert entry.action == "change"
    assert entry.detail == {"fields": ["caller_category", "summary"]}


def test_it_gives_an_unassigned_record_to_whoever_fills_it_in(specialist, make_consultation):
    consultation = make_consultation()

    consultation_update(consultation=consultation, user=specialist, data={"summary": "x"})

    consultation.refresh_from_db()
    assert consultation.specialist == specialist


def test_it_keeps_the_specialist_of_an_assigned_record(specialist, supervisor, make_consultation):
    consultation = make_consultation(specialist=specialist)

    consultation_update(consultation=consultation, user=supervisor, data={"summary": "x"})

    consultation.refresh_from_db()
    assert consultation.specialist == specialist


def test_it_changes_nothing_when_an_update_is_invalid(specialist, make_consultation, started):
    consultation = make_consultation(specialist=specialist, summary="old")

    with pytest.raises(ValidationError):
        consultation_update(
            consultation=consultation,
            user=specialist,
            data={"summary": "new", "ended_at": started - datetime.timedelta(minutes=1)},
        )

    assert consultation.summary == "old"
    assert consultation.ended_at is None
    assert Consultation.objects.get().summary == "old"
    assert not AuditEntry.objects.exists()


def test_it_keeps_a_completed_record_complete(specialist, make_consultation, complete_values):
    consultation = make_consultation(**complete_values, specialist=specialist)
    consultation_complete(consultation=consultation, user=specialist)

    with pytest.raises(ValidationError) as error:
        consultation_update(consultation=consultation, user=specialist, data={"topics": []})

    assert set(error.value.message_dict) == {"topics"}
    assert Consultation.objects.get().topics.count() == 2
    assert audit_actions(consultation) == ["change"]


def test_it_completes_an_update_when_asked(specialist, make_consultation, complete_values):
    values = {name: value for name, value in complete_values.items() if name != "outcome"}
    consultation = make_consultation(**values, specialist=specialist)

    consultation_update(
        consultation=consultation,
        user=specialist,
        data={"outcome": complete_values["outcome"]},
        complete=True,
    )

    consultation.refresh_from_db()
    assert consultation.status == Status.COMPLETED
    assert audit_actions(consultation) == ["change", "change"]


def test_it_completes_a_full_record(specialist, make_consultation, complete_values):
    consultation = make_consultation(**complete_values, specialist=specialist)

    consultation_complete(consultation=consultation, user=specialist)

    consultation.refresh_from_db()
    assert consultation.status == Status.COMPLETED
    assert timezone.now() - consultation.completed_at < datetime.timedelta(seconds=5)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.detail) == (
        "change",
        specialist,
        {"status": "completed"},
    )


def test_it_lists_what_is_missing_and_changes_nothing(specialist, make_consultation):
    consultation = make_consultation(specialist=specialist)

    with pytest.raises(ValidationError) as error:
        consultation_complete(consultation=consultation, user=specialist)

    assert set(error.value.message_dict) == {
        "ended_at",
        "caller_category",
        "topics",
        "outcome",
        "contact_order",
    }
    consultation.refresh_from_db()
    assert consultation.status == Status.DRAFT
    assert consultation.completed_at is None
    assert not AuditEntry.objects.exists()


def test_it_completes_a_silent_call_with_its_times_only(specialist, make_consultation, started):
    consultation = make_consultation(
        kind=Kind.SILENT, ended_at=started + datetime.timedelta(seconds=20)
    )

    consultation_complete(consultation=consultation, user=specialist)

    consultation.refresh_from_db()
    assert consultation.status == Status.COMPLETED
    assert consultation.specialist == specialist


def test_it_does_not_complete_a_record_twice(specialist, make_consultation, complete_values):
    consultation = make_consultation(**complete_values, specialist=specialist)
    consultation_complete(consultation=consultation, user=specialist)
    completed_at = Consultation.objects.get().completed_at

    with pytest.raises(ValidationError):
        consultation_complete(consultation=consultation, user=specialist)

    assert Consultation.objects.get().completed_at == completed_at
    assert AuditEntry.objects.count() == 1


def test_it_opens_a_conversation_with_a_draft_record(db):
    conversation = conversation_open(
        channel="email", subject="Klausimas", contact_address="a@example.com", caller_key="k1"
    )

    consultation = conversation.consultation
    assert conversation.channel == consultation.channel == "email"
    assert conversation.status == "new"
    assert (conversation.subject, conversation.contact_address) == ("Klausimas", "a@example.com")
    assert conversation.contact_name == ""
    assert consultation.status == Status.DRAFT
    assert consultation.specialist is None
    assert consultation.caller_key == "k1"
    assert timezone.now() - consultation.started_at < datetime.timedelta(seconds=5)
    assert Consultation.objects.get().conversation == conversation
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id) == ("create", None, str(consultation.pk))


def test_it_adds_a_message_and_moves_the_conversation_on(specialist):
    conversation = conversation_open(channel="chat")
    before = conversation.last_message_at

    message, created = message_add(
        conversation=conversation, direction="out", body="Labas", author=specialist
    )

    assert created
    assert (message.direction, message.body, message.author) == ("out", "Labas", specialist)
    conversation.refresh_from_db()
    assert conversation.last_message_at == message.created_at >= before


def test_it_stores_a_resent_message_once(db):
    conversation = conversation_open(channel="chat")
    first, created = message_add(
        conversation=conversation, direction="in", body="Sveiki", client_id="m-1"
    )

    again, created_again = message_add(
        conversation=conversation, direction="in", body="Sveiki", client_id="m-1"
    )

    assert created and not created_again
    assert again.pk == first.pk
    assert Message.objects.count() == 1


def test_it_stores_messages_without_client_ids_apart(db):
    conversation = conversation_open(channel="email")

    message_add(conversation=conversation, direction="in", body="Vienas", external_id="<a@x>")
    message_add(conversation=conversation, direction="in", body="Vienas", external_id="<b@x>")

    assert Message.objects.count() == 2


@pytest.mark.parametrize(
    ("direction", "body"), [("in", "   "), ("sideways", "Labas")], ids=["empty", "direction"]
)
def test_it_refuses_a_bad_message(db, direction, body):
    conversation = conversation_open(channel="chat")
    before = Conversation.objects.get().last_message_at

    with pytest.raises(ValidationError):
        message_add(conversation=conversation, direction=direction, body=body)

    assert not Message.objects.exists()
    assert Conversation.objects.get().last_message_at == before


def test_it_sets_topics_by_object(specialist, complete_values):
    topic = Topic.objects.get(code="safeguarding")

    consultation = consultation_create(user=specialist, data={**complete_values, "topics": [topic]})

    assert consultation.has_safeguarding_topic


def test_it_writes_nothing_for_an_update_without_changes(specialist, make_consultation):
    consultation = make_consultation(specialist=specialist)
    updated_at = consultation.updated_at

    consultation_update(consultation=consultation, user=specialist, data={})

    assert Consultation.objects.get().updated_at == updated_at
    assert not AuditEntry.objects.exists()


def test_it_completes_an_unchanged_draft_when_asked(specialist, make_consultation, complete_values):
    consultation = make_consultation(**complete_values, specialist=specialist)

    consultation_update(consultation=consultation, user=specialist, data={}, complete=True)

    assert Consultation.objects.get().status == Status.COMPLETED
    assert audit_actions(consultation) == ["change"]
