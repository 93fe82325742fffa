"""Messages left on the website: an e-mail conversation at once and the acknowledgement in the
page's language."""

import pytest
from django.utils import translation

from linija.consultations.models import Topic
from linija.mail.models import Letter, LetterSource, OutboxMessage
from linija.mail.replies import contact_message_create
from linija.privacy.pseudonyms import pseudonym

pytestmark = pytest.mark.django_db


def test_it_opens_an_email_conversation_with_the_message():
    conversation = contact_message_create(
        email="Ona@Example.lt",
        text="Kaip tapti globėju?",
        name="Ona",
        topic_code="becoming_carer",
    )
    assert conversation.channel == "email"
    assert conversation.contact_address == "Ona@Example.lt"
    assert conversation.contact_name == "Ona"
    assert conversation.caller_key == pseudonym("email", "ona@example.lt")
    assert conversation.subject == Topic.objects.get(code="becoming_carer").name_lt
    [message] = conversation.messages.all()
    assert message.body == "Kaip tapti globėju?"
    letter = Letter.objects.get(conversation_message=message)
    assert letter.source == LetterSource.CONTACT_FORM
    assert letter.topic_code == "becoming_carer"
    assert letter.from_address == "Ona@Example.lt"


def test_it_acknowledges_in_the_language_of_the_page():
    with translation.override("en"):
        conversation = contact_message_create(email="ona@example.lt", text="Hello")
    acknowledgement = OutboxMessage.objects.get(conversation=conversation)
    assert acknowledgement.subject.startswith("We have received your letter")
    assert "A specialist will answer" in acknowledgement.body
    assert "Konsultantas" not in acknowledgement.body
    assert acknowledgement.in_reply_to == ""


def test_it_takes_the_source_of_the_chat_offline_form():
    conversation = contact_message_create(
        email="ona@example.lt", text="Palieku žinutę.", source=LetterSource.CHAT_OFFLINE
    )
    assert Letter.objects.get(conversation_message__conversation=conversation).source == (
        "chat_offline"
    )
