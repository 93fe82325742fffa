"""A specialist answers a letter in a real browser, on a phone-sized screen: reads the plain
text, opens the sandboxed formatted version, inserts a canned answer, attaches a file, sends."""

import pytest
from playwright.sync_api import expect

from linija.mail.ingest import letter_ingest
from linija.mail.models import Letter, OutboxMessage
from linija.testing.browser import outside_the_browser_loop

pytestmark = pytest.mark.browser

LETTER = (
    "From: Ona <ona@example.lt>\r\nTo: linija@pastoge.lt\r\nSubject: Dėl globos\r\n"
    "Message-ID: <browser1@example.lt>\r\nContent-Type: multipart/alternative; boundary=A\r\n\r\n"
    "--A\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nKaip tapti globėju?\r\n"
    "--A\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    "<p>Kaip tapti <b>globėju</b>?</p><script>document.title='pwned'</script>\r\n--A--\r\n"
)


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


@pytest.mark.parametrize("width", [1024, 1366, 1920])
def test_it_gives_the_sidebars_values_room_to_read(live_server, page, client, specialist, width):
    conversation = outside_the_browser_loop(letter_ingest, raw=LETTER.encode())
    conversation = conversation.letter.conversation_message.conversation
    client.force_login(specialist)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/staff/mail/{conversation.pk}/")

    values = page.locator(".mail-facts dd")
    expect(values.first).to_be_visible()
    widths = values.evaluate_all("values => values.map(value => value.clientWidth)")
    assert min(widths) >= 200


def test_it_says_a_contact_message_was_already_sent_after_back_and_send(live_server, page):
    page.goto(f"{live_server.url}/en/rasykite/")
    page.get_by_label("Your e-mail address").fill("ona@example.lt")
    page.get_by_label("Your message").fill("Kiek trunka įvaikinimas?")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, we received your message")

    page.go_back()
    # Chromium shows the form as it was sent, the text and the form's one-time key kept.
    expect(page.get_by_label("Your message")).to_have_value("Kiek trunka įvaikinimas?")
    page.get_by_role("button", name="Send the message").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("This message was already sent")
    assert outside_the_browser_loop(Letter.objects.count) == 1


@pytest.mark.django_db(transaction=True)
def test_it_takes_a_contact_message_on_a_server_whose_redis_is_down(asgi_server, page, redis_down):
    server = asgi_server(REDIS_URL=redis_down)
    page.goto(f"{server.url}/en/rasykite/")
    page.get_by_label("Your e-mail address").fill("ona@example.lt")
    page.get_by_label("Your message").fill("Ar gaunate laiškus, kai Redis neveikia?")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Send the message").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, we received your message")
    letter = outside_the_browser_loop(Letter.objects.get)
    assert letter.text == "Ar gaunate laiškus, kai Redis neveikia?"
