import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL_URL = "https://neutral.example/"
NEUTRAL_HTML = "<!doctype html><title>Orai</title><h1>Orų prognozė</h1><p>Saulėta.</p>"


@pytest.fixture
def neutral_exit(page, settings):
    """The quick exit leads to a neutral page served by the browser itself (no internet)."""
    settings.LINIJA_QUICK_EXIT_URL = NEUTRAL_URL
    page.route(
        f"{NEUTRAL_URL}**",
        lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=NEUTRAL_HTML
        ),
    )
    return page


def test_it_walks_every_nav_link_and_switches_to_english(page, live_server):
    page.goto(f"{live_server.url}/")
    expect(page.locator("#line-status")).to_have_text(re.compile(r"\S"))
    expect(page.locator("h1")).to_have_count(1)

    nav = page.locator("nav.site-nav a")
    titles = nav.all_inner_texts()[1:6]
    assert titles == ["Apie liniją", "Apie mus", "Kokybė", "Parama", "Kontaktai"]
    for index, title in enumerate(titles, start=1):
        nav.nth(index).click()
        expect(page.locator("h1")).to_have_text(title)
        expect(nav.nth(index)).to_have_attribute("aria-current", "page")

    page.locator(".language").get_by_role("link", name="English").click()

    expect(page).to_have_url(f"{live_server.url}/en/kontaktai/")
    expect(page.locator("h1")).to_have_text("Contacts")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert nav.all_inner_texts()[1:6] == [
        "About the line",
        "About us",
        "Quality",
        "Support us",
        "Contacts",
    ]
    expect(page.locator("#line-status .line-status-text")).to_have_text(
        re.compile(r"^(Open|Closed)")
    )
    nav.nth(2).click()
    expect(page.locator("h1")).to_have_text("About us")


def test_it_leaves_by_quick_exit_replacing_the_history_entry(neutral_exit, live_server):
    page = neutral_exit
    page.goto(f"{live_server.url}/apie-linija/")
    page.evaluate(
        """() => {
            localStorage.setItem("linija-draft", "x");
            sessionStorage.setItem("linija.chat", "y");
            localStorage.setItem("other-site", "z");
        }"""
    )

    page.locator("#quick-exit").click()

    expect(page).to_have_url(NEUTRAL_URL)
    expect(page.locator("h1")).to_have_text("Orų prognozė")
    page.go_back()
    assert not page.url.startswith(live_server.url)
    assert "Apie liniją" not in page.content()

    page.goto(f"{live_server.url}/")
    stored = page.evaluate(
        """() => [localStorage.getItem("linija-draft"), sessionStorage.getItem("linija.chat"),
                  localStorage.getItem("other-site")]"""
    )
    assert stored == [None, None, "z"]


def test_it_leaves_when_escape_is_pressed_twice(neutral_exit, live_server):
    page = neutral_exit
    page.goto(f"{live_server.url}/parama/")

    page.keyboard.press("Escape")
    page.wait_for_timeout(1100)
    page.keyboard.press("Escape")
    expect(page.locator("h1")).to_have_text("Parama")

    page.keyboard.press("Escape")

    expect(page).to_have_url(NEUTRAL_URL)
    page.go_back()
    assert "Parama" not in page.content()


@pytest.mark.parametrize("path", ["/", "/kontaktai/", "/en/apie-mus/"])
def test_it_fits_a_360_px_phone(page, live_server, path):
    page.set_viewport_size({"width": 360, "height": 740})

    page.goto(f"{live_server.url}{path}")

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
