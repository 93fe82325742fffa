"""The specialists' pages of the e-mail channel: conversations, answers, status, files."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from linija.accounts.models import AuditEntry
from linija.consultations.models import Conversation, ConversationStatus, Direction
from linija.mail.ingest import letter_ingest
from linija.mail.models import Letter, OutboxMessage, OutboxStatus

pytestmark = pytest.mark.django_db

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201e221bc330000000049454e44ae426082"
)


def incoming(*, message_id="<v1@example.lt>", html=True, extra_parts="") -> Letter:
    image = PNG.hex()
    raw = (
        "From: Ona Petrauskaitė <ona@example.lt>\r\nTo: linija@pastoge.lt\r\n"
        f"Subject: Dėl globos\r\nMessage-ID: {message_id}\r\n"
        "Date: Mon, 06 May 2024 14:03:00 +0300\r\n"
        "Content-Type: multipart/mixed; boundary=M\r\n\r\n"
        "--M\r\nContent-Type: multipart/related; boundary=R\r\n\r\n"
        "--R\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        + (
            "<p>Laba diena,</p><p>kaip tapti <b>globėju</b>?</p><script>alert(1)</script>"
            '<img src="cid:pic@x"><img src="https://tracker.example/p.gif">\r\n'
            if html
            else "<p>Laba diena</p>\r\n"
        )
        + "--R\r\nContent-Type: image/png\r\nContent-ID: <pic@x>\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
        + __import__("base64").b64encode(bytes.fromhex(image)).decode()
        + "\r\n--R--\r\n"
        "--M\r\nContent-Type: application/pdf\r\n"
        'Content-Disposition: attachment; filename="pažyma.pdf"\r\n\r\n'
        "%PDF-1.4 pažyma\r\n" + extra_parts + "--M--\r\n"
    ).encode()
    return letter_ingest(raw=raw).letter


@pytest.fixture
def letter_in():
    return incoming()


@pytest.fixture
def conversation(letter_in):
    return letter_in.conversation_message.conversation


def test_it_lists_the_open_conversations(specialist_client, conversation):
    response = specialist_client.get(reverse("mail:list"))
    assert response.status_code == 200
    assert "Dėl globos" in response.content.decode()
    closed = specialist_client.get(reverse("mail:list"), {"status": "closed"})
    assert "Dėl globos" not in closed.content.decode()


def test_it_shows_a_conversation_with_plain_text_first_and_audits_it(
    specialist_client, specialist, conversation, letter_in
):
    response = specialist_client.get(reverse("mail:conversation", args=[conversation.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "kaip tapti globėju?" in page
    assert "<script>alert" not in page
    assert reverse("mail:letter_html", args=[letter_in.pk]) in page
    assert 'sandbox="allow-popups allow-popups-to-escape-sandbox allow-same-origin"' in page
    assert "pažyma.pdf" in page
    assert "&gt; kaip tapti globėju?" in page  # the reply starts with the quote
    assert AuditEntry.objects.filter(
        actor=specialist, action="view", object_id=str(conversation.pk)
    ).exists()


def test_it_hides_conversations_of_other_specialists(
    client, other_specialist, specialist_client, specialist, conversation
):
    Conversation.objects.filter(pk=conversation.pk).update(assignee=other_specialist)
    url = reverse("mail:conversation", args=[conversation.pk])
    assert specialist_client.get(url).status_code == 404
    assert specialist_client.get(reverse("mail:conversation", args=[99999])).status_code == 404


def test_it_lets_a_supervisor_see_every_conversation(
    supervisor_client, other_specialist, conversation
):
    Conversation.objects.filter(pk=conversation.pk).update(assignee=other_specialist)
    assert (
        supervisor_client.get(reverse("mail:conversation", args=[conversation.pk])).status_code
        == 200
    )


def test_it_keeps_outsiders_out(outsider_client, client, conversation):
    url = reverse("mail:conversation", args=[conversation.pk])
    assert outsider_client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_it_sends_an_answer_with_threading_and_attachments(
    specialist_client, specialist, conversation, letter_in
):
    upload = SimpleUploadedFile("Atmintinė.pdf", b"%PDF-1.4 atmintine", "application/pdf")
    response = specialist_client.post(
        reverse("mail:conversation", args=[conversation.pk]),
        {"body": "Laba diena, siunčiame atmintinę.", "attachments": [upload]},
    )
    assert response.status_code == 302
    outgoing = OutboxMessage.objects.get(conversation=conversation, auto_submitted=False)
    assert outgoing.to == ["ona@example.lt"]
    assert outgoing.in_reply_to == "<v1@example.lt>"
    assert outgoing.references == "<v1@example.lt>"
    assert outgoing.subject == f"Re: Dėl globos [Linija #{conversation.pk}]"
    assert outgoing.conversation_message.direction == Direction.OUT
    assert outgoing.conversation_message.author == specialist
    assert [item.filename for item in outgoing.attachments.all()] == ["Atmintinė.pdf"]
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.WAITING
    assert conversation.assignee == specialist
    page = specialist_client.get(response["Location"]).content.decode()
    assert "Laba diena, siunčiame atmintinę." in page
    assert "Queued" in page or "Eilėje" in page


def test_it_refuses_an_empty_answer_or_a_dangerous_file_and_sends_nothing(
    specialist_client, conversation
):
    url = reverse("mail:conversation", args=[conversation.pk])
    empty = specialist_client.post(url, {"body": "   "})
    assert empty.status_code == 400
    assert 'role="alert"' in empty.content.decode()
    upload = SimpleUploadedFile("programa.exe", b"MZ\x90\x00", "application/octet-stream")
    dangerous = specialist_client.post(url, {"body": "Štai programa.", "attachments": [upload]})
    assert dangerous.status_code == 400
    assert "programa.exe" in dangerous.content.decode()
    assert OutboxMessage.objects.filter(auto_submitted=False).count() == 0
    assert conversation.messages.filter(direction=Direction.OUT).count() == 0


def test_it_shows_a_failed_letter_with_its_reason_and_sends_it_again(
    specialist_client, conversation
):
    acknowledgement = OutboxMessage.objects.get(conversation=conversation)
    OutboxMessage.objects.filter(pk=acknowledgement.pk).update(
        status=OutboxStatus.FAILED, last_error="550 5.1.1 No such user"
    )
    page = specialist_client.get(reverse("mail:conversation", args=[conversation.pk]))
    assert "550 5.1.1 No such user" in page.content.decode()
    response = specialist_client.post(reverse("mail:outbox_retry", args=[acknowledgement.pk]))
    assert response.status_code == 302
    acknowledgement.refresh_from_db()
    assert acknowledgement.status in {OutboxStatus.QUEUED, OutboxStatus.SENT}


def test_it_opens_the_record_with_the_times_before_closing(
    specialist_client, specialist, conversation
):
    specialist_client.post(
        reverse("mail:conversation", args=[conversation.pk]), {"body": "Atsakymas."}
    )
    response = specialist_client.post(
        reverse("mail:status", args=[conversation.pk]), {"status": "closed"}
    )
    consultation = conversation.consultation
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:edit", args=[consultation.pk])
    consultation.refresh_from_db()
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.WAITING
    first = conversation.messages.order_by("created_at").first()
    answer = conversation.messages.filter(direction=Direction.OUT).get()
    assert consultation.started_at == first.created_at
    assert consultation.ended_at == answer.created_at
    assert consultation.specialist == specialist
    shown = specialist_client.get(response["Location"]).content.decode()
    assert "0 min" in shown


def test_it_closes_a_conversation_whose_record_is_completed(
    specialist_client, specialist, conversation
):
    from linija.consultations.models import Consultation, Status

    Conversation.objects.filter(pk=conversation.pk).update(assignee=specialist)
    Consultation.objects.filter(pk=conversation.consultation_id).update(status=Status.COMPLETED)
    response = specialist_client.post(
        reverse("mail:status", args=[conversation.pk]), {"status": "closed"}
    )
    assert response["Location"] == reverse("mail:conversation", args=[conversation.pk])
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CLOSED


def test_it_puts_a_conversation_on_hold_and_takes_it_on_the_way(
    specialist_client, specialist, conversation
):
    specialist_client.post(reverse("mail:status", args=[conversation.pk]), {"status": "waiting"})
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.WAITING
    assert conversation.assignee == specialist


def test_it_refuses_an_unknown_status(specialist_client, conversation):
    response = specialist_client.post(
        reverse("mail:status", args=[conversation.pk]), {"status": "deleted"}
    )
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.NEW


def test_it_lets_a_specialist_take_a_conversation(specialist_client, specialist, conversation):
    specialist_client.post(reverse("mail:claim", args=[conversation.pk]))
    conversation.refresh_from_db()
    assert conversation.assignee == specialist
    assert conversation.status == ConversationStatus.OPEN


def test_it_says_who_holds_a_conversation_a_supervisor_may_not_take(
    client, supervisor, other_specialist, conversation
):
    Conversation.objects.filter(pk=conversation.pk).update(assignee=other_specialist)
    client.force_login(supervisor)
    response = client.post(reverse("mail:claim", args=[conversation.pk]), follow=True)
    assert "Petras" in response.content.decode()
    conversation.refresh_from_db()
    assert conversation.assignee == other_specialist


def test_it_serves_attachments_only_as_downloads(specialist_client, specialist, letter_in):
    attachment = letter_in.attachments.get(filename="pažyma.pdf")
    response = specialist_client.get(reverse("mail:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "pa%C5%BEyma.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    assert AuditEntry.objects.filter(actor=specialist, object_type="mail.attachment").exists()


def test_it_refuses_attachments_to_those_who_may_not_see_the_conversation(
    client, specialist, other_specialist, letter_in
):
    attachment = letter_in.attachments.get(filename="pažyma.pdf")
    Conversation.objects.filter(pk=letter_in.conversation_message.conversation_id).update(
        assignee=specialist
    )
    client.force_login(other_specialist)
    assert client.get(reverse("mail:attachment", args=[attachment.pk])).status_code == 404
    assert client.get(reverse("mail:letter_html", args=[letter_in.pk])).status_code == 404
    assert client.get(reverse("mail:letter_raw", args=[letter_in.pk])).status_code == 404


def test_it_serves_the_letter_html_sandboxed_with_its_own_pictures(specialist_client, letter_in):
    response = specialist_client.get(reverse("mail:letter_html", args=[letter_in.pk]))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "frame-ancestors 'self'" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    html = response.content.decode()
    image = letter_in.attachments.get(inline=True)
    assert f'src="{reverse("mail:attachment_image", args=[image.pk])}"' in html
    assert "tracker.example" not in html and "<script" not in html.split("</head>")[1]
    picture = specialist_client.get(reverse("mail:attachment_image", args=[image.pk]))
    assert picture["Content-Type"] == "image/png"
    assert picture["X-Content-Type-Options"] == "nosniff"


def test_it_serves_no_picture_view_for_documents(specialist_client, letter_in):
    document = letter_in.attachments.get(filename="pažyma.pdf")
    url = reverse("mail:attachment_image", args=[document.pk])
    assert specialist_client.get(url).status_code == 404


def test_it_gives_supervisors_the_original_letter(supervisor_client, supervisor, letter_in):
    url = reverse("mail:letter_raw", args=[letter_in.pk])
    response = supervisor_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == Path(letter_in.raw.path).read_bytes()
    assert AuditEntry.objects.filter(actor=supervisor, action="export").exists()


def test_it_lists_filtered_mail_for_supervisors_only(client, specialist, supervisor):
    letter_ingest(raw=b"From: MAILER-DAEMON@mx.example.lt\r\nSubject: Undelivered\r\n\r\nNope.\r\n")
    client.force_login(specialist)
    assert client.get(reverse("mail:filtered")).status_code == 404
    client.force_login(supervisor)
    page = client.get(reverse("mail:filtered")).content.decode()
    assert "Undelivered" in page


def test_it_offers_the_knowledge_base_canned_answers(specialist_client, conversation, monkeypatch):
    class Answer:
        title = "Globėjo reikalavimai"
        body = "Globėju gali tapti 21–65 metų asmuo."

    monkeypatch.setattr("linija.mail.views.canned_answers_for", lambda user: [Answer()])
    page = specialist_client.get(reverse("mail:conversation", args=[conversation.pk]))
    assert "Globėju gali tapti 21–65 metų asmuo." in page.content.decode()


def test_it_keeps_its_pages_free_of_inline_code(specialist_client, conversation, client):
    import re

    pages = [
        specialist_client.get(reverse("mail:list")),
        specialist_client.get(reverse("mail:conversation", args=[conversation.pk])),
    ]
    client.logout()
    pages += [client.get("/rasykite/"), client.get("/en/rasykite/issiusta/")]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=", html)
