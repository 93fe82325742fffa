"""Real mail servers for the e-mail channel's tests: an SMTP server (aiosmtpd) and Dovecot's
IMAP server, each started on a free loopback port, with its files in the test's tmp_path."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field

import pytest

from linija.mail.testing import Dovecot, dovecot_missing
from linija.testing.services import service_missing


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    """Raw letters and attachments of a test go to its own folder."""
    settings.LINIJA_MAIL_PRIVATE_DIR = str(tmp_path / "private")
    settings.LINIJA_EMAIL = "linija@pastoge.lt"


@dataclass
class SmtpServer:
    host: str
    port: int
    received: list = field(default_factory=list)
    # Recipients refused with (code, text): 5xx for good, 4xx for now.
    refuse: dict[str, tuple[int, str]] = field(default_factory=dict)

    def messages(self) -> list[email.message.EmailMessage]:
        return [
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
            for envelope in self.received
        ]


class Recorder:
    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refused = self.server.refuse.get(address)
        if refused:
            code, text = refused
            return f"{code} {text}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.server.received.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """An SMTP server on loopback that keeps what it receives; Linija's outbox sends to it."""
    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        service_missing("aiosmtpd is not installed: pip install aiosmtpd")
    from linija.testing.asgi_server import free_port

    server = SmtpServer(host="127.0.0.1", port=free_port())
    controller = Controller(Recorder(server), hostname=server.host, port=server.port)
    controller.start()
    settings.LINIJA_SMTP_HOST = server.host
    settings.LINIJA_SMTP_PORT = server.port
    settings.LINIJA_SMTP_TLS = "none"
    settings.LINIJA_SMTP_USER = ""
    settings.LINIJA_SMTP_PASSWORD = ""
    yield server
    controller.stop()


@pytest.fixture(scope="session")
def dovecot_server(tmp_path_factory):
    """Dovecot's IMAP server as the test session's own process, on a free loopback port, with
    one passwd-file user and a maildir of its own."""
    missing = dovecot_missing()
    if missing:
        service_missing(missing)
    server = Dovecot(tmp_path_factory.mktemp("dovecot"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def dovecot(dovecot_server, settings):
    """The session's Dovecot with an empty mailbox; Linija's IMAP settings point at it."""
    dovecot_server.empty()
    settings.LINIJA_IMAP_HOST = dovecot_server.host
    settings.LINIJA_IMAP_PORT = dovecot_server.port
    settings.LINIJA_IMAP_SECURITY = "plain"
    settings.LINIJA_IMAP_USER = dovecot_server.user
    settings.LINIJA_IMAP_PASSWORD = dovecot_server.password
    settings.LINIJA_IMAP_FOLDER = "INBOX"
    settings.LINIJA_IMAP_PROCESSED_FOLDER = ""
    settings.LINIJA_IMAP_WATCH_SECONDS = 0  # the worker's task fetches once; tests of IDLE set it
    return dovecot_server
