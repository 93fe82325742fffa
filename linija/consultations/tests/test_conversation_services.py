import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from linija.accounts.models import AuditEntry
from linija.consultations.models import Conversation, ConversationStatus, Status
from linija.consultations.services import (
    consultation_update,
    conversation_assign,
    conversation_claim,
    conversation_open,
    conversation_status_set,
)

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def broadcasts(monkeypatch):
    sent = []
    monkeypatch.setattr(
        "linija.consultations.services.staff_broadcast",
        lambda *, event, data: sent.append((event, data)),
    )
    return sent


@pytest.fixture
def conversation(db):
    return conversation_open(channel="email", subject="Klausimas dėl globos")


def changes_of(conversation):
    return list(
        AuditEntry.objects.filter(
            object_type="consultations.conversation", object_id=str(conversation.pk)
        )
        .order_by("id")
        .values_list("action", "detail")
    )


def completed_record_for(conversation, user, complete_values):
    record = conversation.consultation
    data = {**complete_values, "channel": conversation.channel, "ended_at": timezone.now()}
    data.pop("started_at")
    consultation_update(consultation=record, user=user, data=data, complete=True)


def test_it_gives_an_unassigned_conversation_to_whoever_claims_it(
    specialist, conversation, broadcasts
):
    conversation_claim(conversation=conversation, user=specialist)

    conversation.refresh_from_db()
    assert conversation.assignee == specialist
    assert conversation.status == ConversationStatus.OPEN
    assert conversation.consultation.specialist == specialist
    assert changes_of(conversation) == [("change", {"assignee": specialist.pk, "claimed": True})]
    assert broadcasts == [
        (
            "inbox.changed",
            {
                "key": f"conversation-{conversation.pk}",
                "channel": "email",
                "status": "open",
                "assignee_id": specialist.pk,
            },
        )
    ]


def test_it_keeps_a_waiting_conversation_waiting_when_claimed(specialist, conversation):
    Conversation.objects.filter(pk=conversation.pk).update(status=ConversationStatus.WAITING)

    conversation_claim(conversation=conversation, user=specialist)

    assert conversation.status == ConversationStatus.WAITING


def test_it_lets_only_the_first_of_two_claims_win(
    specialist, other_specialist, conversation, broadcasts
):
    stale = Conversation.objects.get(pk=conversation.pk)
    conversation_claim(conversation=conversation, user=specialist)

    with pytest.raises(ValidationError) as refused:
        conversation_claim(conversation=stale, user=other_specialist)

    assert "Ona has already taken this conversation." in refused.value.messages
    conversation.refresh_from_db()
    assert conversation.assignee == specialist
    assert conversation.consultation.specialist == specialist
    assert len(changes_of(conversation)) == 1
    assert len(broadcasts) == 1


def test_it_answers_a_repeated_claim_of_the_holder_without_a_change(specialist, conversation):
    conversation_claim(conversation=conversation, user=specialist)

    conversation_claim(conversation=Conversation.objects.get(pk=conversation.pk), user=specialist)

    assert len(changes_of(conversation)) == 1


def test_it_refuses_to_claim_a_closed_conversation(specialist, conversation):
    Conversation.objects.filter(pk=conversation.pk).update(status=ConversationStatus.CLOSED)

    with pytest.raises(ValidationError, match="closed"):
        conversation_claim(conversation=conversation, user=specialist)

    assert Conversation.objects.get(pk=conversation.pk).assignee is None


def test_it_refuses_a_claim_by_someone_without_a_staff_role(outsider, conversation):
    with pytest.raises(PermissionDenied):
        conversation_claim(conversation=conversation, user=outsider)

    assert Conversation.objects.get(pk=conversation.pk).assignee is None


@pytest.mark.django_db(transaction=True)
def test_it_lets_exactly_one_of_two_simultaneous_claims_win(specialist, other_specialist):
    conversation = conversation_open(channel="chat")
    start = threading.Barrier(2)
    outcomes = {}

    def claim(user):
        mine = Conversation.objects.get(pk=conversation.pk)
        start.wait(timeout=30)
        try:
            conversation_claim(conversation=mine, user=user)
            outcomes[user.username] = "won"
        except ValidationError:
            outcomes[user.username] = "lost"
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(u,)) for u in (specialist, other_specialist)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["lost", "won"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "won")
    conversation.refresh_from_db()
    assert conversation.assignee.username == winner
    assert len(changes_of(conversation)) == 1


def test_it_lets_a_supervisor_assign_and_the_draft_follows(
    supervisor, specialist, other_specialist, conversation, broadcasts
):
    conversation_claim(conversation=conversation, user=specialist)

    conversation_assign(conversation=conversation, user=supervisor, assignee=other_specialist)

    conversation.refresh_from_db()
    assert conversation.assignee == other_specialist
    assert conversation.consultation.specialist == other_specialist
    assert changes_of(conversation)[-1] == (
        "change",
        {"assignee": other_specialist.pk, "previous_assignee": specialist.pk},
    )
    assert broadcasts[-1][1]["assignee_id"] == other_specialist.pk


def test_it_lets_a_supervisor_give_a_conversation_back_to_nobody(
    supervisor, specialist, conversation
):
    conversation_claim(conversation=conversation, user=specialist)

    conversation_assign(conversation=conversation, user=supervisor, assignee=None)

    conversation.refresh_from_db()
    assert conversation.assignee is None
    assert conversation.consultation.specialist is None


def test_it_leaves_a_completed_record_with_its_specialist_on_reassignment(
    supervisor, specialist, other_specialist, conversation, complete_values
):
    conversation_claim(conversation=conversation, user=specialist)
    completed_record_for(conversation, specialist, complete_values)

    conversation_assign(conversation=conversation, user=supervisor, assignee=other_specialist)

    conversation.consultation.refresh_from_db()
    assert conversation.consultation.specialist == specialist


def test_it_refuses_assignment_by_a_specialist(specialist, other_specialist, conversation):
    with pytest.raises(PermissionDenied):
        conversation_assign(conversation=conversation, user=specialist, assignee=other_specialist)

    assert Conversation.objects.get(pk=conversation.pk).assignee is None


def test_it_refuses_to_assign_to_someone_without_a_staff_role(supervisor, outsider, conversation):
    with pytest.raises(ValidationError, match="member of the staff"):
        conversation_assign(conversation=conversation, user=supervisor, assignee=outsider)

    assert Conversation.objects.get(pk=conversation.pk).assignee is None


def test_it_refuses_to_assign_a_closed_conversation(supervisor, specialist, conversation):
    Conversation.objects.filter(pk=conversation.pk).update(status=ConversationStatus.CLOSED)

    with pytest.raises(ValidationError, match="closed"):
        conversation_assign(conversation=conversation, user=supervisor, assignee=specialist)


@pytest.mark.parametrize("status", ["waiting", "open"])
def test_it_lets_the_holder_change_the_status(specialist, conversation, broadcasts, status):
    conversation_claim(conversation=conversation, user=specialist)
    Conversation.objects.filter(pk=conversation.pk).update(status=ConversationStatus.NEW)

    conversation_status_set(conversation=conversation, user=specialist, status=status)

    assert Conversation.objects.get(pk=conversation.pk).status == status == conversation.status
    assert changes_of(conversation)[-1] == ("change", {"status": status, "previous_status": "new"})
    assert broadcasts[-1][1]["status"] == status


def test_it_refuses_to_close_without_a_completed_record(specialist, conversation, broadcasts):
    conversation_claim(conversation=conversation, user=specialist)

    with pytest.raises(ValidationError) as refused:
        conversation_status_set(conversation=conversation, user=specialist, status="closed")

    assert refused.value.messages == [
        "Complete the consultation record before closing the conversation."
    ]
    assert Conversation.objects.get(pk=conversation.pk).status == ConversationStatus.OPEN
    assert len(broadcasts) == 1


def test_it_refuses_to_close_a_conversation_without_a_record(specialist, db):
    conversation = Conversation.objects.create(channel="chat", assignee=specialist)

    with pytest.raises(ValidationError, match="Complete the consultation record"):
        conversation_status_set(conversation=conversation, user=specialist, status="closed")


def test_it_closes_once_the_record_is_completed(specialist, conversation, complete_values):
    conversation_claim(conversation=conversation, user=specialist)
    completed_record_for(conversation, specialist, complete_values)

    conversation_status_set(conversation=conversation, user=specialist, status="closed")

    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CLOSED
    assert conversation.consultation.status == Status.COMPLETED


def test_it_lets_a_supervisor_change_any_status(supervisor, specialist, conversation):
    conversation_claim(conversation=conversation, user=specialist)

    conversation_status_set(conversation=conversation, user=supervisor, status="waiting")

    assert Conversation.objects.get(pk=conversation.pk).status == ConversationStatus.WAITING


def test_it_refuses_a_status_change_by_someone_not_holding_it(specialist, conversation):
    with pytest.raises(ValidationError, match="Take this conversation first"):
        conversation_status_set(conversation=conversation, user=specialist, status="waiting")

    assert Conversation.objects.get(pk=conversation.pk).status == ConversationStatus.NEW


@pytest.mark.parametrize("status", ["new", "archived", ""])
def test_it_refuses_a_status_staff_cannot_set(supervisor, conversation, status):
    with pytest.raises(ValidationError, match="Choose open, waiting"):
        conversation_status_set(conversation=conversation, user=supervisor, status=status)

    assert changes_of(conversation) == []
