"""A specialist answers a letter in a real browser, on a phone-sized screen: reads the plain
text, opens the sandboxed formatted version, inserts a canned answer, attaches a file, sends."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from playwright.sync_api import expect

from linija.mail.models import OutboxMessage
from linija.mail.services import letter_ingest

pytestmark = pytest.mark.browser

LETTER = (
    "From: Ona <ona@example.lt>\r\nTo: linija@pastoge.lt\r\nSubject: Dėl globos\r\n"
    "Message-ID: <browser1@example.lt>\r\nContent-Type: multipart/alternative; boundary=A\r\n\r\n"
    "--A\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nKaip tapti globėju?\r\n"
    "--A\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    "<p>Kaip tapti <b>globėju</b>?</p><script>document.title='pwned'</script>\r\n--A--\r\n"
)


def outside_the_browser_loop(function, **kwargs):
    """Run a service in a thread of its own: its broadcast after the commit must not meet the
    event loop Playwright leaves in the test's thread."""

    def run():
        try:
            return function(**kwargs)
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(run).result()


class Canned:
    title = "Reikalavimai globėjui"
    body = "Globėju gali tapti 21–65 metų asmuo."


def test_it_answers_a_letter_from_a_phone(
    live_server, page, client, specialist, monkeypatch, tmp_path
):
    monkeypatch.setattr("linija.mail.views.canned_answers_for", lambda user: [Canned()])
    conversation = outside_the_browser_loop(letter_ingest, raw=LETTER.encode())
    conversation = conversation.letter.conversation_message.conversation
    client.force_login(specialist)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/staff/mail/{conversation.pk}/")

    expect(page.locator(".mail-text").first).to_have_text("Kaip tapti globėju?")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_text("Rodyti suformatuotą versiją").click()
    frame = page.frame_locator(".mail-frame")
    expect(frame.locator("b")).to_have_text("globėju")
    assert page.title() != "pwned"

    answer = page.get_by_label("Jūsų atsakymas")
    quote = answer.input_value()
    assert "> Kaip tapti globėju?" in quote
    answer.press("Control+Home")
    page.get_by_text("1 paruoštas atsakymas").click()
    page.get_by_role("button", name="Įterpti į atsakymą").click()
    expect(answer).to_have_value("Globėju gali tapti 21–65 metų asmuo." + quote)
    document = tmp_path / "atmintine.pdf"
    document.write_bytes(b"%PDF-1.4 atmintine")
    page.get_by_label("Pridėti failus").set_input_files(str(document))
    page.get_by_role("button", name="Siųsti atsakymą").click()

    expect(page.locator(".messages")).to_contain_text("bus išsiųstas")
    outgoing = OutboxMessage.objects.get(conversation=conversation, auto_submitted=False)
    assert outgoing.body.startswith("Globėju gali tapti 21–65 metų asmuo.")
    assert "> Kaip tapti globėju?" in outgoing.body
    assert [item.filename for item in outgoing.attachments.all()] == ["atmintine.pdf"]
    expect(page.locator(".mail-out .mail-delivery .badge")).to_have_count(1)
