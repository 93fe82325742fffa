"""The chat in real Chromium against a real ASGI server: a visitor and specialists in separate
browser contexts, and the widget framed by another site."""

import re
import threading
from datetime import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linija.chat import services
from linija.chat.models import ChatSession, ChatSurvey, SpecialistPresence
from linija.consultations.models import Message
from linija.hours.models import HoursException
from linija.knowledge.models import Article
from linija.testing.browser import outside_the_browser_loop

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


@pytest.fixture
def staff_page(chromium, client):
    """A logged-in staff member's page in a browser context of their own."""
    contexts = []

    def open_for(user, server):
        client.force_login(user)
        context = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
        )
        contexts.append(context)
        return context.new_page()

    yield open_for
    for context in contexts:
        context.close()


@pytest.fixture
def line_open_today(seeded):
    """The line is open all day today, whatever the hour the tests run at."""
    HoursException.objects.create(
        date=timezone.localdate(),
        closed=False,
        opens=time(0, 0),
        closes=time(23, 59),
        reason="Budėjimas",
    )


def go_online(staff) -> None:
    """Check "Online" and wait until the server has it (the console then says so)."""
    staff.get_by_label("Online").check()
    expect(staff.locator("#console-presence-state")).to_have_text(
        "You are online: new chats can come to you."
    )


def test_it_chats_from_the_queue_to_the_survey(
    asgi_server, page, staff_page, specialist, other_specialist, line_open_today
):
    server = asgi_server()
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)
    expect(staff.locator("#console-load")).to_have_text("0 of 3 chats")

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{server.url}/en/pokalbis/")
    expect(page.locator("#chat-prechat")).to_be_visible()
    page.get_by_label("What may we call you?").fill("Rūta")
    page.get_by_label("Who are you?").select_option("kinship_guardian")
    page.get_by_label("What is your question about?").select_option("eligibility")
    page.get_by_role("button", name="Start the chat").click()
    expect(page.locator("#chat-status-heading")).to_have_text("You are in the queue")
    expect(page.locator("#chat-status-detail")).to_contain_text("You are number 1")

    queued = staff.locator(".console-queue-item", has_text="Rūta")
    expect(queued).to_contain_text("Kinship carer")
    queued.get_by_role("button", name="Accept").click()
    expect(page.locator("#chat-status-heading")).to_have_text("You are talking with Ona")
    pane = staff.locator(".chat-pane:visible")
    expect(pane.locator(".pane-title")).to_have_text("Rūta")

    page.locator("#chat-input").press_sequentially("<b>Labas</b>")
    expect(pane.locator(".chat-typing")).to_have_text("Rūta is typing…")
    page.locator("#chat-input").press("Enter")
    expect(pane.locator(".chat-msg-theirs .chat-msg-body")).to_have_text("<b>Labas</b>")
    expect(page.locator(".chat-msg-own")).to_have_attribute("data-delivery", "read")

    pane.locator(".pane-input").press_sequentially("Laba diena")
    expect(page.locator("#chat-typing")).to_have_text("Ona is typing…")
    pane.locator(".pane-input").press("Enter")
    expect(page.locator(".chat-msg-theirs .chat-msg-body")).to_have_text("Laba diena")

    page.reload()
    expect(page.locator("#chat-status-heading")).to_have_text("You are talking with Ona")
    expect(page.locator(".chat-msg-body")).to_have_text(["<b>Labas</b>", "Laba diena"])
    page.locator("#chat-input").fill("Po perkrovimo")
    page.locator("#chat-input").press("Enter")
    expect(pane.locator(".chat-msg-theirs .chat-msg-body")).to_have_text(
        ["<b>Labas</b>", "Po perkrovimo"]
    )

    SpecialistPresence.objects.create(
        user=other_specialist, status="online", connections=1, last_seen_at=timezone.now()
    )
    staff.reload()
    pane = staff.locator(".chat-pane:visible")
    pane.locator(".pane-transfer summary").click()
    pane.get_by_label("To", exact=True).select_option(str(other_specialist.pk))
    pane.get_by_label("Note for the colleague").fill("Klausia apie teismą")
    pane.get_by_role("button", name="Transfer the chat").click()
    expect(page.locator("#chat-status-heading")).to_have_text("You are talking with Petras")
    expect(page.locator("#chat-log")).to_contain_text("You are now talking with Petras.")
    expect(staff.locator(".chat-pane")).to_have_count(0)

    page.get_by_role("button", name="End the chat").click()
    page.get_by_role("button", name="Yes, end it").click()
    expect(page.locator("#chat-ended-heading")).to_be_focused()
    page.get_by_label("5 – very helpful").check()
    page.get_by_label("Anything you would like to tell us?").fill("Ačiū")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.locator("#chat-survey-done")).to_be_visible()

    survey = ChatSurvey.objects.get()
    assert (survey.rating, survey.comment) == (5, "Ačiū")
    assert Message.objects.filter(direction="in").count() == 2


def test_it_opens_the_ended_chats_record_in_a_new_tab_and_keeps_the_console(
    asgi_server, page, staff_page, specialist, line_open_today
):
    server = asgi_server()
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)
    page.goto(f"{server.url}/en/pokalbis/")
    page.get_by_label("Who are you?").select_option("adoptive_parent")
    page.get_by_role("button", name="Start the chat").click()
    staff.get_by_role("button", name="Accept").click()
    expect(page.locator("#chat-status-heading")).to_have_text("You are talking with Ona")

    pane = staff.locator(".chat-pane:visible")
    pane.get_by_role("button", name="End the chat").click()
    pane.get_by_role("button", name="Yes, end it").click()

    record = pane.get_by_role("link", name="Complete the consultation record")
    expect(record).to_be_focused()
    expect(page.locator("#chat-log")).to_contain_text("The specialist ended the chat.")
    with staff.context.expect_page() as opened:
        record.click()
    form = opened.value
    expect(form).to_have_url(re.compile(r"/staff/consultations/\d+/edit/$"))
    expect(form.get_by_label("Channel")).to_have_value("chat")
    expect(form.get_by_label("Caller category")).not_to_have_value("")

    assert staff.url == f"{server.url}/en/staff/chat/"
    expect(staff.get_by_label("Online")).to_be_checked()
    expect(staff.locator("#console-presence-state")).to_have_text(
        "You are online: new chats can come to you."
    )
    assert SpecialistPresence.objects.get(user=specialist).status == "online"


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


def test_it_offers_the_canned_answers_in_the_visitors_language(
    asgi_server, staff_page, specialist, line_open_today
):
    server = asgi_server()
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)
    session, _token = outside_the_browser_loop(services.chat_start, language="lt")
    outside_the_browser_loop(services.chat_accept, session_id=session.pk, user=specialist)

    staff.reload()
    options = staff.locator(".chat-pane:visible .pane-canned option:not([value=''])")
    lithuanian = Article.objects.published().filter(canned=True, language="lt")
    expect(options).to_have_text(
        list(lithuanian.order_by("order", "title", "pk").values_list("title", flat=True))
    )


def start_named_chat(place, name: str) -> None:
    place.get_by_label("What may we call you?").fill(name)
    place.get_by_label("Who are you?").select_option("adoptive_parent")
    place.get_by_role("button", name="Start the chat").click()
    expect(place.locator("#chat-status-heading")).to_have_text("You are in the queue")


def assert_left_by_quick_exit(page, staff, token_hash: str) -> None:
    """Gone from the queue at once, ended, and the token the page held opens nothing."""
    expect(page).to_have_url(NEUTRAL)
    expect(staff.locator(".console-queue-item")).to_have_count(0)
    session = ChatSession.objects.get()
    assert (session.state, session.ended_by) == ("ended", "quick_exit")
    assert session.token_hash != token_hash


@pytest.mark.parametrize("way", ["button", "Esc twice"])
def test_it_takes_a_visitor_who_quick_exits_the_chat_page_off_the_queue_at_once(
    asgi_server, page, staff_page, specialist, line_open_today, way
):
    server = asgi_server(LINIJA_QUICK_EXIT_URL=NEUTRAL)
    page.route(f"{NEUTRAL}**", lambda route: route.fulfill(body="<h1>Weather</h1>"))
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)
    page.goto(f"{server.url}/en/pokalbis/")
    start_named_chat(page, "Rūta")
    expect(staff.locator(".console-queue-item", has_text="Rūta")).to_have_count(1)
    token_hash = ChatSession.objects.get().token_hash

    if way == "button":
        page.get_by_role("link", name="Quick exit").click()
    else:
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")

    assert_left_by_quick_exit(page, staff, token_hash)


@pytest.mark.parametrize("where", ["in the frame", "Esc twice on the host page"])
def test_it_takes_a_visitor_who_quick_exits_the_widget_off_the_queue_at_once(
    asgi_server, page, staff_page, specialist, line_open_today, portal, where
):
    server = asgi_server(LINIJA_CHAT_ALLOWED_ORIGINS=portal.url, LINIJA_QUICK_EXIT_URL=NEUTRAL)
    portal.page["html"] = (
        "<!doctype html><html lang='en'><title>Portal</title><h1>Foster care portal</h1>"
        f"<script src='{server.url}/chat/widget.js' data-lang='en' defer></script></html>"
    )
    page.route(f"{NEUTRAL}**", lambda route: route.fulfill(body="<h1>Weather</h1>"))
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)
    page.goto(f"{portal.url}/")
    page.get_by_role("button", name="Chat with a specialist").click()
    frame = page.frame_locator("#linija-chat-frame")
    start_named_chat(frame, "Rūta")
    expect(staff.locator(".console-queue-item", has_text="Rūta")).to_have_count(1)
    token_hash = ChatSession.objects.get().token_hash

    if where == "in the frame":
        frame.get_by_role("link", name="Quick exit").click()
    else:
        page.get_by_role("heading", name="Foster care portal").click()
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")

    assert_left_by_quick_exit(page, staff, token_hash)


def test_it_tells_a_visitor_still_queued_when_the_line_closes_and_offers_a_call_back(
    asgi_server, page, staff_page, specialist, line_open_today
):
    server = asgi_server(LINIJA_CHAT_FOLLOW_HOURS="1")
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)
    page.goto(f"{server.url}/en/pokalbis/")
    start_named_chat(page, "Rūta")
    expect(page.locator("#chat-status-detail")).to_contain_text("You are number 1")

    HoursException.objects.update(closed=True, opens=None, closes=None, reason="Anksčiau")
    # Anything that moves the queue (here the specialist stepping away; every 25 s the page's
    # own ping) brings the waiting page the line's news.
    staff.get_by_label("Away").check()

    expect(page.locator("#chat-status-heading")).to_have_text("The line has closed")
    expect(page.locator("#chat-status-detail")).to_have_text(
        "Nobody can answer this chat now. Leave us a message or ask us to call you back."
    )
    expect(page.get_by_role("heading", name="The line is closed now")).to_be_visible()
    expect(page.get_by_text("Nobody can answer right now")).to_have_count(0)
    page.get_by_role("button", name="Ask for a call back").click()
    page.get_by_label("Your phone number").fill("+370 612 34567")
    # The page listed today's times while the line was open: a time of another day.
    when = page.get_by_label("When may we call?")
    when.select_option(when.locator("option").last.get_attribute("value"))
    page.get_by_role("button", name="Ask for the call").click()
    expect(page.locator("#chat-offline-done")).to_contain_text("A specialist will call you")
