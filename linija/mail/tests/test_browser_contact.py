"""The contact form in real Chromium on a phone: a long letter is counted, never cut."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from linija.mail.models import Letter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_counts_near_the_limit_and_refuses_a_pasted_text_over_it_without_cutting(
    live_server, page
):
    limit = settings.LINIJA_MAIL_TEXT_MAX_CHARS
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/en/rasykite/")
    counter = page.locator("#id_text-count")
    message = page.get_by_label("Your message")
    page.get_by_label("Your e-mail address").fill("ona@example.lt")
    page.get_by_label("I agree that the line keeps my message").check()

    message.fill("a" * (limit // 2))
    expect(counter).to_be_hidden()
    message.fill("a" * (limit - 50))
    expect(counter).to_have_text(f"{limit - 50:,} of {limit:,} characters")
    expect(counter).to_have_attribute("aria-live", "polite")

    message.fill("ą" * (limit + 100))
    assert message.evaluate("field => field.value.length") == limit + 100
    expect(counter).to_have_text(
        f"Too long: {limit + 100:,} characters, at most {limit:,}. Shorten the text to send it."
    )
    expect(message).to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Send the message").click()
    expect(message).to_be_focused()
    assert page.url == f"{live_server.url}/en/rasykite/"
    assert not Letter.objects.exists()


def test_it_counts_in_lithuanian_numbers(live_server, page):
    limit = settings.LINIJA_MAIL_TEXT_MAX_CHARS
    page.goto(f"{live_server.url}/rasykite/")
    page.locator("#id_text").fill("a" * (limit - 50))
    shown = page.locator("#id_text-count").text_content()
    assert shown == f"{limit - 50:,} iš {limit:,} simbolių".replace(",", "\u00a0")
