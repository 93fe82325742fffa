"""A scripted exchange posts a call to a real ASGI server; the specialist sees the pop-up over
the staff socket, answers, and completes the record the call made."""

import json
import urllib.request

import pytest
from playwright.sync_api import expect

from linija.consultations.models import Status
from linija.phone.models import Call, CallState, Exchange, Extension
from linija.phone.tests.conftest import TOKEN, answer, hangup, new_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def post_event(server, event: dict) -> dict:
    request = urllib.request.Request(
        f"{server.url}/api/v1/cti/{TOKEN}",
        data=json.dumps(event).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_it_pops_up_a_call_that_the_specialist_answers_and_records(
    asgi_server, page, browser_context, client, specialist
):
    Exchange.objects.create(name="PBX", token=TOKEN)
    server = asgi_server()
    client.force_login(specialist)
    browser_context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
    )
    page.goto(f"{server.url}/en/staff/phone/callbacks/")
    expect(page.locator("html")).to_have_attribute("data-live", "connected")

    assert post_event(server, new_call("b1", queue="linija")) == {}

    popup = page.get_by_role("region", name="Incoming call")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text("First call from this number")
    expect(page.get_by_role("status").filter(has_text="Incoming call")).to_have_count(1)
    popup.get_by_role("button", name="Answering: open the record").click()

    page.wait_for_url("**/en/staff/consultations/*/edit/")
    expect(page.get_by_role("region", name="Call in progress")).to_contain_text(
        "You are on this call"
    )
    assert page.locator("#id_ended_at").input_value() == ""
    post_event(server, answer("b1", answeringNumber="101"))
    post_event(server, hangup("b1"))

    expect(page.locator("#id_ended_at")).not_to_have_value("")
    expect(page.get_by_role("region", name="Call ended")).to_be_visible()
    page.select_option("#id_caller_category", label="Prospective carer or adopter")
    page.get_by_role("checkbox", name="Who can become a carer (eligibility)").check()
    page.select_option("#id_contact_order", value="first")
    page.select_option("#id_outcome", label="Informed")
    page.get_by_role("button", name="Save and complete").click()
    expect(page.get_by_text("The record is completed.")).to_be_visible()

    call = Call.objects.get()
    record = call.consultation
    assert call.state == CallState.COMPLETED
    assert call.specialist == specialist
    assert record.status == Status.COMPLETED
    assert record.specialist == specialist
    assert record.started_at == call.answered_at.replace(microsecond=0)
    assert record.ended_at == call.ended_at.replace(microsecond=0)
    assert record.talk_seconds >= 0


def test_it_shows_a_colleague_the_call_taken_and_then_lets_it_go(
    asgi_server, page, browser_context, client, specialist, other_specialist
):
    Exchange.objects.create(name="PBX", token=TOKEN)
    server = asgi_server()
    client.force_login(other_specialist)
    browser_context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
    )
    page.goto(f"{server.url}/en/staff/phone/calls/")
    expect(page.locator("html")).to_have_attribute("data-live", "connected")
    post_event(server, new_call("b2"))
    expect(page.get_by_role("region", name="Incoming call")).to_be_visible()

    Extension.objects.create(user=specialist, number="101")
    post_event(server, answer("b2", answeringNumber="101"))

    expect(page.get_by_role("region", name="Call in progress")).to_contain_text("Answered by Ona")
    page.get_by_role("button", name="Close this call's pop-up").click()
    expect(page.locator(".phone-popup")).to_have_count(0)
