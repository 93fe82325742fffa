"""Safeguarding flags: raised by a specialist, alerting the supervisors, resolved by one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from linija.accounts.models import AuditEntry
from linija.consultations.models import Consultation
from linija.consultations.services import conversation_open
from linija.mail.models import OutboxMessage
from linija.privacy.models import SafeguardingFlag
from linija.privacy.services import contact_reveal, safeguarding_raise, safeguarding_resolve

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(specialist):
    return Consultation.objects.create(
        channel="phone", started_at=timezone.now(), specialist=specialist
    )


@pytest.fixture
def broadcasts(monkeypatch):
    sent = []
    monkeypatch.setattr(
        "linija.privacy.services.staff_broadcast",
        lambda *, event, data: sent.append((event, data)),
    )
    return sent


def test_it_alerts_the_supervisors_in_the_app_and_by_email(
    consultation, specialist, supervisor, other_specialist, broadcasts
):
    supervisor.email = "vadove@pastoge.lt"
    supervisor.save()
    other_specialist.email = "petras@pastoge.lt"
    other_specialist.save()

    flag = safeguarding_raise(consultation=consultation, user=specialist, note=" Vaikas mušamas ")

    assert flag.note == "Vaikas mušamas" and flag.is_open
    assert broadcasts == [
        ("privacy.safeguarding_raised", {"flag": flag.pk, "consultation": consultation.pk})
    ]
    letter = OutboxMessage.objects.get()
    assert letter.to == ["vadove@pastoge.lt"]
    assert letter.subject.endswith(f" {consultation.pk})")
    assert "Vaikas" not in letter.body
    assert AuditEntry.objects.filter(actor=specialist, action="create").exists()


def test_it_sends_no_email_without_supervisor_addresses(consultation, specialist, supervisor):
    safeguarding_raise(consultation=consultation, user=specialist, note="Pavojus")

    assert not OutboxMessage.objects.exists()
    assert SafeguardingFlag.objects.count() == 1


def test_it_refuses_an_empty_note_and_stores_nothing(consultation, specialist, broadcasts):
    with pytest.raises(ValidationError):
        safeguarding_raise(consultation=consultation, user=specialist, note="   ")

    assert not SafeguardingFlag.objects.exists()
    assert broadcasts == []


def test_it_refuses_a_second_open_flag(consultation, specialist):
    safeguarding_raise(consultation=consultation, user=specialist, note="Pavojus")

    with pytest.raises(ValidationError):
        safeguarding_raise(consultation=consultation, user=specialist, note="Vėl")

    assert SafeguardingFlag.objects.count() == 1


def test_it_lets_a_supervisor_resolve_with_a_written_resolution(
    consultation, specialist, supervisor, broadcasts
):
    flag = safeguarding_raise(consultation=consultation, user=specialist, note="Pavojus")

    safeguarding_resolve(flag=flag, user=supervisor, resolution="Pranešta VVTAĮT")

    flag.refresh_from_db()
    assert not flag.is_open
    assert flag.resolved_by == supervisor and flag.resolution == "Pranešta VVTAĮT"
    assert broadcasts[-1][0] == "privacy.safeguarding_resolved"


def test_it_refuses_a_resolution_by_a_specialist_or_without_text(
    consultation, specialist, supervisor
):
    flag = safeguarding_raise(consultation=consultation, user=specialist, note="Pavojus")

    with pytest.raises(PermissionDenied):
        safeguarding_resolve(flag=flag, user=specialist, resolution="Viskas gerai")
    with pytest.raises(ValidationError):
        safeguarding_resolve(flag=flag, user=supervisor, resolution=" ")

    flag.refresh_from_db()
    assert flag.is_open


def test_it_refuses_to_resolve_twice(consultation, specialist, supervisor):
    flag = safeguarding_raise(consultation=consultation, user=specialist, note="Pavojus")
    safeguarding_resolve(flag=flag, user=supervisor, resolution="Pranešta")

    with pytest.raises(ValidationError):
        safeguarding_resolve(flag=flag, user=supervisor, resolution="Dar kartą")

    flag.refresh_from_db()
    assert flag.resolution == "Pranešta"


def test_it_reveals_the_contact_with_an_audited_reason(specialist):
    conversation = conversation_open(
        channel="email", contact_name="Ona", contact_address="ona@example.lt"
    )

    contact = contact_reveal(conversation=conversation, user=specialist, reason="answer")

    assert contact == {"name": "Ona", "address": "ona@example.lt"}
    entry = AuditEntry.objects.get(actor=specialist, action="view")
    assert entry.detail == {"reveal": "contact", "reason": "answer"}
    assert entry.object_type == "consultations.conversation"


def test_it_reveals_nothing_without_a_reason_of_the_list(specialist):
    conversation = conversation_open(channel="email", contact_address="ona@example.lt")
    anonymous = conversation_open(channel="chat")

    for reason in ["", "Ona prašė perskambinti jai į 861234567"]:
        with pytest.raises(ValidationError):
            contact_reveal(conversation=conversation, user=specialist, reason=reason)
    with pytest.raises(ValidationError):
        contact_reveal(conversation=anonymous, user=specialist, reason="answer")

    assert not AuditEntry.objects.filter(action="view").exists()
