"""The chat in real Chromium against a real ASGI server: a visitor and specialists in separate
browser contexts, and the widget framed by another site."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linija.hours.models import HoursException

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = "https://neutral.example/"


@pytest.fixture
def portal():
    """Another site on this machine ("localhost", a different site from the server's
    127.0.0.1) whose page carries the widget's script tag."""
    page = {"html": ""}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = page["html"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://localhost:{server.server_port}", page=page)
    server.shutdown()


def test_it_offers_a_message_and_a_call_back_in_the_widget_after_hours(asgi_server, page, portal):
    HoursException.objects.create(date=timezone.localdate(), closed=True, reason="Mokymai")
    server = asgi_server(
        LINIJA_CHAT_ALLOWED_ORIGINS=portal.url,
        LINIJA_CHAT_FOLLOW_HOURS="1",
        LINIJA_QUICK_EXIT_URL=NEUTRAL,
    )
    portal.page["html"] = (
        "<!doctype html><html lang='en'><title>Portal</title><h1>Foster care portal</h1>"
        f"<script src='{server.url}/chat/widget.js' data-lang='en' defer></script></html>"
    )
    page.route(f"{NEUTRAL}**", lambda route: route.fulfill(body="<h1>Weather</h1>"))
    page.goto(f"{portal.url}/")

    page.get_by_role("button", name="Chat with a specialist").click()
    frame = page.frame_locator("#linija-chat-frame")
    expect(frame.get_by_role("heading", name="The line is closed now")).to_be_visible()
    expect(frame.locator("#chat-next-opening")).to_contain_text("We open")

    frame.get_by_role("button", name="Ask for a call back").click()
    frame.get_by_label("Your phone number").fill("+370 612 34567")
    preferred = frame.get_by_label("When may we call?")
    preferred.select_option(index=1)
    frame.get_by_role("button", name="Ask for the call").click()
    expect(frame.locator("#chat-offline-done")).to_contain_text("A specialist will call you")

    frame.get_by_role("button", name="Leave a message").click()
    form = frame.locator("#chat-message-form")
    form.get_by_label("Your e-mail address").fill("ruta@example.com")
    form.get_by_label("Your message").fill("Kaip tapti globėja?")
    frame.get_by_role("button", name="Send the message").click()
    expect(frame.locator("#chat-offline-done")).to_contain_text("we will answer by e-mail")

    frame.get_by_role("link", name="Quick exit").click()
    expect(page).to_have_url(NEUTRAL)
    page.go_back()
    assert not page.url.startswith(portal.url)
