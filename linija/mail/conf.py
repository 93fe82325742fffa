"""The e-mail channel's configuration: Django settings first, then the environment, then safe
defaults. Read when used, so a test may change a setting with pytest-django's ``settings``.

IMAP (inbound): ``LINIJA_IMAP_HOST`` (empty: fetching is off), ``LINIJA_IMAP_PORT``,
``LINIJA_IMAP_SECURITY`` ("tls", "starttls" or "plain"), ``LINIJA_IMAP_USER``,
``LINIJA_IMAP_PASSWORD``, ``LINIJA_IMAP_FOLDER`` (default INBOX) and
``LINIJA_IMAP_PROCESSED_FOLDER`` (empty: fetched letters are marked seen and stay; otherwise
they are moved there).

SMTP (outbound): ``LINIJA_SMTP_HOST`` (empty: Django's ``EMAIL_BACKEND``, the console in
development), ``LINIJA_SMTP_PORT``, ``LINIJA_SMTP_USER``, ``LINIJA_SMTP_PASSWORD``,
``LINIJA_SMTP_TLS`` ("starttls", "tls" or "none").

Storage and limits: ``LINIJA_MAIL_PRIVATE_DIR`` (raw letters and attachments; never under
``MEDIA_ROOT``), ``LINIJA_MAIL_ATTACHMENT_MAX_BYTES``, ``LINIJA_MAIL_TEXT_MAX_CHARS`` (the
contact form), ``LINIJA_MAIL_FROM_NAME``. The contact form's rate limit is the "contact" scope of
``LINIJA_RATE_LIMITS`` (``privacy.limits``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


def _value(name: str, default: str) -> str:
    configured = getattr(settings, name, None)
    if configured is not None:
        return str(configured)
    return os.environ.get(name, default)


def _int(name: str, default: int) -> int:
    try:
        return int(_value(name, str(default)))
    except ValueError:
        return default


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    security: str
    user: str
    password: str
    folder: str
    processed_folder: str
    timeout: int

    @property
    def enabled(self) -> bool:
        return bool(self.host)


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    user: str
    password: str
    security: str
    timeout: int

    @property
    def enabled(self) -> bool:
        return bool(self.host)


IMAP_DEFAULT_PORTS = {"tls": 993, "starttls": 143, "plain": 143}
SMTP_DEFAULT_PORTS = {"tls": 465, "starttls": 587, "none": 25}


def imap_config() -> ImapConfig:
    security = _value("LINIJA_IMAP_SECURITY", "tls").lower()
    if security not in IMAP_DEFAULT_PORTS:
        security = "tls"
    return ImapConfig(
        host=_value("LINIJA_IMAP_HOST", ""),
        port=_int("LINIJA_IMAP_PORT", IMAP_DEFAULT_PORTS[security]),
        security=security,
        user=_value("LINIJA_IMAP_USER", ""),
        password=_value("LINIJA_IMAP_PASSWORD", ""),
        folder=_value("LINIJA_IMAP_FOLDER", "INBOX"),
        processed_folder=_value("LINIJA_IMAP_PROCESSED_FOLDER", ""),
        timeout=_int("LINIJA_IMAP_TIMEOUT", 60),
    )


def smtp_config() -> SmtpConfig:
    security = _value("LINIJA_SMTP_TLS", "starttls").lower()
    if security not in SMTP_DEFAULT_PORTS:
        security = "starttls"
    return SmtpConfig(
        host=_value("LINIJA_SMTP_HOST", ""),
        port=_int("LINIJA_SMTP_PORT", SMTP_DEFAULT_PORTS[security]),
        user=_value("LINIJA_SMTP_USER", ""),
        password=_value("LINIJA_SMTP_PASSWORD", ""),
        security=security,
        timeout=_int("LINIJA_SMTP_TIMEOUT", 30),
    )


def private_dir() -> Path:
    """Where raw letters and attachments are kept: no URL leads there."""
    return Path(_value("LINIJA_MAIL_PRIVATE_DIR", str(settings.VAR_DIR / "private" / "mail")))


def line_address() -> str:
    """The line's public e-mail address: the sender of every letter Linija sends."""
    return getattr(settings, "LINIJA_EMAIL", "") or settings.DEFAULT_FROM_EMAIL


def from_name() -> str:
    return _value("LINIJA_MAIL_FROM_NAME", "Įvaikinimo ir globos linija")


def attachment_max_bytes() -> int:
    return _int("LINIJA_MAIL_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)


def text_max_chars() -> int:
    return _int("LINIJA_MAIL_TEXT_MAX_CHARS", 10000)


# The outbox: a failed send is tried again after 1, 2, 4 … minutes, at most six hours apart,
# and given up after this many attempts.
OUTBOX_MAX_ATTEMPTS = 12
OUTBOX_MAX_DELAY_MINUTES = 6 * 60
# A message left "sending" this long (the worker died mid-send) is queued again.
OUTBOX_STALE_MINUTES = 15
