import importlib

import pytest
from django.apps import apps
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = importlib.import_module("linija.knowledge.migrations.0003_seed_articles")


@pytest.fixture
def phone(page):
    """A 360 px wide phone, with the articles seeded again after an earlier test's flush."""
    SEED.seed_articles(apps, None)
    page.set_viewport_size({"width": 360, "height": 740})
    return page


def test_it_finds_an_answer_typed_on_a_phone_without_diacritics(phone, live_server):
    page = phone
    page.goto(f"{live_server.url}/")
    page.locator("nav.site-nav").get_by_role("link", name="DUK").click()
    expect(page.locator("h1")).to_have_text("Dažniausiai užduodami klausimai")

    page.get_by_label("Ieškokite atsakymo").fill("kaip tapti budinciu globotoju")
    page.keyboard.press("Enter")

    first = page.locator(".kb-results li").first
    expect(first.locator("h3")).to_have_text("Kas yra budintis globotojas ir kaip juo tapti?")
    expect(first.locator("mark").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    first.locator("h3 a").click()
    expect(page.locator("h1")).to_have_text("Kas yra budintis globotojas ir kaip juo tapti?")
    page.get_by_role("link", name="Read in English").click()
    expect(page.locator("h1")).to_have_text("What is a duty foster carer and how do I become one?")
