"""Watching the mailbox in IMAP IDLE (a real Dovecot): a letter is stored within seconds of
its arrival, a server without IDLE is polled, and a server restart costs no letter and
doubles none."""

import threading
import time

import pytest

from linija.mail import imap
from linija.mail.mailbox import mail_watch
from linija.mail.models import Letter

pytestmark = pytest.mark.django_db


def letter(number: int) -> bytes:
    return (
        f"From: Ona <ona@example.lt>\r\nTo: linija@pastoge.lt\r\nSubject: Laiskas {number}\r\n"
        f"Message-ID: <idle{number}@example.lt>\r\n\r\nLaba diena, laiskas {number}.\r\n"
    ).encode()


class Watch:
    """Runs ``mail_watch`` in the test's thread while ``act(round, report)`` runs, in a thread
    of its own, after each fetch round; ``act`` returns False to end the watch."""

    def __init__(self, act):
        self.act = act
        self.rounds = 0
        self.stop = threading.Event()
        self.errors: list[BaseException] = []

    def fetched(self, report) -> None:
        self.rounds += 1
        number = self.rounds

        def run():
            try:
                if self.act(number, report) is False:
                    self.stop.set()
            except BaseException as error:
                self.errors.append(error)
                self.stop.set()

        threading.Thread(target=run, daemon=True).start()

    def run(self):
        report = mail_watch(fetched=self.fetched, stop=self.stop)
        assert not self.errors, self.errors
        return report


def test_it_stores_a_letter_within_seconds_of_its_arrival(dovecot, settings):
    settings.LINIJA_IMAP_WATCH_SECONDS = 30
    delivered: list[float] = []

    def act(number, _report):
        if number == 1:
            dovecot.deliver([letter(1)])
            delivered.append(time.monotonic())
            return True
        return False

    started = time.monotonic()
    report = Watch(act).run()
    stored = Letter.objects.get(message_id="<idle1@example.lt>")
    assert report.stored == 1
    assert stored.received_at is not None
    assert time.monotonic() - delivered[0] < 5  # polling would take a minute
    assert time.monotonic() - started < 25


def test_it_polls_once_a_server_without_idle(dovecot, settings, monkeypatch):
    settings.LINIJA_IMAP_WATCH_SECONDS = 30
    monkeypatch.setattr(imap, "_can_idle", lambda connection: False)
    dovecot.deliver([letter(2)])
    started = time.monotonic()
    report = mail_watch()
    assert report.stored == 1
    assert time.monotonic() - started < 10


def test_it_polls_once_when_watching_is_off(dovecot, settings):
    settings.LINIJA_IMAP_WATCH_SECONDS = 0
    dovecot.deliver([letter(3)])
    assert mail_watch().stored == 1
    assert Letter.objects.filter(message_id="<idle3@example.lt>").exists()


def test_it_connects_again_after_a_server_restart_without_losing_or_doubling(dovecot, settings):
    settings.LINIJA_IMAP_WATCH_SECONDS = 40

    def act(number, report):
        if number == 1:
            dovecot.deliver([letter(4)])
        elif number == 2:
            dovecot.restart()
            dovecot.deliver([letter(5), letter(6)])
        return report.stored < 3

    report = Watch(act).run()
    ids = sorted(Letter.objects.values_list("message_id", flat=True))
    assert ids == ["<idle4@example.lt>", "<idle5@example.lt>", "<idle6@example.lt>"]
    assert report.stored == 3 and report.failed == 0
    assert all("\\Seen" in flags for flags in dovecot.flags())
