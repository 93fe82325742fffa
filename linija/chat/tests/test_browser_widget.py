"""The widget on another site's page, on a phone, in real Chromium: the two windows talk only
to each other's real origin, and the launcher keeps off the open chat."""

import pytest
from playwright.sync_api import expect

from linija.chat.tests import test_browser as chat_browser
from linija.chat.tests.test_browser import go_online

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

portal = chat_browser.portal
staff_page = chat_browser.staff_page
line_open_today = chat_browser.line_open_today
PHONE = {"width": 375, "height": 740}


def overlap(one, other):
    return (
        one["x"] < other["x"] + other["width"]
        and other["x"] < one["x"] + one["width"]
        and one["y"] < other["y"] + other["height"]
        and other["y"] < one["y"] + one["height"]
    )


def test_it_opens_on_a_phone_without_console_errors_or_the_launcher_over_its_buttons(
    asgi_server, page, portal, staff_page, specialist, line_open_today
):
    server = asgi_server(LINIJA_CHAT_ALLOWED_ORIGINS=portal.url)
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)
    portal.page["html"] = (
        "<!doctype html><html lang='en'><title>Portal</title><h1>Foster care portal</h1>"
        f"<script src='{server.url}/chat/widget.js' data-lang='en' defer></script></html>"
    )
    errors = []
    page.on(
        "console",
        lambda message: message.type in ("error", "warning") and errors.append(message.text),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size(PHONE)
    page.goto(f"{portal.url}/")

    launcher = page.locator("#linija-chat-button")
    launcher.click()
    frame = page.frame_locator("#linija-chat-frame")
    hide = frame.get_by_role("button", name="Hide")
    frame.get_by_label("Who are you?").select_option("adoptive_parent")
    frame.get_by_role("button", name="Start the chat").click()
    expect(frame.locator("#chat-status-heading")).to_have_text("You are in the queue")
    controls = frame.locator(
        "button:visible, a:visible, input:visible, select:visible, textarea:visible"
    )
    assert controls.count() > 3
    launcher_box = launcher.bounding_box() if launcher.is_visible() else None
    for index in range(controls.count()):
        control = controls.nth(index)
        assert not (launcher_box and overlap(launcher_box, control.bounding_box())), (
            control.inner_text()
        )

    hide.click()
    expect(launcher).to_be_visible()
    expect(launcher).to_be_focused()
    launcher.click()
    expect(hide).to_be_visible()
    # The frame heard the host: shown again, the chat takes the focus.
    expect(frame.locator(":focus")).to_have_count(1)
    assert errors == []
