import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from linija.accounts.models import AuditEntry
from linija.consultations.models import (
    Case,
    CaseEntry,
    CaseEntryKind,
    CaseStatus,
    ReferralTarget,
)
from linija.consultations.services import (
    case_consultation_link,
    case_create,
    case_note_add,
    case_update,
)
from linija.privacy.pseudonyms import pseudonym
from linija.privacy.selectors import identifying_fields

pytestmark = pytest.mark.usefixtures("in_english")

PHONE = "8 612 34567"


@pytest.fixture
def record(make_consultation, specialist):
    return make_consultation(specialist=specialist, caller_key=pseudonym("phone", PHONE))


@pytest.fixture
def case(specialist, record):
    return case_create(
        user=specialist, consultation=record, title="Kinship carer", consent_given=True
    )


def audit_of(case):
    return list(
        AuditEntry.objects.filter(object_type="consultations.case", object_id=str(case.pk))
        .order_by("id")
        .values_list("action", "detail")
    )


def test_it_opens_a_case_only_with_the_persons_consent(specialist, record):
    with pytest.raises(ValidationError) as refused:
        case_create(user=specialist, consultation=record, title="Carer", consent_given=False)

    assert refused.value.message_dict == {
        "consent_given": ["A case links a person's contacts only with their consent: ask first."]
    }
    assert not Case.objects.exists()
    assert not CaseEntry.objects.exists()


def test_it_opens_a_case_owned_by_its_author_with_the_record_on_it(specialist, record):
    case = case_create(
        user=specialist,
        consultation=record,
        title="  Kinship carer  ",
        consent_given=True,
        consent_note="Agreed on the phone",
    )

    assert (case.owner, case.status, case.title) == (specialist, CaseStatus.OPEN, "Kinship carer")
    assert timezone.now() - case.consent_given_at < datetime.timedelta(seconds=5)
    assert case.consent_note == "Agreed on the phone"
    assert case.caller_key == record.caller_key
    entry = case.entries.get()
    assert (entry.kind, entry.consultation, entry.at) == ("contact", record, record.started_at)
    assert audit_of(case) == [("create", {"linked": record.pk})]


def test_it_keeps_only_the_pseudonym_of_a_number_typed_in(specialist, make_consultation):
    record = make_consultation(specialist=specialist)

    case = case_create(
        user=specialist,
        consultation=record,
        title="Adoptive parent",
        consent_given=True,
        contact="+370 612 34567",
    )

    assert case.caller_key == pseudonym("phone", PHONE)
    stored = [str(value) for value in Case.objects.values().get(pk=case.pk).values()]
    # The number as typed or as digits; shorter runs of its digits turn up by chance in the
    # pseudonym's hex digits and the times.
    assert not any("612 34567" in value or "61234567" in value for value in stored)
    assert not any("34567" in str(entry.detail) for entry in AuditEntry.objects.all())


def test_it_keys_an_e_mail_address_in_lower_case(specialist, make_consultation):
    case = case_create(
        user=specialist,
        consultation=make_consultation(),
        title="Prospective adopter",
        consent_given=True,
        contact=" Ona@Example.LT ",
    )

    assert case.caller_key == pseudonym("email", "ona@example.lt")


@pytest.mark.parametrize("contact", ["12", "not a number", "ona@", "+370 612"])
def test_it_refuses_what_is_neither_a_phone_number_nor_an_address(specialist, record, contact):
    with pytest.raises(ValidationError) as refused:
        case_create(
            user=specialist, consultation=record, title="Carer", consent_given=True, contact=contact
        )

    assert set(refused.value.message_dict) == {"contact"}
    assert not Case.objects.exists()


def test_it_refuses_a_case_without_a_label(specialist, record):
    with pytest.raises(ValidationError) as refused:
        case_create(user=specialist, consultation=record, title="   ", consent_given=True)

    assert set(refused.value.message_dict) == {"title"}
    assert not Case.objects.exists()


def test_it_puts_a_record_on_one_case_only(specialist, other_specialist, case, record):
    with pytest.raises(ValidationError, match="already on a case"):
        case_create(user=other_specialist, consultation=record, title="Again", consent_given=True)

    assert Case.objects.count() == 1


def test_it_keeps_the_timeline_in_the_order_things_happened(
    specialist, case, record, make_consultation
):
    earlier = make_consultation(started_at=record.started_at - datetime.timedelta(days=30))
    note = case_note_add(case=case, user=specialist, note="Will call back after the court.")
    case_consultation_link(case=case, consultation=earlier, user=specialist)

    kinds = list(case.entries.order_by("at", "id").values_list("kind", "consultation"))

    assert kinds == [("contact", earlier.pk), ("contact", record.pk), ("note", None)]
    assert note.at > record.started_at
    assert audit_of(case)[-1] == ("change", {"linked": earlier.pk})


def test_it_takes_the_caller_key_of_the_first_linked_record_that_has_one(
    specialist, make_consultation
):
    case = case_create(
        user=specialist, consultation=make_consultation(), title="Carer", consent_given=True
    )
    keyed = make_consultation(caller_key=pseudonym("email", "a@example.lt"))

    case_consultation_link(case=case, consultation=keyed, user=specialist)

    case.refresh_from_db()
    assert case.caller_key == keyed.caller_key


def test_it_refuses_to_link_a_record_of_another_case(specialist, case, make_consultation):
    other = case_create(
        user=specialist, consultation=make_consultation(), title="Other", consent_given=True
    )
    linked = other.entries.get().consultation

    with pytest.raises(ValidationError, match="already on a case"):
        case_consultation_link(case=case, consultation=linked, user=specialist)

    assert case.entries.count() == 1


def test_it_refuses_to_add_to_a_closed_case(specialist, case, make_consultation):
    case_update(case=case, user=specialist, status=CaseStatus.CLOSED)

    with pytest.raises(ValidationError, match="Reopen the case"):
        case_note_add(case=case, user=specialist, note="More")
    with pytest.raises(ValidationError, match="Reopen the case"):
        case_consultation_link(case=case, consultation=make_consultation(), user=specialist)

    assert case.entries.count() == 1


def test_it_records_a_referral_on_the_timeline(specialist, case):
    target = ReferralTarget.objects.get(code="foster_care_centre")

    entry = case_note_add(case=case, user=specialist, note="", referral_target=target)

    assert (entry.kind, entry.referral_target, entry.created_by) == (
        CaseEntryKind.REFERRAL,
        target,
        specialist,
    )


def test_it_refuses_an_empty_note(specialist, case):
    with pytest.raises(ValidationError) as refused:
        case_note_add(case=case, user=specialist, note="   ")

    assert refused.value.message_dict == {"note": ["Write a note or choose a referral."]}
    assert case.entries.count() == 1


def test_it_lets_the_owner_hand_the_case_over_and_set_its_status(
    specialist, other_specialist, case
):
    case_update(case=case, user=specialist, status=CaseStatus.IN_PROGRESS, owner=other_specialist)

    case.refresh_from_db()
    assert (case.status, case.owner) == (CaseStatus.IN_PROGRESS, other_specialist)
    assert audit_of(case)[-1] == (
        "change",
        {
            "status": {"from": "open", "to": "in_progress"},
            "owner": {"from": specialist.pk, "to": other_specialist.pk},
        },
    )


def test_it_lets_a_supervisor_change_any_case(supervisor, case):
    case_update(case=case, user=supervisor, status=CaseStatus.CLOSED)

    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED


def test_it_lets_nobody_else_change_a_case(other_specialist, case):
    with pytest.raises(PermissionDenied):
        case_update(case=case, user=other_specialist, status=CaseStatus.CLOSED)

    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN


def test_it_refuses_a_wrong_status_or_owner(specialist, outsider, case):
    with pytest.raises(ValidationError) as refused:
        case_update(case=case, user=specialist, status="lost", owner=outsider)

    assert set(refused.value.message_dict) == {"status", "owner"}
    case.refresh_from_db()
    assert (case.status, case.owner) == (CaseStatus.OPEN, specialist)
    assert len(audit_of(case)) == 1


def test_it_writes_nothing_when_nothing_changes(specialist, case):
    case_update(case=case, user=specialist, status=CaseStatus.OPEN, owner=specialist)

    assert len(audit_of(case)) == 1


def test_it_marks_what_can_identify_a_person_on_a_case():
    marked = {
        model: {field.name for field in fields} for model, fields in identifying_fields().items()
    }

    assert marked[Case] == {"caller_key", "consent_note"}
    assert marked[CaseEntry] == {"note"}
