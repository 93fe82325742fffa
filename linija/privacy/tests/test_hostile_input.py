"""Hostile input on what one person writes and another reads, and on the public endpoints:
rendered harmless, or refused with a clear 4xx that stores nothing."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from linija.knowledge.models import Article
from linija.mail.models import Letter
from linija.phone.models import Call, Callback, CallbackSource, Exchange

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
