import pytest
from django.urls import reverse
from django.utils import translation

from linija.accounts.models import AuditEntry
from linija.consultations.models import Case, CaseStatus, ReferralTarget
from linija.consultations.services import case_create, case_note_add
from linija.privacy.pseudonyms import pseudonym

PHONE = "+370 612 34567"
KEY = pseudonym("phone", PHONE)


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def record(draft, specialist):
    return draft(specialist, caller_key=KEY)


@pytest.fixture
def case(record, specialist):
    return case_create(
        user=specialist, consultation=record, title="Kinship carer", consent_given=True
    )


def create_url(record):
    return en("inbox:case_create") + f"?consultation={record.pk}"


def case_views(user):
    return AuditEntry.objects.filter(actor=user, action="view", object_type="consultations.case")


def test_it_opens_a_case_from_a_record_with_consent(specialist_client, record, specialist):
    form = specialist_client.get(create_url(record))

    response = specialist_client.post(
        create_url(record),
        {"title": "Kinship carer", "consent_given": "on", "consent_note": "Agreed", "contact": ""},
    )

    case = Case.objects.get()
    assert form.status_code == 200
    assert 'name="consent_given"' in form.content.decode()
    assert response["Location"] == en("inbox:case_detail", pk=case.pk)
    assert (case.owner, case.caller_key, case.consent_note) == (specialist, KEY, "Agreed")
    assert case.entries.get().consultation == record


def test_it_refuses_a_case_without_consent_and_saves_nothing(specialist_client, record):
    response = specialist_client.post(create_url(record), {"title": "Kinship carer"})

    assert response.status_code == 400
    assert "only with their consent" in response.content.decode()
    assert not Case.objects.exists()


def test_it_refuses_a_typed_number_that_is_not_one(specialist_client, record):
    response = specialist_client.post(
        create_url(record), {"title": "Carer", "consent_given": "on", "contact": "12345"}
    )

    assert response.status_code == 400
    assert "Enter a phone number" in response.content.decode()
    assert not Case.objects.exists()


def test_it_opens_no_case_from_a_record_one_may_not_see(
    client, draft, other_specialist, specialist
):
    theirs = draft(other_specialist)
    client.force_login(specialist)

    assert client.get(create_url(theirs)).status_code == 404
    assert client.get(en("inbox:case_create") + "?consultation=x").status_code == 404


def test_it_leads_to_the_existing_case_of_a_record(specialist_client, case, record):
    response = specialist_client.get(create_url(record))

    assert response["Location"] == en("inbox:case_detail", pk=case.pk)


def test_it_lists_my_cases_and_audits_the_list(specialist_client, case, specialist):
    response = specialist_client.get(en("inbox:case_list"))

    assert "Kinship carer" in response.content.decode()
    entry = AuditEntry.objects.get(action="view", object_type="")
    assert entry.detail == {"cases": [case.pk]}


def test_it_lists_all_cases_to_a_supervisor(client, case, supervisor):
    client.force_login(supervisor)

    mine = client.get(en("inbox:case_list"))
    everything = client.get(en("inbox:case_list"), {"scope": "all"})

    assert "Kinship carer" not in mine.content.decode()
    assert "Kinship carer" in everything.content.decode()


def test_it_shows_the_timeline_to_those_who_may_see_it(
    client, case, specialist, other_specialist, supervisor
):
    case_note_add(case=case, user=specialist, note="Agreed to call after the training.")
    url = en("inbox:case_detail", pk=case.pk)

    client.force_login(other_specialist)
    stranger = client.get(url)
    client.force_login(supervisor)
    boss = client.get(url)

    assert stranger.status_code == 404
    assert boss.status_code == 200
    page = boss.content.decode()
    assert "Agreed to call after the training." in page
    assert page.index(en("consultations:detail", pk=case.entries.first().consultation_id)) < (
        page.index("Agreed to call after the training.")
    )
    assert case_views(supervisor).count() == 1
    assert case_views(other_specialist).count() == 0


def test_it_finds_a_case_by_number_without_keeping_the_number(specialist_client, case, specialist):
    response = specialist_client.post(en("inbox:case_find"), {"contact": "8 612 34567"})

    assert response.status_code == 200
    assert en("inbox:case_detail", pk=case.pk) in response.content.decode()
    assert not any("34567" in str(entry.detail) for entry in AuditEntry.objects.all())
    search = AuditEntry.objects.get(actor=specialist, action="view")
    assert search.detail == {"search": "contact", "cases": [case.pk]}


def test_it_names_the_owner_of_a_case_one_may_not_see(client, case, other_specialist):
    client.force_login(other_specialist)

    response = client.post(en("inbox:case_find"), {"contact": PHONE})

    page = response.content.decode()
    assert en("inbox:case_detail", pk=case.pk) not in page
    assert "Ona" in page


def test_it_explains_a_search_that_is_not_a_number(specialist_client, case):
    response = specialist_client.post(en("inbox:case_find"), {"contact": "Ona Onaitė"})

    assert response.status_code == 400
    assert "Enter a phone number" in response.content.decode()


def test_it_adds_a_note_and_a_referral(specialist_client, case):
    target = ReferralTarget.objects.get(code="foster_care_centre")

    response = specialist_client.post(
        en("inbox:case_note", pk=case.pk),
        {"note": "Sent to the centre.", "referral_target": target.pk},
    )

    assert response["Location"] == en("inbox:case_detail", pk=case.pk)
    entry = case.entries.last()
    assert (entry.kind, entry.note, entry.referral_target) == (
        "referral",
        "Sent to the centre.",
        target,
    )


def test_it_refuses_an_empty_note(specialist_client, case):
    response = specialist_client.post(en("inbox:case_note", pk=case.pk), {"note": " "})

    assert response.status_code == 400
    assert "Write a note or choose a referral." in response.content.decode()
    assert case.entries.count() == 1


def test_it_links_another_record_by_its_number(specialist_client, case, draft, specialist):
    later = draft(specialist)

    response = specialist_client.post(en("inbox:case_link", pk=case.pk), {"consultation": later.pk})

    assert response.status_code == 302
    assert case.entries.filter(consultation=later).exists()


def test_it_refuses_to_link_a_record_one_may_not_open(
    specialist_client, case, draft, other_specialist
):
    theirs = draft(other_specialist)

    response = specialist_client.post(
        en("inbox:case_link", pk=case.pk), {"consultation": theirs.pk}
    )

    assert response.status_code == 400
    assert "There is no record with this number you may open." in response.content.decode()
    assert case.entries.count() == 1


def test_it_suggests_records_from_the_same_number(specialist_client, case, draft):
    same = draft(None, caller_key=KEY)

    response = specialist_client.get(en("inbox:case_detail", pk=case.pk))

    assert list(response.context["candidates"]) == [same]


def test_it_lets_the_owner_hand_over_and_set_the_status(specialist_client, case, other_specialist):
    response = specialist_client.post(
        en("inbox:case_manage", pk=case.pk),
        {"status": CaseStatus.IN_PROGRESS, "owner": other_specialist.pk},
    )

    case.refresh_from_db()
    assert (case.status, case.owner) == (CaseStatus.IN_PROGRESS, other_specialist)
    assert response["Location"] == en("inbox:case_detail", pk=case.pk)


def test_it_shows_the_list_to_an_owner_who_handed_over_a_case_they_never_wrote_in(
    client, case, other_specialist, supervisor, specialist
):
    Case.objects.filter(pk=case.pk).update(owner=other_specialist)
    client.force_login(other_specialist)

    response = client.post(
        en("inbox:case_manage", pk=case.pk), {"status": CaseStatus.OPEN, "owner": supervisor.pk}
    )

    assert response["Location"] == en("inbox:case_list")
    assert Case.objects.get(pk=case.pk).owner == supervisor


def test_it_refuses_an_owner_without_a_staff_role(specialist_client, case, outsider, specialist):
    response = specialist_client.post(
        en("inbox:case_manage", pk=case.pk), {"status": CaseStatus.OPEN, "owner": outsider.pk}
    )

    assert response.status_code == 400
    assert "Choose a member of the staff." in response.content.decode()
    assert Case.objects.get(pk=case.pk).owner == specialist


def test_it_refuses_changes_by_someone_who_only_wrote_in_it(client, case, other_specialist):
    case_note_add(case=case, user=other_specialist, note="Took the second call.")
    client.force_login(other_specialist)

    page = client.get(en("inbox:case_detail", pk=case.pk))
    response = client.post(
        en("inbox:case_manage", pk=case.pk), {"status": "closed", "owner": other_specialist.pk}
    )

    assert page.context["manage_form"] is None
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN


def test_it_offers_a_case_on_the_record_page(specialist_client, record, specialist):
    before = specialist_client.get(en("consultations:detail", pk=record.pk)).content.decode()
    case = case_create(user=specialist, consultation=record, title="Carer", consent_given=True)
    after = specialist_client.get(en("consultations:detail", pk=record.pk)).content.decode()

    assert create_url(record) in before
    assert en("inbox:case_detail", pk=case.pk) in after
