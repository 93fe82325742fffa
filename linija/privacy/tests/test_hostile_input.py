"""Hostile input on what one person writes and another reads, and on the public endpoints:
rendered harmless, or refused with a clear 4xx that stores nothing."""

import csv
import io
import json
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from linija.chat import services as chat_services
from linija.chat.services import ChatError
from linija.chat.tests.conftest import go_online
from linija.consultations.models import (
    CallerCategory,
    Case,
    Consultation,
    Conversation,
    Municipality,
    Outcome,
    Topic,
)
from linija.consultations.services import conversation_open
from linija.knowledge.models import Article
from linija.mail.attachments import filename_safe
from linija.mail.ingest import letter_ingest
from linija.mail.models import Attachment, Letter, OutboxMessage
from linija.mail.outbox import email_build, outbox_add
from linija.phone.models import Call, Callback, CallbackSource, Exchange
from linija.reports.exports import FORMULA_STARTS, cell_safe

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMAGE = '<img src=x onerror="alert(1)">'


def test_it_escapes_a_callback_name(specialist_client):
    Callback.objects.create(
        source=CallbackSource.WEB_FORM, phone="+37061234567", name=SCRIPT, due_at=timezone.now()
    )

    page = specialist_client.get(reverse("phone:callback_list")).text

    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_it_escapes_what_came_through_the_contact_form(client, specialist):
    sent = client.post(
        reverse("mail:contact"),
        {"name": SCRIPT, "email": "ona@example.lt", "text": f"{SCRIPT}{IMAGE}", "consent": "on"},
    )
    assert sent.status_code == 302
    conversation = Letter.objects.get().conversation_message.conversation
    client.force_login(specialist)

    pages = [
        client.get(reverse("mail:conversation", args=[conversation.pk])).text,
        client.get(reverse("inbox:index")).text,
        client.get(reverse("inbox:rows")).text,
    ]

    assert any("&lt;script&gt;" in page for page in pages)
    for page in pages:
        assert SCRIPT not in page and IMAGE not in page


def test_it_sanitises_a_knowledge_article(specialist_client):
    article = Article.objects.filter(audience="public").first()
    Article.objects.filter(pk=article.pk).update(
        body=f"{SCRIPT}\n\n[press](javascript:alert(1))\n\n{IMAGE}"
    )

    staff = specialist_client.get(reverse("knowledge:staff_detail", args=[article.pk])).text

    assert SCRIPT not in staff and "javascript:" not in staff and "onerror" not in staff


def test_it_refuses_an_oversized_contact_message(client):
    response = client.post(
        reverse("mail:contact"),
        {"name": "Ona", "email": "ona@example.lt", "text": "a" * 200_000, "consent": "on"},
    )

    assert response.status_code in (200, 400)
    assert 'class="errorlist' in response.text
    assert not Letter.objects.exists()


def test_it_refuses_a_malformed_or_oversized_exchange_event(client):
    exchange = Exchange.objects.create(name="Test", token="test-exchange-token-0123456789")
    url = reverse("phone_api:cti", args=[exchange.token])

    malformed = client.post(url, "{not json", content_type="application/json")
    oversized = client.post(
        url, json.dumps({"event": "x", "pad": "a" * 6_000_000}), content_type="application/json"
    )

    assert 400 <= malformed.status_code < 500
    assert 400 <= oversized.status_code < 500
    assert not Call.objects.exists()


# --- Formula injection in the report exports ------------------------------------------------


FORMULAS = ['=HYPERLINK("http://x.example","y")', "+1+1", "-2+3", "@SUM(A1:A9)"]


def test_it_neutralises_formulas_in_every_name_a_report_export_shows(supervisor_client):
    chosen = {
        "municipality": Municipality.objects.first(),
        "topic": Topic.objects.filter(parent=None).first(),
        "outcome": Outcome.objects.first(),
        "caller_category": CallerCategory.objects.first(),
    }
    for formula, entry in zip(FORMULAS, chosen.values(), strict=True):
        type(entry).objects.filter(pk=entry.pk).update(name_en=formula, name_lt=formula)
    query = {"period": "month", "on": "2026-03-04", **{k: v.pk for k, v in chosen.items()}}

    response = supervisor_client.get(reverse("reports:export_csv"), query)

    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    cells = [cell for line in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in line]
    for formula in FORMULAS:
        assert f"'{formula}" in cells
    assert not [cell for cell in cells if cell.lstrip().startswith(("=", "+", "@"))]
    assert all(
        not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit() for cell in cells
    )


@given(value=st.text(max_size=50))
@settings(max_examples=200, deadline=None)
def test_it_never_lets_an_export_cell_start_like_a_formula(value):
    safe = cell_safe(value)

    assert not safe.lstrip(" ").startswith(FORMULA_STARTS)
    assert safe in (value, "'" + value)


# --- Header injection in outgoing e-mail ----------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"subject": "Labas\r\nBcc: evil@example.com"},
        {"subject": "Labas\nBcc: evil@example.com"},
        {"to": ["ona@example.lt\r\nBcc: evil@example.com"]},
        {"to": ["ona@example.lt, evil@example.com"]},
        {"sender": "linija@example.lt\r\nBcc: evil@example.com"},
        {"cc": ["x@example.lt\nTo: evil@example.com"]},
    ],
)
def test_it_refuses_a_header_injection_into_an_outgoing_letter(change):
    letter = {"to": ["ona@example.lt"], "subject": "Labas", "body": "Tekstas"}

    with pytest.raises(ValidationError):
        outbox_add(**{**letter, **change})

    assert not OutboxMessage.objects.exists()


def test_it_sends_a_letter_with_exactly_the_headers_it_was_given(mailoutbox):
    outgoing = outbox_add(to=["ona@example.lt"], subject="Ačiū – jūsų laiškas", body="Tekstas")

    message = email_build(outgoing).message().as_bytes()

    headers = message.split(b"\n\n", 1)[0].decode()
    assert "Bcc" not in headers
    assert headers.count("\nSubject:") == 1
    assert headers.count("\nTo:") == 1


def test_it_refuses_a_visitor_address_with_a_line_break(client, specialist):
    contact = client.post(
        reverse("mail:contact"),
        {"email": "ona@example.lt\r\nBcc: evil@example.com", "text": "Sveiki", "consent": "on"},
    )
    go_online(specialist)
    session, _token = chat_services.chat_start()
    chat_services.chat_end(session_id=session.pk, ended_by="visitor")

    with pytest.raises(ChatError) as transcript:
        chat_services.chat_transcript_send(
            session_id=session.pk, email="ona@example.lt\nBcc: evil@example.com"
        )

    assert contact.status_code == 400
    assert transcript.value.code == "invalid"
    assert not OutboxMessage.objects.exists()


def test_it_keeps_an_encoded_line_break_in_a_visitors_subject_out_of_the_headers():
    raw = (
        b"From: Ona <ona@example.lt>\r\nTo: linija@example.lt\r\n"
        b"Subject: =?utf-8?q?Labas=0D=0ABcc:_evil@example.com?=\r\n"
        b"Message-ID: <hostile-1@example.lt>\r\n\r\nTekstas\r\n"
    )

    letter_ingest(raw=raw)

    for outgoing in OutboxMessage.objects.all():
        headers = email_build(outgoing).message().as_bytes().split(b"\n\n", 1)[0]
        assert b"Bcc" not in headers


# --- Path traversal in attachment names -----------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["../../../etc/passwd.pdf", "..\\..\\windows\\win.ini.pdf", "/etc/shadow.pdf", ".htaccess.pdf"],
)
def test_it_keeps_an_attachment_inside_its_folder_whatever_its_name(name, settings, tmp_path):
    settings.LINIJA_MAIL_PRIVATE_DIR = str(tmp_path / "private")
    message = EmailMessage()
    message["From"] = "ona@example.lt"
    message["To"] = "linija@example.lt"
    message["Subject"] = "Dokumentas"
    message["Message-ID"] = "<traversal@example.lt>"
    message.set_content("Prisegu")
    message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename=name)

    letter_ingest(raw=message.as_bytes())

    attachment = Attachment.objects.get()
    assert "/" not in attachment.filename and "\\" not in attachment.filename
    assert not attachment.filename.startswith(".")
    stored = Path(attachment.file.path).resolve()
    assert stored.is_relative_to((tmp_path / "private").resolve())


@given(name=st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_it_makes_any_attachment_name_a_plain_file_name(name):
    safe = filename_safe(name)

    assert safe and len(safe) <= 150
    assert "/" not in safe and "\\" not in safe and "\x00" not in safe
    assert not safe.startswith(".")
    assert safe not in (".", "..")


# --- Object ids of someone else -------------------------------------------------------------


def test_it_answers_another_specialists_records_exactly_as_missing_ones(
    client, specialist, other_specialist
):
    now = timezone.now()
    consultation = Consultation.objects.create(
        channel="phone", started_at=now, specialist=other_specialist
    )
    case = Case.objects.create(title="Kita", owner=other_specialist, consent_given_at=now)
    conversation = conversation_open(channel="email", contact_address="ona@example.lt")
    Conversation.objects.filter(pk=conversation.pk).update(assignee=other_specialist)
    Consultation.objects.filter(pk=conversation.consultation_id).update(specialist=other_specialist)
    go_online(other_specialist)
    chat, _token = chat_services.chat_start()
    chat_services.chat_accept(session_id=chat.pk, user=other_specialist)
    theirs = {
        "consultations:detail": consultation.pk,
        "consultations:edit": consultation.pk,
        "inbox:case_detail": case.pk,
        "inbox:conversation": conversation.pk,
        "mail:conversation": conversation.pk,
        "chat:session": chat.pk,
    }
    client.force_login(specialist)

    for name, pk in theirs.items():
        paths = reverse(name, args=[pk]), reverse(name, args=[999999])
        other, missing = (client.get(path) for path in paths)
        assert other.status_code == missing.status_code == 404, name
        # The page names the address asked for (its language switch leads to the same one).
        assert other.content.decode().replace(paths[0], "") == missing.content.decode().replace(
            paths[1], ""
        ), name


# --- Oversized bodies on the public endpoints -----------------------------------------------


TWO_MB = "a" * (2 * 1024 * 1024)


def test_it_refuses_two_megabytes_on_each_public_form(client):
    contact = client.post(
        reverse("mail:contact"),
        {"name": TWO_MB, "email": "ona@example.lt", "text": TWO_MB, "consent": "on"},
    )
    callback = client.post(
        reverse("phone:callback_request"),
        {"phone": "+37061234567", "name": TWO_MB, "consent": "on"},
    )

    assert contact.status_code == callback.status_code == 400
    assert 'class="errorlist' in contact.text and 'class="errorlist' in callback.text
    assert not Letter.objects.exists()
    assert not Conversation.objects.exists()
    assert not Callback.objects.exists()


def test_it_refuses_two_megabytes_on_the_cti_webhook_unread(client):
    exchange = Exchange.objects.create(name="Test", token="test-exchange-token-0123456789")
    event = {"event": "newCall", "from": "+37061234567", "to": "8800", "callId": "c1"}

    response = client.post(
        reverse("phone_api:cti", args=[exchange.token]),
        json.dumps({**event, "pad": TWO_MB}),
        content_type="application/json",
    )

    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert not Call.objects.exists()
