"""Every staff page alerts to a new chat: the tab title counts what waits, a tone plays unless
muted, and a desktop notification shows while the page is hidden. The chat starts in the server
process (a visitor's page), whose broadcast reaches the staff page's socket."""

import re
from datetime import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linija.chat.models import SpecialistPresence
from linija.hours.models import HoursException

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The page's Notification and AudioContext, counted: the test cannot hear or see the desktop.
STUBS = """
window.notes = [];
window.tones = 0;
window.Notification = function (title, options) { window.notes.push(options.body); };
window.Notification.permission = "granted";
window.Notification.requestPermission = function () { return Promise.resolve("granted"); };
window.AudioContext = function () {
  this.currentTime = 0;
  this.state = "running";
  this.destination = {};
  this.createOscillator = function () {
    return { frequency: {}, connect: function () {}, start: function () { window.tones += 1; },
             stop: function () {} };
  };
  this.createGain = function () {
    return { gain: { setValueAtTime: function () {}, exponentialRampToValueAtTime: function () {} },
             connect: function () {} };
  };
};
Object.defineProperty(document, "hidden", { get: function () { return Boolean(window.away); } });
"""


def start_chat(chromium, server, name):
    visitor = chromium.new_context(locale="en-GB")
    page = visitor.new_page()
    page.goto(f"{server.url}/en/pokalbis/")
    page.get_by_label("What may we call you?").fill(name)
    page.get_by_role("button", name="Start the chat").click()
    expect(page.locator("#chat-status-heading")).to_have_text("You are in the queue")
    return visitor


def test_it_alerts_to_a_new_chat_on_every_staff_page(
    asgi_server, page, client, chromium, specialist, other_specialist, seeded
):
    HoursException.objects.create(
        date=timezone.localdate(), closed=False, opens=time(0, 0), closes=time(23, 59)
    )
    SpecialistPresence.objects.create(
        user=other_specialist, status="online", connections=1, last_seen_at=timezone.now()
    )
    server = asgi_server()
    client.force_login(specialist)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
    )
    page.add_init_script(STUBS)
    page.goto(f"{server.url}/en/staff/mail/")
    page.wait_for_selector('html[data-live="connected"]')
    title = page.title()
    sound = page.get_by_label("Alert sound")
    expect(sound).to_be_checked()

    page.evaluate("window.away = true")
    visitors = [start_chat(chromium, server, "Rūta")]
    expect(page).to_have_title(f"(1) {title}")
    page.wait_for_function("window.tones === 1 && window.notes.length === 1")
    assert page.evaluate("window.notes") == ["Waiting in the inbox: 1"]

    sound.uncheck()
    page.reload()
    expect(page.get_by_label("Alert sound")).not_to_be_checked()
    page.evaluate("window.away = false")
    visitors.append(start_chat(chromium, server, "Jonas"))
    expect(page).to_have_title(re.compile(r"^\(2\) "))
    assert page.evaluate("[window.tones, window.notes.length]") == [0, 0]
    for visitor in visitors:
        visitor.close()
