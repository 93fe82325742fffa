"""A specialist runs a shift from the inbox at 1366×768, by keyboard: claims a chat, opens it,
completes its record, closes it, and sees a visitor's new e-mail arrive without reloading.

The new item comes from the server process itself: a visitor posts the public contact form
(``mail:contact``), whose service opens the conversation and broadcasts ``mail.received``.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linija.chat.models import ChatSession
from linija.consultations.models import (
    CallerCategory,
    Consultation,
    Conversation,
    ConversationStatus,
    Outcome,
    Topic,
)
from linija.consultations.services import conversation_open, message_add

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1366, 768


def log_in(page, client, user, server):
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
    )
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})


def open_inbox(page, server):
    page.goto(server.url + "/staff/inbox/")
    page.wait_for_selector('html[data-live="connected"]')


def test_it_runs_a_shift_from_the_inbox(asgi_server, page, client, chromium, specialist):
    server = asgi_server()
    chat = conversation_open(channel="chat")
    message_add(conversation=chat, direction="in", body="Laba diena, norime tapti globėjais.")
    log_in(page, client, specialist, server)

    open_inbox(page, server)
    row = page.locator(f'tr[data-key="conversation-{chat.pk}"]')
    claim = row.locator('[data-control="claim"]')
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    box = claim.bounding_box()
    assert box["x"] + box["width"] <= WIDTH and box["y"] + box["height"] <= HEIGHT

    page.keyboard.press("j")
    link = row.locator('[data-control="link"]')
    expect(link).to_be_focused()
    expect(row).to_have_class(re.compile("is-current"))
    page.keyboard.press("c")
    expect(row).to_have_class(re.compile("is-mine"))
    expect(claim).to_have_count(0)
    assert Conversation.objects.get(pk=chat.pk).assignee == specialist

    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/inbox/conversations/{chat.pk}/")
    record = Consultation.objects.get(conversation=chat)
    page.click(f'a[href$="/staff/consultations/{record.pk}/edit/"]')
    ended = max(timezone.now(), record.started_at + datetime.timedelta(seconds=1))
    page.fill("#id_ended_at", timezone.localtime(ended).strftime("%Y-%m-%dT%H:%M:%S"))
    page.select_option(
        "#id_caller_category", str(CallerCategory.objects.get(code="prospective").pk)
    )
    page.check(f'input[name="topics"][value="{Topic.objects.get(code="eligibility").pk}"]')
    page.select_option("#id_contact_order", "first")
    page.select_option("#id_outcome", str(Outcome.objects.get(code="informed").pk))
    page.click('button[name="action"][value="complete"]')
    page.wait_for_url(f"**/staff/consultations/{record.pk}/")
    assert Consultation.objects.get(pk=record.pk).is_completed

    page.goto(server.url + f"/staff/inbox/conversations/{chat.pk}/")
    page.select_option("#id_status", "closed")
    page.click('form[action$="/status/"] button[type="submit"]')
    page.wait_for_url(f"**/staff/inbox/conversations/{chat.pk}/")
    assert Conversation.objects.get(pk=chat.pk).status == ConversationStatus.CLOSED

    open_inbox(page, server)
    expect(page.locator("#inbox-rows tr[data-key]")).to_have_count(0)
    page.evaluate("window.stillTheSamePage = true")
    visitor = chromium.new_context(locale="lt-LT")
    try:
        letter = visitor.new_page()
        letter.goto(server.url + "/rasykite/")
        letter.fill("#id_email", "rasytoja@example.lt")
        letter.fill("#id_text", "Norėčiau sužinoti, kaip tapti budinčia globotoja.")
        letter.check("#id_consent")
        letter.click("main form button[type='submit']")
        letter.wait_for_url("**/rasykite/issiusta/")
    finally:
        visitor.close()

    arrived = page.locator('#inbox-rows tr[data-key^="conversation-"]')
    expect(arrived).to_have_count(1)
    expect(arrived).to_have_class(re.compile("is-new"))
    expect(page.locator("#inbox-announce")).to_contain_text(arrived.get_attribute("data-title"))
    assert arrived.get_attribute("data-key") != f"conversation-{chat.pk}"
    assert page.evaluate("window.stillTheSamePage") is True


def test_it_lets_a_supervisor_filter_and_assign_by_keyboard(
    asgi_server, page, client, supervisor, specialist
):
    server = asgi_server()
    mail = conversation_open(channel="email", subject="Dėl globos išmokos")
    chat = conversation_open(channel="chat")
    log_in(page, client, supervisor, server)
    open_inbox(page, server)
    rows = page.locator("#inbox-rows tr[data-key]")
    expect(rows).to_have_count(2)
    page.evaluate("window.stillTheSamePage = true")

    page.keyboard.press("/")
    expect(page.locator("#id_channel")).to_be_focused()
    page.select_option("#id_channel", "email")
    expect(rows).to_have_count(1)
    assert page.url.endswith("/staff/inbox/?channel=email")
    expect(page.locator("#inbox-announce")).to_contain_text("1")
    page.keyboard.press("Escape")
    row = page.locator(f'tr[data-key="conversation-{mail.pk}"]')
    expect(row.locator('[data-control="link"]')).to_be_focused()

    page.keyboard.press("a")
    choice = row.locator('select[data-control="assign"]')
    expect(choice).to_be_focused()
    choice.select_option(str(specialist.pk))
    page.keyboard.press("Enter")
    expect(row.locator(".holder")).to_contain_text("Ona")
    expect(page.locator("#inbox-feedback")).not_to_be_empty()
    assert Conversation.objects.get(pk=mail.pk).assignee == specialist
    assert Conversation.objects.get(pk=chat.pk).assignee is None

    page.keyboard.press("?")
    expect(page.locator("#inbox-help")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#inbox-help")).to_be_hidden()
    assert page.evaluate("window.stillTheSamePage") is True


def test_it_names_a_waiting_chats_visitor_and_shows_the_last_message(
    asgi_server, page, client, specialist
):
    chat = conversation_open(channel="chat")
    session = ChatSession.objects.create(conversation=chat, token_hash="t" * 64, nickname="Rūta")
    message_add(conversation=chat, direction="in", body="Laba diena.")
    message_add(conversation=chat, direction="in", body="Ar galiu tapti\nglobėja, jei dirbu?")
    message_add(conversation=chat, direction="note", body="Vidinė pastaba")
    server = asgi_server()
    log_in(page, client, specialist, server)
    open_inbox(page, server)

    row = page.locator(f'tr[data-key="conversation-{session.conversation_id}"]')
    expect(row.locator('[data-control="link"]')).to_contain_text("Rūta")
    expect(row.locator(".item-preview")).to_have_text("Ar galiu tapti globėja, jei dirbu?")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_it_gives_staff_pages_a_compact_header_and_a_phone_sized_inbox(
    asgi_server, page, client, specialist
):
    mail = conversation_open(channel="email", subject="Dėl globos išmokos ir dokumentų")
    message_add(conversation=mail, direction="in", body="Sveiki, kokių dokumentų reikia?")
    server = asgi_server()
    log_in(page, client, specialist, server)
    for path in ("/staff/inbox/", "/staff/chat/", "/staff/mail/", "/staff/consultations/"):
        page.goto(server.url + path)
        expect(page.locator(".site-header, .site-footer")).to_have_count(0)
        assert page.locator("h1").bounding_box()["y"] < 120, path

    page.set_viewport_size({"width": 390, "height": 844})
    open_inbox(page, server)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("h1").bounding_box()["y"] < 200
    row = page.locator(f'tr[data-key="conversation-{mail.pk}"]')
    for part in (row.locator('[data-control="link"]'), row.locator('[data-control="claim"]')):
        box = part.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    expect(row.locator(".item-preview")).to_be_visible()
    row.locator('[data-control="claim"]').click()
    expect(row).to_have_class(re.compile("is-mine"))
    last = page.locator(".staff-nav a").last
    last.focus()
    expect(last).to_be_in_viewport()
