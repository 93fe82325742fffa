"""Data subjects: find, export and erase everything about one e-mail address or phone number."""

import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from linija.accounts.models import AuditEntry
from linija.chat.models import ChatSession, ChatSurvey, ChatTransfer, State
from linija.chat.services import chat_transcript_send
from linija.consultations.models import Consultation, Conversation, Direction, Message
from linija.consultations.services import conversation_open, message_add
from linija.mail.models import (
    Acknowledgement,
    Letter,
    OutboxMessage,
    QuarantinedLetter,
    ThreadClaim,
)
from linija.mail.outbox import outbox_add
from linija.phone.models import Call, Callback, CallbackSource
from linija.privacy.models import SafeguardingFlag
from linija.privacy.pseudonyms import pseudonym
from linija.privacy.services import subject_erase, subject_export
from linija.privacy.subjects import Subject, subject_data

pytestmark = pytest.mark.django_db

EMAIL = "Ona@Example.lt"
PHONE = "8 612 34567"


@pytest.fixture
def person(db):
    mail = conversation_open(
        channel="email",
        subject="Dėl Jono",
        contact_name="Ona",
        contact_address="ona@example.lt",
        caller_key=pseudonym("email", EMAIL),
    )
    message, _created = message_add(conversation=mail, direction=Direction.IN, body="Jonas")
    letter = Letter.objects.create(
        conversation_message=message,
        dedupe_key="one",
        from_address="ona@example.lt",
        text="Jonas",
        subject="Dėl Jono",
    )
    letter.raw.save("one.eml", ContentFile(b"From: ona@example.lt\r\n\r\nJonas"))
    chat = conversation_open(channel="chat", caller_key=pseudonym("email", EMAIL))
    message_add(conversation=chat, direction=Direction.IN, body="Labas, čia Ona")
    call_record = Consultation.objects.create(
        channel="phone", started_at=timezone.now(), caller_key=pseudonym("phone", PHONE)
    )
    Call.objects.create(
        call_id="c1", direction="in", caller_key=pseudonym("phone", PHONE), consultation=call_record
    )
    Callback.objects.create(
        source=CallbackSource.WEB_FORM,
        phone="+37061234567",
        name="Ona",
        due_at=timezone.now(),
        status="done",
    )
    return mail


@pytest.fixture
def stranger(db):
    other = conversation_open(
        channel="email",
        contact_address="petras@example.lt",
        caller_key=pseudonym("email", "p@x.lt"),
    )
    message_add(conversation=other, direction=Direction.IN, body="Petras")
    return other


def test_it_finds_a_person_by_address_and_by_key(person, stranger):
    by_mail = subject_data(Subject.of(EMAIL)).counts()
    by_phone = subject_data(Subject.of(PHONE)).counts()

    assert by_mail["consultations.conversation"] == 2 and by_mail["consultations.message"] == 2
    assert by_mail["mail.letter"] == 1 and by_mail["consultations.consultation"] == 2
    assert by_phone["phone.call"] == 1 and by_phone["phone.callback"] == 1
    assert by_phone["consultations.consultation"] == 1


def test_it_refuses_a_malformed_number():
    with pytest.raises(ValueError):
        Subject.of("12")


def test_it_exports_json_letters_and_chats_in_one_zip(person, stranger, administrator):
    archive = zipfile.ZipFile(
        io.BytesIO(subject_export(subject=Subject.of(EMAIL), user=administrator))
    )

    names = set(archive.namelist())
    assert "data.json" in names
    assert any(name.startswith("mail.letter/") and name.endswith(".eml") for name in names)
    assert any(name.startswith("chats/") for name in names)
    data = json.loads(archive.read("data.json"))
    bodies = {row["fields"]["body"] for row in data["consultations.message"]}
    assert bodies == {"Jonas", "Labas, čia Ona"}
    entry = AuditEntry.objects.get(action="export")
    assert entry.actor == administrator and "ona" not in json.dumps(entry.detail).lower()


def test_it_erases_the_person_and_keeps_the_statistics(person, stranger, administrator):
    records = list(Consultation.objects.values_list("pk", "channel", "started_at"))

    counts = subject_erase(subject=Subject.of(EMAIL), user=administrator)

    assert counts["consultations.conversation"] == 2
    assert list(Consultation.objects.values_list("pk", "channel", "started_at")) == records
    assert Message.objects.exclude(body="").get().body == "Petras"
    person.refresh_from_db()
    assert (person.contact_address, person.contact_name, person.caller_key) == ("", "", "")
    letter = Letter.objects.get()
    assert letter.text == "" and not letter.raw
    assert Conversation.objects.get(pk=stranger.pk).contact_address == "petras@example.lt"
    assert subject_data(Subject.of(EMAIL)).is_empty
    assert AuditEntry.objects.filter(action="delete", actor=administrator).count() == 1


@pytest.fixture
def sent_to_her(db, stranger):
    """What Linija sent to Ona's address outside her own conversations: the transcript of an
    anonymous chat she asked for, and the acknowledgement of her letter in Petras' thread."""
    chat = conversation_open(channel="chat")
    message_add(conversation=chat, direction=Direction.IN, body="Mano sūnus Jonas")
    session = ChatSession.objects.create(
        conversation=chat, token_hash="t" * 64, state=State.ENDED, ended_at=timezone.now()
    )
    chat_transcript_send(session_id=session.pk, email="ONA@example.lt")
    acknowledgement = outbox_add(
        to=["ona@example.lt"],
        subject="Gavome jūsų laišką",
        body="Atsakysime per dvi darbo dienas.",
        conversation=stranger,
        auto_submitted=True,
    )
    Acknowledgement.objects.create(
        conversation=stranger, sender_key=pseudonym("email", EMAIL), outbox=acknowledgement
    )
    outbox_add(to=["ona@example.lt.evil"], subject="Kitam", body="Ne jai")
    return OutboxMessage.objects.filter(to=["ona@example.lt.evil"]).get()


def test_it_finds_the_transcript_and_acknowledgement_sent_to_the_address(sent_to_her):
    data = subject_data(Subject.of(EMAIL))

    bodies = [letter.body for letter in data.rows(OutboxMessage)]
    assert len(bodies) == 2 and "Mano sūnus Jonas" in bodies[0]
    assert bodies[1] == "Atsakysime per dvi darbo dienas."
    assert data.rows(Acknowledgement).count() == 1


def test_it_exports_the_letters_sent_to_the_address(sent_to_her, administrator):
    archive = zipfile.ZipFile(
        io.BytesIO(subject_export(subject=Subject.of(EMAIL), user=administrator))
    )

    outbox = json.loads(archive.read("data.json"))["mail.outboxmessage"]
    assert [row["fields"]["to"] for row in outbox] == [["ONA@example.lt"], ["ona@example.lt"]]


def test_it_erases_the_transcript_and_acknowledgement_sent_to_the_address(
    sent_to_her, administrator
):
    subject_erase(subject=Subject.of(EMAIL), user=administrator)

    left = OutboxMessage.objects.exclude(pk=sent_to_her.pk)
    assert list(left.values_list("to", "subject", "body")) == [([], "", ""), ([], "", "")]
    assert not Acknowledgement.objects.exists()
    sent_to_her.refresh_from_db()
    assert sent_to_her.body == "Ne jai"
    assert subject_data(Subject.of(EMAIL)).is_empty


def test_it_erases_phone_data(person, administrator):
    subject_erase(subject=Subject.of(PHONE), user=administrator)

    assert not Call.objects.exclude(caller_key="").exists()
    callback = Callback.objects.get()
    assert (callback.phone, callback.name) == ("", "")


def test_it_keeps_a_flagged_record(person, administrator, specialist):
    SafeguardingFlag.objects.create(
        consultation=person.consultation, raised_by=specialist, note="Pavojus"
    )

    counts = subject_erase(subject=Subject.of(EMAIL), user=administrator)

    assert counts["kept_for_safeguarding"] == 1
    person.refresh_from_db()
    assert person.contact_address == "ona@example.lt"


def test_it_lets_only_administrators_erase(person, supervisor):
    with pytest.raises(PermissionDenied):
        subject_erase(subject=Subject.of(EMAIL), user=supervisor)

    person.refresh_from_db()
    assert person.contact_address == "ona@example.lt"


def test_it_finds_by_post_on_the_page(person, administrator_client):
    response = administrator_client.post(
        reverse("privacy:subject"), {"value": EMAIL, "action": "find"}
    )

    assert response.status_code == 200
    assert response.context["counts"][1][1] == 2


def test_it_refuses_a_bad_number_on_the_page(administrator_client):
    response = administrator_client.post(
        reverse("privacy:subject"), {"value": "12", "action": "find"}
    )

    assert response.status_code == 400
    assert 'class="errorlist' in response.text


def test_it_exports_a_zip_from_the_page(person, administrator_client):
    response = administrator_client.post(
        reverse("privacy:subject"), {"value": EMAIL, "action": "export"}
    )

    assert response["Content-Type"] == "application/zip"
    assert "data.json" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


def test_it_asks_for_confirmation_before_erasing(person, administrator_client):
    url = reverse("privacy:subject")

    refused = administrator_client.post(url, {"value": EMAIL, "action": "erase"})
    person.refresh_from_db()
    assert refused.status_code == 400 and person.contact_address

    done = administrator_client.post(url, {"value": EMAIL, "action": "erase", "confirm": "on"})
    person.refresh_from_db()
    assert done.status_code == 200 and person.contact_address == ""


def test_it_hides_the_page_from_supervisors(supervisor_client):
    assert supervisor_client.get(reverse("privacy:subject")).status_code == 404
    assert supervisor_client.post(reverse("privacy:subject"), {"value": EMAIL}).status_code == 404


def test_it_exports_and_erases_her_letters_in_the_quarantine(
    stranger, administrator, django_capture_on_commit_callbacks
):
    hers = QuarantinedLetter(mailbox="linija@imap", key="a" * 64, from_address="ONA@example.lt")
    hers.raw.save("hers.eml", ContentFile(b"From: ona@example.lt\r\n\r\nJonas"))
    QuarantinedLetter.objects.create(mailbox="linija@imap", key="b" * 64, from_address="p@x.lt")
    assert subject_data(Subject.of(EMAIL)).counts()["mail.quarantinedletter"] == 1
    archive = zipfile.ZipFile(
        io.BytesIO(subject_export(subject=Subject.of(EMAIL), user=administrator))
    )
    assert archive.read(f"mail.quarantinedletter/{hers.pk}-raw.eml").endswith(b"Jonas")

    with django_capture_on_commit_callbacks(execute=True):
        subject_erase(subject=Subject.of(EMAIL), user=administrator)

    assert QuarantinedLetter.objects.get().from_address == "p@x.lt"
    assert not hers.raw.storage.exists(hers.raw.name)


def test_it_exports_and_erases_her_claims_on_threads_and_her_chats(stranger, administrator):
    key = pseudonym("email", EMAIL)
    ThreadClaim.objects.create(claimed=stranger, sender_key=key)
    chat = conversation_open(channel="chat", caller_key=key)
    session = ChatSession.objects.create(
        conversation=chat, token_hash="s" * 64, nickname="Ona", state=State.ENDED
    )
    ChatTransfer.objects.create(session=session, note="Klausia apie Joną")
    ChatSurvey.objects.create(consultation=chat.consultation, rating=5, comment="Ačiū, Ona")
    counts = subject_data(Subject.of(EMAIL)).counts()
    assert counts["mail.threadclaim"] == 1 and counts["chat.chatsession"] == 1
    assert counts["chat.chattransfer"] == 1 and counts["chat.chatsurvey"] == 1
    archive = zipfile.ZipFile(
        io.BytesIO(subject_export(subject=Subject.of(EMAIL), user=administrator))
    )
    assert json.loads(archive.read("data.json"))["mail.threadclaim"][0]["fields"]["claimed"] == (
        stranger.pk
    )

    subject_erase(subject=Subject.of(EMAIL), user=administrator)

    assert not ThreadClaim.objects.exists()
    assert ChatSession.objects.get().nickname == ""
    assert ChatTransfer.objects.get().note == ""
    assert ChatSurvey.objects.values_list("rating", "comment").get() == (5, "")
    assert Conversation.objects.get(pk=stranger.pk).contact_address == "petras@example.lt"
