"""Checks of the values that go into a letter's headers: addresses, Message-IDs, one-line
texts. Nothing that ends in a header may carry a line break (no header injection)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MESSAGE_ID = re.compile(r"^<[^<>\s]{1,250}>$")
MESSAGE_IDS = re.compile(r"<[^<>\s]{1,250}>")
CONVERSATION_TAG = re.compile(r"\[Linija #(\d{1,12})\]", re.IGNORECASE)


def one_line(value: str, *, what: str) -> str:
    """``value`` unchanged if it has no line break or NUL; a ``ValidationError`` otherwise."""
    if any(character in value for character in "\r\n\0"):
        raise ValidationError(
            _("%(what)s must not contain line breaks.") % {"what": what}, code="header_injection"
        )
    return value


def address_clean(value: str) -> str:
    """A bare e-mail address, trimmed and checked; ``ValidationError`` if it is not one."""
    one_line(value, what=_("An e-mail address"))
    address = value.strip()
    try:
        validate_email(address)
    except ValidationError as invalid:
        raise ValidationError(
            _("“%(address)s” is not a valid e-mail address.") % {"address": address[:100]},
            code="invalid_address",
        ) from invalid
    return address


def addresses_clean(values: Iterable[str]) -> list[str]:
    return [address_clean(value) for value in values]


def message_id_clean(value: str) -> str:
    one_line(value, what="Message-ID")
    if not MESSAGE_ID.match(value):
        raise ValidationError(
            _("“%(value)s” is not a Message-ID.") % {"value": value[:100]}, code="message_id"
        )
    return value


def message_id_new() -> str:
    """A Message-ID of a letter Linija sends: unguessable, in the line's own domain."""
    domain = settings.LINIJA_EMAIL.rpartition("@")[2] or "linija.invalid"
    return f"<linija.{secrets.token_hex(12)}@{domain}>"


def conversation_tag(pk: int) -> str:
    return f"[Linija #{pk}]"


def subject_tagged(subject: str, pk: int) -> str:
    """The subject with the conversation's tag, added once."""
    tag = conversation_tag(pk)
    if tag.lower() in subject.lower():
        return subject
    return f"{subject} {tag}".strip()


def tagged_conversation(subject: str) -> int | None:
    """The conversation a subject's ``[Linija #1234]`` tag names, if any."""
    found = CONVERSATION_TAG.search(subject)
    return int(found.group(1)) if found else None


def reply_subject(subject: str) -> str:
    """ "Re: " in front of a subject that has none yet."""
    stripped = subject.strip()
    if re.match(r"^(re|ats|atsak|aw|sv|odp)\s*:", stripped, re.IGNORECASE):
        return stripped
    return f"Re: {stripped}" if stripped else "Re:"
