"""A specialist on an e-mail conversation sees the person's address only through the reveal,
in a real browser, on a phone-sized and a desktop screen."""

import pytest
from django.db import connection
from playwright.sync_api import expect

from linija.accounts.models import AuditEntry
from linija.consultations.services import conversation_open

pytestmark = pytest.mark.browser


def sign_in(page, client, live_server, user) -> None:
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.parametrize("width", [375, 1366])
def test_it_reveals_the_address_on_the_mail_page_for_a_chosen_reason(
    live_server, page, client, specialist, width, tmp_path
):
    conversation = conversation_open(
        channel="email", subject="Dėl globos", contact_name="Ona", contact_address="ona@example.lt"
    )
    connection.close()
    sign_in(page, client, live_server, specialist)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/staff/mail/{conversation.pk}/")

    expect(page.locator("main")).not_to_contain_text("ona@example.lt")
    page.get_by_text("Rodyti asmens nurodytą kontaktą").click()
    page.get_by_label("Kodėl jums reikia pamatyti kontaktą").select_option("answer")
    page.screenshot(path=f"{tmp_path}/mail-reveal-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name="Parodyti vieną kartą").click()

    expect(page.locator("main")).to_contain_text("ona@example.lt")
    page.screenshot(path=f"{tmp_path}/mail-revealed-{width}.png", full_page=True)
    entry = AuditEntry.objects.get(detail__reveal="contact")
    assert (entry.actor_id, entry.detail["reason"]) == (specialist.pk, "answer")
