"""The public site on a 375 × 740 phone, in real Chromium: the ways to reach the line are on
the first screen, and the quick exit never lies over anything one reads, fills in or taps."""

import pytest
from playwright.sync_api import expect

from linija.chat.tests import test_browser as chat_browser
from linija.chat.tests.test_browser import go_online
from linija.chat.tests.test_browser_visitor import start_chat
from linija.site.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP_WIDE = {"width": 1920, "height": 1080}

staff_page = chat_browser.staff_page
line_open_today = chat_browser.line_open_today

# The boxes of what the quick exit must never cover, as far as they show on the screen: a box
# clipped by the page's scrolling area is cut to it.
COVERED = """
() => {
  const exit = document.getElementById("quick-exit").getBoundingClientRect();
  const selector = "input, select, textarea, button, a, [role=alert], label";
  const found = [];
  for (const element of document.querySelectorAll(selector)) {
    if (element.id === "quick-exit" || element.closest(".skip-link")) continue;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || !element.getClientRects().length) continue;
    let box = element.getBoundingClientRect();
    let top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      const overflow = getComputedStyle(parent).overflowY;
      if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") {
        const clip = parent.getBoundingClientRect();
        top = Math.max(top, clip.top);
        bottom = Math.min(bottom, clip.bottom);
      }
    }
    if (bottom - top < 1 || box.width < 1) continue;
    if (box.left < exit.right && exit.left < box.right && top < exit.bottom && exit.top < bottom) {
      found.push((element.outerHTML || "").slice(0, 120));
    }
  }
  return found;
}
"""

SCROLL = """
(step) => {
  const scrollers = [document.scrollingElement, document.body].filter(
    (element) => element.scrollHeight > element.clientHeight + 1
      && (element === document.scrollingElement || getComputedStyle(element).overflowY === "auto"));
  const scroller = scrollers[scrollers.length - 1] || document.scrollingElement;
  const before = scroller.scrollTop;
  scroller.scrollTop = before + step;
  return scroller.scrollTop !== before;
}
"""


def covered_anywhere(page):
    """What the quick exit covers at any point while scrolling the page from top to bottom."""
    page.evaluate("() => { document.scrollingElement.scrollTop = 0; document.body.scrollTop = 0; }")
    found = set()
    for _ in range(200):
        found.update(page.evaluate(COVERED))
        if not page.evaluate(SCROLL, page.viewport_size["height"] // 3):
            break
    return sorted(found)


def test_it_shows_the_phone_number_chat_and_write_to_us_on_the_first_screen(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/en/")
    first_screen = page.get_by_role("list", name="Reach us now")
    for link in [
        first_screen.locator("a[href^='tel:']"),
        first_screen.get_by_role("link", name="Chat now"),
        first_screen.get_by_role("link", name="Write to us"),
    ]:
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    assert covered_anywhere(page) == []


@pytest.mark.parametrize(
    "viewport",
    [PHONE, {"width": 1024, "height": 768}, {"width": 1366, "height": 768}, DESKTOP_WIDE],
    ids=lambda viewport: str(viewport["width"]),
)
def test_it_keeps_the_quick_exit_off_everything_on_every_public_page(page, live_server, viewport):
    page.set_viewport_size(viewport)
    slug = Page.objects.values_list("slug", flat=True).first()
    paths = [
        "/en/",
        f"/en/{slug}/",
        "/en/kontaktai/",
        "/en/privatumas/",
        "/en/duk/",
        "/en/duk/?q=foster+carer",
        "/en/duk/becoming-a-foster-carer/",
        "/en/rasykite/",
        "/en/perskambinkite/",
        "/en/pokalbis/",
    ]
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert covered_anywhere(page) == [], path
    page.goto(f"{live_server.url}/en/rasykite/")
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert covered_anywhere(page) == [], "the contact form's errors"


def test_it_keeps_the_quick_exit_off_the_chat_in_every_state(
    asgi_server, page, staff_page, specialist, line_open_today
):
    server = asgi_server()
    staff = staff_page(specialist, server)
    staff.goto(f"{server.url}/en/staff/chat/")
    go_online(staff)
    start_chat(page, server, PHONE)
    assert covered_anywhere(page) == [], "in the queue"

    staff.get_by_role("button", name="Accept").click()
    expect(page.locator("#chat-status-heading")).to_have_text("You are talking with Ona")
    for number in range(12):
        page.locator("#chat-input").fill(f"Žinutė {number}")
        page.keyboard.press("Enter")
    expect(page.locator("#chat-log .chat-msg-own")).to_have_count(12)
    assert covered_anywhere(page) == [], "talking"

    page.get_by_role("button", name="End the chat").click()
    assert covered_anywhere(page) == [], "asked to confirm the end"
    page.get_by_role("button", name="Yes, end it").click()
    expect(page.locator("#chat-ended-heading")).to_be_visible()
    expect(page.locator("#chat-transcript-email")).to_be_visible()
    assert covered_anywhere(page) == [], "ended, with the survey and the transcript"
