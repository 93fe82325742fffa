"""The automatic acknowledgement: the letter that tells a person their letter arrived and
when to expect an answer, through the outbox."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation

from linija.consultations.models import Conversation
from linija.hours.selectors import line_status
from linija.hours.status import LineStatus
from linija.mail.automatic import acknowledged_lately
from linija.mail.models import Acknowledgement, AcknowledgementTemplate, Letter, OutboxMessage
from linija.mail.outbox import outbox_store, threading_headers
from linija.mail.selectors import acknowledgement_templates, answer_expected
from linija.privacy.pseudonyms import pseudonym


def acknowledgement_languages(
    *, templates: dict[str, AcknowledgementTemplate], language: str | None
) -> list[str]:
    """The languages an acknowledgement is written in: the person's when there is a template
    of it, otherwise Lithuanian and English together (those of them that have one); none when
    acknowledgements are turned off."""
    if language in templates:
        return [language]
    return [code for code in ("lt", "en") if code in templates]


def acknowledgement_compose(
    *,
    conversation: Conversation,
    language: str | None,
    line: LineStatus | None = None,
    templates: dict[str, AcknowledgementTemplate] | None = None,
) -> tuple[str, str] | None:
    """The acknowledgement's subject and text in ``language``, or in Lithuanian and English
    together when the person's language is not known; None when it is turned off. ``line`` is
    the line's status to promise an answer from, ``templates`` the active templates (default:
    read now)."""
    if templates is None:
        templates = acknowledgement_templates()
    languages = acknowledgement_languages(templates=templates, language=language)
    if not languages:
        return None
    subjects, bodies = [], []
    line = line or line_status()
    for code in languages:
        with translation.override(code):
            values = {
                "when": answer_expected(line),
                "reference": f"Linija #{conversation.pk}",
                "phone": settings.LINIJA_PHONE,
            }
        subject, body = templates[code].render(values)
        subjects.append(subject)
        bodies.append(body)
    return " / ".join(subjects), "\n\n* * *\n\n".join(bodies)


@transaction.atomic
def acknowledgement_send(
    *,
    conversation: Conversation,
    address: str,
    letter: Letter | None = None,
    language: str | None = None,
    line: LineStatus | None = None,
) -> OutboxMessage | None:
    """Tell the sender the letter arrived and when to expect an answer: once per sender and
    conversation and at most once a day per sender, through the outbox."""
    if acknowledged_lately(address):
        return None
    return acknowledgement_store(
        conversation=conversation, address=address, letter=letter, language=language, line=line
    )


def acknowledgement_store(
    *,
    conversation: Conversation,
    address: str,
    letter: Letter | None = None,
    language: str | None = None,
    line: LineStatus | None = None,
    templates: dict[str, AcknowledgementTemplate] | None = None,
    unacknowledged: bool = False,
) -> OutboxMessage | None:
    """``acknowledgement_send`` inside the caller's transaction, once the caller knows the
    sender may have one (``linija.mail.automatic``); ``unacknowledged``: the caller knows too
    that nobody has had an acknowledgement in this conversation (the intake of a batch)."""
    sender_key = pseudonym("email", address)
    acknowledged = Acknowledgement.objects.filter(conversation=conversation, sender_key=sender_key)
    if not unacknowledged and acknowledged.exists():
        return None
    composed = acknowledgement_compose(
        conversation=conversation, language=language, line=line, templates=templates
    )
    if composed is None:
        return None
    subject, body = composed
    threading = threading_headers(letter)
    outgoing = outbox_store(
        to=[address],
        subject=subject,
        body=body,
        conversation=conversation,
        auto_submitted=True,
        **threading,
    )
    Acknowledgement.objects.create(
        conversation=conversation, sender_key=sender_key, outbox=outgoing
    )
    return outgoing
