import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from linija.consultations.models import CaseStatus
from linija.consultations.selectors import (
    access_case,
    case_link_candidates,
    case_list,
    case_of_consultation,
    cases_for_contact,
    cases_for_key,
    contact_key,
    may_see_case,
)
from linija.consultations.services import case_create, case_note_add, case_update
from linija.privacy.pseudonyms import pseudonym

KEY = pseudonym("phone", "+37061234567")


@pytest.fixture
def open_case(make_consultation):
    def make(owner, *, caller_key=KEY, title="Carer"):
        record = make_consultation(specialist=owner, caller_key=caller_key)
        return case_create(user=owner, consultation=record, title=title, consent_given=True)

    return make


def test_it_shows_a_case_to_its_owner_and_supervisors_only(
    open_case, specialist, other_specialist, supervisor, administrator, outsider
):
    case = open_case(specialist)

    assert access_case(user=specialist, pk=case.pk) == case
    assert access_case(user=supervisor, pk=case.pk) == case
    assert access_case(user=administrator, pk=case.pk) == case
    for stranger in (other_specialist, outsider):
        with pytest.raises(Http404):
            access_case(user=stranger, pk=case.pk)
    with pytest.raises(Http404):
        access_case(user=specialist, pk=case.pk + 1000)


def test_it_shows_a_case_to_a_specialist_who_wrote_in_it(open_case, specialist, other_specialist):
    case = open_case(specialist)
    case_note_add(case=case, user=other_specialist, note="Answered the second call.")

    assert may_see_case(user=other_specialist, case=case)
    assert list(case_list(user=other_specialist, mine=False)) == [case]
    assert list(case_list(user=other_specialist, mine=True)) == []


def test_it_lists_mine_or_all_with_a_status(open_case, specialist, other_specialist, supervisor):
    mine = open_case(specialist, title="Mine")
    theirs = open_case(other_specialist, title="Theirs")
    case_update(case=theirs, user=other_specialist, status=CaseStatus.CLOSED)

    assert list(case_list(user=specialist)) == [mine]
    assert set(case_list(user=supervisor, mine=False)) == {mine, theirs}
    assert list(case_list(user=supervisor, mine=False, status="closed")) == [theirs]
    assert list(case_list(user=supervisor, mine=True)) == []
    assert case_list(user=specialist).get().entry_count == 1


def test_it_finds_cases_by_a_number_written_any_way(open_case, specialist, other_specialist):
    mine = open_case(specialist)
    theirs = open_case(other_specialist)

    found, owners = cases_for_contact(user=specialist, contact="8 (612) 34-567")

    assert found == [mine]
    assert owners == [other_specialist]
    assert theirs.caller_key == KEY


def test_it_finds_nothing_for_another_number_or_no_key(open_case, specialist):
    open_case(specialist, caller_key="")

    assert cases_for_contact(user=specialist, contact="+370 699 99999") == ([], [])
    assert cases_for_key(user=specialist, caller_key="") == ([], [])


def test_it_finds_cases_by_a_channels_caller_key(open_case, specialist, supervisor):
    case = open_case(specialist)

    assert cases_for_key(user=supervisor, caller_key=KEY) == ([case], [])


def test_it_refuses_to_search_by_something_that_is_not_a_number(specialist):
    with pytest.raises(ValidationError):
        cases_for_contact(user=specialist, contact="Ona Onaitė")


def test_it_keys_phone_numbers_and_addresses_by_their_kind():
    assert contact_key("+370 612 34567") == KEY
    assert contact_key("Ona@Example.lt") == pseudonym("email", "ona@example.lt")


def test_it_suggests_unlinked_visible_records_of_the_same_caller(
    open_case, make_consultation, specialist, other_specialist
):
    case = open_case(specialist)
    same = make_consultation(caller_key=KEY)
    make_consultation(caller_key=KEY, specialist=other_specialist)
    make_consultation(caller_key=pseudonym("phone", "+37069999999"))

    assert list(case_link_candidates(case=case, user=specialist)) == [same]
    assert case_of_consultation(same) is None
    assert case_of_consultation(case.entries.get().consultation) == case


def test_it_suggests_nothing_for_a_case_without_a_key(open_case, make_consultation, specialist):
    case = open_case(specialist, caller_key="")
    make_consultation()

    assert list(case_link_candidates(case=case, user=specialist)) == []
