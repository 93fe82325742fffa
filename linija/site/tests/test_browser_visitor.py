"""The visitor's journey on a 375 × 740 phone and a 1366 px desktop, in real Chromium."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1366, "height": 900}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


@VIEWPORTS
def test_it_switches_the_language_both_ways_on_the_same_page(page, live_server, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/duk/kaip-tapti-globeju/")
    switch = page.locator(".language")

    switch.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/duk/becoming-a-foster-carer/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    switch.get_by_role("link", name="Lietuviškai").click()
    expect(page).to_have_url(f"{live_server.url}/duk/kaip-tapti-globeju/")
    expect(page.locator("h1")).to_have_text("Kaip tapti globėju?")

    page.goto(f"{live_server.url}/en/kontaktai/")
    switch.get_by_role("link", name="Lietuviškai").click()
    expect(page).to_have_url(f"{live_server.url}/kontaktai/")
    expect(page.locator("h1")).to_have_text("Kontaktai")


def test_it_switches_a_staff_page_both_ways(page, live_server, client, specialist):
    client.force_login(specialist)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/en/staff/inbox/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.locator(".language").get_by_role("link", name="Lietuviškai").click()
    expect(page).to_have_url(f"{live_server.url}/staff/inbox/")
    expect(page.locator("html")).to_have_attribute("lang", "lt")
    page.locator(".language").get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/staff/inbox/")
