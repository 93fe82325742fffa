import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from linija.accounts.models import AuditEntry
from linija.consultations.models import Conversation, ConversationStatus
from linija.consultations.services import message_add
from linija.phone.models import Callback, CallbackSource

JSON = {"HTTP_ACCEPT": "application/json"}


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def row_keys(response):
    return [item.key for item in response.context["items"]]


def test_it_is_the_staff_landing_page_for_every_role(
    specialist_client, make_conversation, specialist
):
    conversation = make_conversation("chat", subject="Kaip tapti globėju?")

    response = specialist_client.get(en("inbox:index"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Kaip tapti globėju?" in page
    assert 'id="inbox-help"' in page
    assert "inbox/inbox.js" in page
    assert row_keys(response) == [f"conversation-{conversation.pk}"]
    assert "inbox.changed mail.received chat.queue_changed" in page


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_it_keeps_out_everyone_but_staff(client, outsider, who):
    if who == "outsider":
        client.force_login(outsider)

    response = client.get(en("inbox:index"))
    rows = client.get(en("inbox:rows"))

    if who == "anonymous":
        assert response.status_code == rows.status_code == 302
        assert response["Location"].startswith(en("accounts:login"))
    else:
        assert response.status_code == rows.status_code == 403


def test_it_hides_another_specialists_conversation_from_a_specialist(
    client, make_conversation, specialist, other_specialist, supervisor
):
    theirs = make_conversation(subject="Petro pokalbis", assignee=other_specialist)
    key = f"conversation-{theirs.pk}"

    client.force_login(specialist)
    as_specialist = client.get(en("inbox:index"))
    page = client.get(en("inbox:conversation", pk=theirs.pk))
    client.force_login(supervisor)
    as_supervisor = client.get(en("inbox:index"))

    assert key not in row_keys(as_specialist)
    assert "Petro pokalbis" not in as_specialist.content.decode()
    assert page.status_code == 404
    assert key in row_keys(as_supervisor)


def test_it_filters_the_rows(specialist_client, make_conversation, specialist):
    chat = make_conversation("chat", topics=["adoption_who"])
    mine = make_conversation("email", assignee=specialist)
    closed = make_conversation("email", status=ConversationStatus.CLOSED)
    url = en("inbox:rows")

    assert row_keys(specialist_client.get(url, {"channel": "chat"})) == [f"conversation-{chat.pk}"]
    assert row_keys(specialist_client.get(url, {"assignee": "me"})) == [f"conversation-{mine.pk}"]
    assert row_keys(specialist_client.get(url, {"topic": "adoption"})) == [
        f"conversation-{chat.pk}"
    ]
    assert row_keys(specialist_client.get(url, {"status": "closed"})) == [
        f"conversation-{closed.pk}"
    ]
    unfiltered = specialist_client.get(url, {"channel": "fax", "status": "lost"})
    assert sorted(row_keys(unfiltered)) == sorted(
        [f"conversation-{chat.pk}", f"conversation-{mine.pk}"]
    )


def test_it_answers_the_rows_as_a_table_body(specialist_client, make_conversation):
    conversation = make_conversation("chat")

    response = specialist_client.get(en("inbox:rows"), {"channel": "chat"})

    body = response.content.decode().strip()
    assert body.startswith('<tbody id="inbox-rows" data-count="1">')
    assert body.endswith("</tbody>")
    assert f'data-key="conversation-{conversation.pk}"' in body
    assert en("inbox:claim", pk=conversation.pk) in body
    assert 'name="next" value="/en/staff/inbox/?channel=chat"' in body


def test_it_shows_the_assign_control_to_supervisors_only(
    client, make_conversation, specialist, supervisor
):
    make_conversation()

    client.force_login(specialist)
    as_specialist = client.get(en("inbox:rows")).content.decode()
    client.force_login(supervisor)
    as_supervisor = client.get(en("inbox:rows")).content.decode()

    assert 'name="assignee"' not in as_specialist
    assert 'name="assignee"' in as_supervisor
    assert "Ona" in as_supervisor


def test_it_claims_in_the_background(specialist_client, make_conversation, specialist):
    conversation = make_conversation()

    response = specialist_client.post(en("inbox:claim", pk=conversation.pk), **JSON)

    assert response.status_code == 200
    assert response.json() == {"message": "You now hold this conversation."}
    assert Conversation.objects.get(pk=conversation.pk).assignee == specialist


def test_it_claims_from_a_plain_form_and_goes_back(
    specialist_client, make_conversation, specialist
):
    conversation = make_conversation()
    back = en("inbox:index") + "?channel=email"

    response = specialist_client.post(
        en("inbox:claim", pk=conversation.pk), {"next": back}, follow=True
    )

    assert response.redirect_chain == [(back, 302)]
    assert "You now hold this conversation." in response.content.decode()


def test_it_never_goes_back_to_another_site(specialist_client, make_conversation):
    conversation = make_conversation()

    response = specialist_client.post(
        en("inbox:claim", pk=conversation.pk), {"next": "https://example.com/"}
    )

    assert response["Location"] == reverse("inbox:index")


def test_it_tells_a_late_claimer_the_conversation_is_gone(
    client, make_conversation, specialist, other_specialist
):
    conversation = make_conversation()
    client.force_login(other_specialist)
    client.post(en("inbox:claim", pk=conversation.pk), **JSON)
    client.force_login(specialist)

    late = client.post(en("inbox:claim", pk=conversation.pk), **JSON)
    missing = client.post(en("inbox:claim", pk=conversation.pk + 1000), **JSON)

    assert late.status_code == missing.status_code == 404
    assert late.json() == missing.json() == {"error": "This conversation is not in your inbox."}
    assert Conversation.objects.get(pk=conversation.pk).assignee == other_specialist


def test_it_answers_a_lost_race_with_who_was_first(
    specialist_client, make_conversation, other_specialist, monkeypatch
):
    conversation = make_conversation()
    stale = Conversation.objects.get(pk=conversation.pk)
    monkeypatch.setattr("linija.inbox.views.access_conversation", lambda **kwargs: stale)
    Conversation.objects.filter(pk=conversation.pk).update(assignee=other_specialist)

    response = specialist_client.post(en("inbox:claim", pk=conversation.pk), **JSON)

    assert response.status_code == 409
    assert response.json() == {"error": "Petras has already taken this conversation."}


def test_it_lets_a_supervisor_assign(supervisor_client, make_conversation, specialist):
    conversation = make_conversation()

    response = supervisor_client.post(
        en("inbox:assign", pk=conversation.pk), {"assignee": specialist.pk}, **JSON
    )

    assert response.json() == {"message": "Ona now holds the conversation."}
    assert Conversation.objects.get(pk=conversation.pk).assignee == specialist


def test_it_refuses_an_assignment_to_someone_without_a_role(
    supervisor_client, make_conversation, outsider
):
    conversation = make_conversation()

    response = supervisor_client.post(
        en("inbox:assign", pk=conversation.pk), {"assignee": outsider.pk}, **JSON
    )

    assert response.status_code == 400
    assert response.json() == {"error": "Choose a member of the staff."}
    assert Conversation.objects.get(pk=conversation.pk).assignee is None


def test_it_refuses_an_assignment_by_a_specialist(
    specialist_client, make_conversation, other_specialist
):
    conversation = make_conversation()

    response = specialist_client.post(
        en("inbox:assign", pk=conversation.pk), {"assignee": other_specialist.pk}, **JSON
    )

    assert response.status_code == 403
    assert Conversation.objects.get(pk=conversation.pk).assignee is None


def test_it_refuses_to_close_before_the_record_is_completed(
    specialist_client, make_conversation, specialist, complete
):
    conversation = make_conversation(assignee=specialist, status=ConversationStatus.OPEN)
    url = en("inbox:status", pk=conversation.pk)

    refused = specialist_client.post(url, {"status": "closed"}, **JSON)
    complete(conversation.consultation)
    closed = specialist_client.post(url, {"status": "closed"}, **JSON)

    assert refused.status_code == 409
    assert refused.json() == {
        "error": "Complete the consultation record before closing the conversation."
    }
    assert closed.json() == {"message": "The conversation is now: Closed."}
    assert Conversation.objects.get(pk=conversation.pk).status == ConversationStatus.CLOSED


def test_it_refuses_an_unknown_status(specialist_client, make_conversation, specialist):
    conversation = make_conversation(assignee=specialist)

    response = specialist_client.post(
        en("inbox:status", pk=conversation.pk), {"status": "lost"}, **JSON
    )

    assert response.status_code == 400
    assert Conversation.objects.get(pk=conversation.pk).status == ConversationStatus.NEW


def test_it_shows_a_conversation_and_audits_it(specialist_client, make_conversation, specialist):
    conversation = make_conversation(subject="Dėl įvaikinimo")
    message_add(conversation=conversation, direction="in", body="Laba diena, norėčiau paklausti")

    response = specialist_client.get(en("inbox:conversation", pk=conversation.pk))

    page = response.content.decode()
    assert "Laba diena, norėčiau paklausti" in page
    assert en("inbox:claim", pk=conversation.pk) in page
    assert en("consultations:edit", pk=conversation.consultation.pk) in page
    assert en("inbox:case_create") + f"?consultation={conversation.consultation.pk}" in page
    entry = AuditEntry.objects.get(action="view")
    assert (entry.actor, entry.object_id) == (specialist, str(conversation.pk))


def test_it_offers_the_status_change_to_the_holder_only(
    client, make_conversation, specialist, other_specialist, supervisor
):
    conversation = make_conversation(assignee=specialist)
    url = en("inbox:conversation", pk=conversation.pk)

    client.force_login(specialist)
    holder = client.get(url).content.decode()
    client.force_login(supervisor)
    boss = client.get(url).content.decode()

    status_url = en("inbox:status", pk=conversation.pk)
    assert status_url in holder
    assert status_url in boss
    assert en("inbox:assign", pk=conversation.pk) in boss
    assert en("inbox:assign", pk=conversation.pk) not in holder


def test_it_lets_a_channel_lead_to_its_own_conversation_page(
    specialist_client, make_conversation, monkeypatch
):
    conversation = make_conversation("chat")
    monkeypatch.setattr(
        "linija.inbox.selectors.conversation_url_builders",
        lambda: {"chat": lambda conversation: f"/staff/chat/?conversation={conversation.pk}"},
    )

    response = specialist_client.get(en("inbox:rows"))

    assert response.context["items"][0].url == f"/staff/chat/?conversation={conversation.pk}"


def test_it_counts_a_new_letter_and_a_missed_call_as_waiting(
    specialist_client, make_conversation, specialist
):
    letter = make_conversation("email")
    taken = make_conversation("email", assignee=specialist, status=ConversationStatus.OPEN)
    missed = Callback.objects.create(
        source=CallbackSource.MISSED_CALL, due_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    response = specialist_client.get(en("inbox:waiting"))

    assert sorted(response.json()["keys"]) == sorted(
        [f"conversation-{letter.pk}", f"callback-{missed.pk}"]
    )
    assert f"conversation-{taken.pk}" not in response.json()["keys"]
    assert "mail.received" in response.json()["events"]
