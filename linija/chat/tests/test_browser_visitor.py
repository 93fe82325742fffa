"""The visitor's side of the chat on a phone and a desktop, in real Chromium against a real
ASGI server: what the page shows and where the focus is at each step."""

import contextlib
import socket
import threading
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from linija.chat.models import ChatSession, ChatSurvey
from linija.chat.tests import test_browser as chat_browser
from linija.chat.tests.test_browser import go_online
from linija.testing.asgi_server import free_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1366, "height": 900}

staff_page = chat_browser.staff_page
line_open_today = chat_browser.line_open_today


def start_chat(page, server, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{server.url}/en/pokalbis/")
    page.get_by_label("Who are you?").select_option("adoptive_parent")
    page.get_by_role("button", name="Start the chat").click()
    expect(page.locator("#chat-status-heading")).to_have_text("You are in the queue")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_it_puts_the_focus_in_the_message_box_after_starting(
    asgi_server, page, staff_page, specialist, line_open_today, viewport
):
    server = asgi_server()
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)

    start_chat(page, server, viewport)

    expect(page.locator("#chat-input")).to_be_focused()
    page.keyboard.type("Pirmas žodis")
    page.keyboard.press("Enter")
    staff.get_by_role("button", name="Accept").click()
    pane = staff.locator(".chat-pane:visible")
    expect(pane.locator(".chat-msg-theirs .chat-msg-body")).to_have_text("Pirmas žodis")

    # Each message is an item of a list that keeps its role (a "log" role on the list itself
    # takes it away: axe's listitem rule); the live region is the list's frame.
    expect(page.locator("#chat-log .chat-msg-own")).to_have_attribute("data-delivery", "read")
    item_parents = page.eval_on_selector_all(
        "#chat-log li", "items => items.map(i => [i.parentElement.tagName, i.parentElement.role])"
    )
    assert item_parents == [["OL", None]] * len(item_parents) and item_parents
    assert page.locator("#chat-log").evaluate("l => l.parentElement.getAttribute('role')") == "log"


@pytest.mark.parametrize("ended_by", ["visitor", "specialist"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_it_hides_the_message_box_send_and_end_once_the_chat_ended(
    asgi_server, page, staff_page, specialist, line_open_today, viewport, ended_by
):
    server = asgi_server()
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)
    start_chat(page, server, viewport)
    staff.get_by_role("button", name="Accept").click()
    expect(page.locator("#chat-status-heading")).to_have_text("You are talking with Ona")

    if ended_by == "visitor":
        page.get_by_role("button", name="End the chat").click()
        page.get_by_role("button", name="Yes, end it").click()
    else:
        pane = staff.locator(".chat-pane:visible")
        pane.get_by_role("button", name="End the chat").click()
        pane.get_by_role("button", name="Yes, end it").click()

    expect(page.locator("#chat-ended-heading")).to_be_visible()
    for hidden in ["#chat-input", "#chat-compose button", "#chat-end", "#chat-actions"]:
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.get_by_role("group", name="How helpful was this chat for you?")).to_be_visible()
    expect(page.get_by_role("button", name="Start a new chat")).to_be_visible()
    assert ChatSession.objects.get().state == "ended"


def test_it_reconnects_after_the_server_went_away_keeping_what_the_visitor_typed(
    asgi_server, page, staff_page, specialist, line_open_today, monkeypatch
):
    server = asgi_server()
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)
    start_chat(page, server, DESKTOP)
    page.locator("#chat-input").fill("Pirma")
    page.locator("#chat-input").press("Enter")
    expect(page.locator("#chat-log .chat-msg-own")).to_have_attribute("data-delivery", "stored")

    # Killed, as in a crash: a terminated uvicorn may wait for the open sockets to close.
    server.process.kill()
    server.process.wait(timeout=10)
    status = page.get_by_role("status").filter(has_text="Reconnecting")
    expect(status).to_have_text("The connection was lost. Reconnecting…")
    page.locator("#chat-input").fill("Antra, kol nėra ryšio")
    page.locator("#chat-input").press("Enter")
    page.locator("#chat-input").fill("Dar nebaigta")
    expect(page.locator("#chat-log .chat-msg-own").last).to_have_attribute(
        "data-delivery", "sending"
    )

    # The same server comes back on the same port, as after a restart.
    port = int(server.url.rsplit(":", 1)[1])
    monkeypatch.setattr("linija.testing.asgi_server.free_port", lambda: port)
    asgi_server()
    expect(page.locator("#chat-connection")).to_have_text("Connected again.", timeout=30_000)
    expect(page.locator("#chat-log .chat-msg-own").last).to_have_attribute(
        "data-delivery", "stored"
    )
    expect(page.locator("#chat-input")).to_have_value("Dar nebaigta")
    session = ChatSession.objects.get()
    bodies = list(session.conversation.messages.values_list("body", flat=True))
    assert bodies == ["Pirma", "Antra, kol nėra ryšio"]
    expect(page.locator("#chat-connection")).to_be_hidden(timeout=10_000)


def test_it_takes_the_surveys_old_error_away_once_the_answer_is_saved(
    asgi_server, page, staff_page, specialist, line_open_today
):
    server = asgi_server()
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)
    start_chat(page, server, PHONE)
    staff.get_by_role("button", name="Accept").click()
    expect(page.locator("#chat-status-heading")).to_have_text("You are talking with Ona")
    page.get_by_role("button", name="End the chat").click()
    page.get_by_role("button", name="Yes, end it").click()

    page.get_by_role("button", name="Send the answer").click()
    error = page.locator("#chat-ended [data-error]")
    expect(error).to_have_text("Choose a rating from 1 to 5.")
    page.locator("#chat-survey input[name=rating][value='4']").check()
    page.get_by_role("button", name="Send the answer").click()

    expect(page.locator("#chat-survey-done")).to_be_visible()
    # At once, not when the error's own 8 s run out.
    assert error.is_hidden()
    assert ChatSurvey.objects.get().rating == 4


class RedisPlug:
    """A TCP relay in front of Redis that the test pulls out (every connection cut, no new
    one taken) and puts back on the same port: Redis going away and coming back."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.upstream = (parts.hostname, parts.port or 6379)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}{parts.path}"
        self.sockets: list[socket.socket] = []
        self.listener: socket.socket | None = None

    def plug_in(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=True)
        threading.Thread(target=self.accept, args=(self.listener,), daemon=True).start()

    def pull_out(self) -> None:
        for each in [self.listener, *self.sockets]:
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)
            each.close()
        self.sockets.clear()

    def accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.upstream)
            self.sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pump, args=(source, target), daemon=True).start()

    @staticmethod
    def pump(source: socket.socket, target: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        for each in (source, target):
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)


@pytest.mark.services
def test_it_reconnects_after_redis_went_away_keeping_what_the_visitor_typed(
    asgi_server, page, staff_page, specialist, line_open_today, redis_url
):
    plug = RedisPlug(redis_url)
    plug.plug_in()
    server = asgi_server(REDIS_URL=plug.url)
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)
    start_chat(page, server, PHONE)
    page.locator("#chat-input").fill("Pirma")
    page.locator("#chat-input").press("Enter")
    expect(page.locator("#chat-log .chat-msg-own")).to_have_attribute("data-delivery", "stored")

    plug.pull_out()
    expect(page.locator("#chat-connection")).to_have_text(
        "The connection was lost. Reconnecting…", timeout=30_000
    )
    page.locator("#chat-input").fill("Antra, kol nėra Redis")
    page.locator("#chat-input").press("Enter")
    page.locator("#chat-input").fill("Dar nebaigta")

    plug.plug_in()
    expect(page.locator("#chat-connection")).to_have_text("Connected again.", timeout=40_000)
    expect(page.locator("#chat-log .chat-msg-own").last).to_have_attribute(
        "data-delivery", "stored"
    )
    expect(page.locator("#chat-input")).to_have_value("Dar nebaigta")
    bodies = list(ChatSession.objects.get().conversation.messages.values_list("body", flat=True))
    assert bodies == ["Pirma", "Antra, kol nėra Redis"]
    plug.pull_out()
