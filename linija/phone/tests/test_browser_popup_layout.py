"""The call pop-up never covers the inbox rows' actions (on a laptop and on a phone), and the
callback of a person who rings in can be closed from it without leaving the record."""

import pytest
from playwright.sync_api import expect

from linija.consultations.services import conversation_open
from linija.phone.models import Callback, CallbackSource, Exchange
from linija.phone.services import call_event_apply, callback_request_create
from linija.phone.tests.conftest import CALLER, TOKEN, new_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What is under the middle of an element: the element itself (or a part of it), or not.
UNCOVERED = """element => {
  const box = element.getBoundingClientRect();
  const found = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return found !== null && (found === element || element.contains(found));
}"""


def logged_in_server(asgi_server, browser_context, client, user):
    server = asgi_server()
    client.force_login(user)
    browser_context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
    )
    return server


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_it_keeps_the_inbox_rows_actions_clear_of_the_pop_up(
    asgi_server, page, browser_context, client, specialist, broadcasts, width, height
):
    exchange = Exchange.objects.create(name="PBX", token=TOKEN)
    for number in range(12):
        conversation_open(channel="email", subject=f"Letter {number}")
    callback_request_create(
        phone=CALLER, name="", preferred_at=None, source=CallbackSource.WEB_FORM
    )
    call_event_apply(exchange=exchange, event=new_call("p1"))
    server = logged_in_server(asgi_server, browser_context, client, specialist)
    page.set_viewport_size({"width": width, "height": height})

    page.goto(f"{server.url}/en/staff/inbox/")
    popup = page.get_by_role("region", name="Incoming call")
    expect(popup).to_contain_text("This caller is waiting for a call back")

    actions = page.locator(".inbox-row .actions button, .inbox-row .item-link")
    assert actions.count() >= 13
    popup_box = popup.bounding_box()
    covered = []
    for index in range(actions.count()):
        action = actions.nth(index)
        action.scroll_into_view_if_needed()
        box, popup_box = action.bounding_box(), popup.bounding_box()
        overlaps = (
            box["x"] < popup_box["x"] + popup_box["width"]
            and popup_box["x"] < box["x"] + box["width"]
            and box["y"] < popup_box["y"] + popup_box["height"]
            and popup_box["y"] < box["y"] + box["height"]
        )
        if overlaps or not action.evaluate(UNCOVERED):
            covered.append(action.inner_text())
    assert covered == []
    expect(popup.get_by_role("button", name="Answering: open the record")).to_be_visible()


def test_it_closes_the_callback_of_a_caller_from_the_pop_up_without_leaving_the_record(
    asgi_server, page, browser_context, client, specialist, broadcasts
):
    exchange = Exchange.objects.create(name="PBX", token=TOKEN)
    callback = callback_request_create(
        phone=CALLER, name="Ona", preferred_at=None, source=CallbackSource.WEB_FORM
    )
    call_event_apply(exchange=exchange, event=new_call("p2"))
    server = logged_in_server(asgi_server, browser_context, client, specialist)

    page.goto(f"{server.url}/en/staff/inbox/")
    page.get_by_role("region", name="Incoming call").get_by_role(
        "button", name="Answering: open the record"
    ).click()
    page.wait_for_url("**/en/staff/consultations/*/edit/")
    record_page = page.url
    on_call = page.get_by_role("region", name="Call in progress")
    expect(on_call).to_contain_text("This caller is waiting for a call back")
    on_call.get_by_role("button", name="They called: close their callback").click()

    expect(on_call).not_to_contain_text("waiting for a call back")
    assert page.url == record_page
    callback.refresh_from_db()
    assert (callback.status, callback.close_reason) == ("done", "called_again")
    assert Callback.objects.filter(status="open").count() == 0
