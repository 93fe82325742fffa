"""The visitor's chat box on a phone, in real Chromium against a real ASGI server: a long
message is counted, never cut."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from linija.chat.tests import test_browser as chat_browser
from linija.chat.tests.test_browser import go_online
from linija.chat.tests.test_browser_visitor import PHONE, start_chat

MAX_MESSAGE_LENGTH = settings.LINIJA_CHAT_MAX_MESSAGE_LENGTH
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

staff_page = chat_browser.staff_page
line_open_today = chat_browser.line_open_today


def test_it_counts_near_the_limit_and_refuses_a_pasted_message_over_it_without_cutting(
    asgi_server, page, staff_page, specialist, line_open_today
):
    server = asgi_server()
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)
    start_chat(page, server, PHONE)
    counter = page.locator("#chat-input-count")
    message = page.locator("#chat-input")

    message.fill("a" * (MAX_MESSAGE_LENGTH - 100))
    expect(counter).to_have_text(
        f"{MAX_MESSAGE_LENGTH - 100:,} of {MAX_MESSAGE_LENGTH:,} characters"
    )
    expect(counter).to_have_attribute("aria-live", "polite")
    message.fill("ž" * (MAX_MESSAGE_LENGTH + 100))
    assert message.evaluate("field => field.value.length") == MAX_MESSAGE_LENGTH + 100
    expect(counter).to_have_text(
        f"Too long: {MAX_MESSAGE_LENGTH + 100:,} characters, at most {MAX_MESSAGE_LENGTH:,}."
        " Shorten the text to send it."
    )
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Send").click()
    expect(
        page.get_by_role("alert").filter(
            has_text=f"A message can have at most {MAX_MESSAGE_LENGTH:,} characters."
        )
    ).to_be_visible()
    expect(page.locator("#chat-log .chat-msg-own")).to_have_count(0)
    assert message.evaluate("field => field.value.length") == MAX_MESSAGE_LENGTH + 100

    message.fill("a" * (MAX_MESSAGE_LENGTH // 2))
    expect(counter).to_be_hidden()

    # An emoji is one character to the server, though two UTF-16 units to the browser.
    message.fill("🙂" * MAX_MESSAGE_LENGTH)
    expect(counter).to_have_text(f"{MAX_MESSAGE_LENGTH:,} of {MAX_MESSAGE_LENGTH:,} characters")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#chat-log .chat-msg-own .chat-msg-body")).to_have_text(
        "🙂" * MAX_MESSAGE_LENGTH
    )
