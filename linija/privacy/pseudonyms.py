"""Keyed pseudonyms of phone numbers and e-mail addresses.

``pseudonym("phone", "8 612 34567")`` is the hex HMAC-SHA256 of ``"phone:+37061234567"`` under
``settings.PSEUDONYM_KEY``: the same person gets the same key on every channel and every call,
so repeat contacts can be counted, but the number cannot be read back from it. Values are
normalised first, so that the different ways of writing one number give one key.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings
from django.utils.translation import gettext as _

LITHUANIA = "370"
# Lithuanian numbers have eight digits after the country code, mobile ones start with 6.
NATIONAL_DIGITS = 8
# E.164: at most 15 digits with the country code. Written without "+" or "00" (as exchanges
# send them) a number needs 10 digits at least, so that a mistyped Lithuanian number is not
# taken for a foreign one.
E164_MIN_DIGITS = 7
E164_MAX_DIGITS = 15
BARE_MIN_DIGITS = 10
SEPARATORS = re.compile(r"[\s\-()./]")
DIGITS = re.compile(r"[0-9]+")


def _invalid() -> ValueError:
    return ValueError(_("Enter a phone number, for example 8 612 34567 or +370 612 34567."))


def _international(digits: str) -> str:
    """``digits`` with the country code in front, checked and written as E.164."""
    if not DIGITS.fullmatch(digits) or digits.startswith("0"):
        raise _invalid()
    if not E164_MIN_DIGITS <= len(digits) <= E164_MAX_DIGITS:
        raise _invalid()
    if digits.startswith(LITHUANIA) and len(digits) != len(LITHUANIA) + NATIONAL_DIGITS:
        raise ValueError(_("A Lithuanian number has 8 digits after +370 (or 9 digits with 8)."))
    return f"+{digits}"


def normalise_phone(value: str) -> str:
    """The E.164 form (``+37061234567``) of a phone number as people and exchanges write it.

    Understood: ``+370 612 34567``, ``00370 612 34567``, ``8 612 34567``, ``861234567``,
    ``612 34567`` (eight digits: a Lithuanian number without the 8), ``37061234567`` and other
    countries' numbers with their code and at least 10 digits (as exchanges send them), with
    spaces, dashes, dots, slashes or parentheses anywhere. Raises ``ValueError`` with a message
    for the person.
    """
    text = SEPARATORS.sub("", str(value))
    if text.startswith("+"):
        return _international(text[1:])
    if text.startswith("00"):
        return _international(text[2:])
    if not DIGITS.fullmatch(text):
        raise _invalid()
    if len(text) == 1 + NATIONAL_DIGITS and text.startswith("8"):
        return _international(LITHUANIA + text[1:])
    if len(text) == NATIONAL_DIGITS:
        return _international(LITHUANIA + text)
    if len(text) < BARE_MIN_DIGITS:
        raise _invalid()
    return _international(text)


def normalise_email(value: str) -> str:
    return str(value).strip().lower()


NORMALISERS = {"phone": normalise_phone, "email": normalise_email}


def pseudonym(kind: str, value: str) -> str:
    """The keyed pseudonym (64 hex digits) of ``value``.

    ``kind`` "phone" and "email" normalise the value first (``normalise_phone`` raises
    ``ValueError`` for a value that is not a phone number); any other kind is used as given.
    """
    normalise = NORMALISERS.get(kind, str)
    message = f"{kind}:{normalise(value)}".encode()
    return hmac.new(settings.PSEUDONYM_KEY.encode(), message, hashlib.sha256).hexdigest()


def key_fingerprint() -> str:
    """Names the pseudonym key without revealing it: a backup made with another key holds
    pseudonyms this installation cannot match."""
    return pseudonym("key-fingerprint", "linija")[:16]
