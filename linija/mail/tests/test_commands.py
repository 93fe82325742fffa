"""``manage.py mail_fetch``: fetch the mailbox once, say what happened."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from linija.mail.models import Letter

pytestmark = pytest.mark.django_db


def test_it_fetches_and_reports(dovecot):
    dovecot.deliver(
        [
            b"From: ona@example.lt\r\nMessage-ID: <cmd1@example.lt>\r\n\r\nLabas\r\n",
            b"From: ona@example.lt\r\nMessage-ID: <cmd2@example.lt>\r\n\r\nDar\r\n",
        ]
    )
    out = StringIO()
    call_command("mail_fetch", stdout=out)
    assert Letter.objects.count() == 2
    assert "2" in out.getvalue()


def test_it_fails_clearly_without_a_mailbox(settings):
    settings.LINIJA_IMAP_HOST = ""
    with pytest.raises(CommandError, match="LINIJA_IMAP_HOST"):
        call_command("mail_fetch")


def test_it_fails_clearly_when_the_server_is_down(settings):
    from linija.testing.asgi_server import free_port

    settings.LINIJA_IMAP_HOST = "127.0.0.1"
    settings.LINIJA_IMAP_PORT = free_port()
    settings.LINIJA_IMAP_SECURITY = "plain"
    with pytest.raises(CommandError):
        call_command("mail_fetch")
    assert Letter.objects.count() == 0
