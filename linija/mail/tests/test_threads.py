"""A letter joins a thread by its In-Reply-To or References only from the thread's
correspondent; anybody else's opens a conversation claiming the thread, which a specialist
may link in by hand."""

import pytest

from linija.accounts.models import AuditEntry
from linija.consultations.models import Consultation, Conversation
from linija.mail.ingest import letter_ingest
from linija.mail.models import Letter, OutboxMessage, ThreadClaim
from linija.mail.replies import reply_send
from linija.mail.tests.test_ingest import letter

pytestmark = pytest.mark.django_db


def thread_and_claim() -> tuple[Conversation, Conversation]:
    """Ona's conversation, and the one a stranger's reply to its acknowledgement opened."""
    thread = letter_ingest(raw=letter()).letter.conversation_message.conversation
    acknowledgement = OutboxMessage.objects.get(conversation=thread)
    stranger = letter(
        sender="svetimas@example.lt",
        message_id="<s1@example.lt>",
        subject="Re: Gavome",
        extra=f"In-Reply-To: {acknowledgement.message_id}",
    )
    claiming = letter_ingest(raw=stranger).letter.conversation_message.conversation
    return thread, claiming


def test_it_opens_a_conversation_claiming_the_thread_for_a_stranger():
    thread, claiming = thread_and_claim()
    assert claiming != thread
    assert thread.messages.count() == 1
    assert ThreadClaim.objects.get().claimed == thread
    assert claiming.thread_claim.linked_at is None
    [acknowledgement] = OutboxMessage.objects.filter(to=["svetimas@example.lt"])
    assert acknowledgement.conversation == claiming
    assert f"#{thread.pk}" not in acknowledgement.subject


def test_it_still_threads_the_correspondents_reply():
    thread = letter_ingest(raw=letter()).letter.conversation_message.conversation
    acknowledgement = OutboxMessage.objects.get(conversation=thread)
    reply = letter(message_id="<m2@example.lt>", extra=f"References: {acknowledgement.message_id}")
    assert letter_ingest(raw=reply).letter.conversation_message.conversation == thread
    assert not ThreadClaim.objects.exists()


def test_it_links_the_claim_by_hand_and_threads_the_senders_next_letters(client, specialist):
    thread, claiming = thread_and_claim()
    client.force_login(specialist)
    page = client.get(f"/staff/mail/{claiming.pk}/").content.decode()
    assert f'href="/staff/mail/{thread.pk}/"' in page
    assert f'action="/staff/mail/{claiming.pk}/link/"' in page
    response = client.post(f"/staff/mail/{claiming.pk}/link/")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/mail/{thread.pk}/"
    assert not Conversation.objects.filter(pk=claiming.pk).exists()
    assert Consultation.objects.count() == 1
    assert thread.messages.count() == 2
    claim = ThreadClaim.objects.get()
    assert claim.linked_by == specialist and claim.linked_at is not None
    assert AuditEntry.objects.filter(object_id=str(thread.pk), detail__linked=claiming.pk).exists()
    later = letter(
        sender="svetimas@example.lt",
        message_id="<s2@example.lt>",
        extra=f"In-Reply-To: {Letter.objects.get(message_id='<s1@example.lt>').message_id}",
    )
    assert letter_ingest(raw=later).letter.conversation_message.conversation == thread
    outgoing = reply_send(conversation=thread, user=specialist, body="Atsakome.")
    assert outgoing.to == ["svetimas@example.lt"]


def test_it_links_only_for_staff_who_may_see_and_change_both(
    client, specialist, other_specialist, outsider
):
    thread, claiming = thread_and_claim()
    Conversation.objects.filter(pk=thread.pk).update(assignee=other_specialist)
    client.force_login(specialist)
    assert client.get(f"/staff/mail/{claiming.pk}/link/").status_code == 405
    assert client.post(f"/staff/mail/{claiming.pk}/link/").status_code in {403, 404}
    client.force_login(outsider)
    assert client.post(f"/staff/mail/{claiming.pk}/link/").status_code in {302, 403, 404}
    assert ThreadClaim.objects.get().linked_at is None
    assert Conversation.objects.filter(pk=claiming.pk).exists()
