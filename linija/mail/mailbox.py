"""The mailbox runs: fetch the new letters once (``mail_fetch``, the command and the tests) or
watch the mailbox in IMAP IDLE (``mail_watch``, the worker), each fetched batch stored in one
transaction through ``quarantine.MailboxStore``."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import transaction

from linija.hours.selectors import line_status
from linija.inbox.live import staff_broadcasts_together
from linija.mail.imap import FetchReport, imap_config, mailbox_fetch, mailbox_watch
from linija.mail.quarantine import MailboxStore
from linija.mail.selectors import acknowledgement_templates


@contextmanager
def letters_batch() -> Iterator[None]:
    """One transaction for a fetched batch of letters (``letters_ingest`` stores them in a
    savepoint of it; when that fails, ``MailboxStore`` stores each alone in one of its own and
    counts the failed tries), its announcements sent together after the commit."""
    with staff_broadcasts_together(), transaction.atomic():
        yield


def mail_fetch() -> FetchReport | None:
    """Fetch and store the mailbox's new letters; None when no IMAP server is configured."""
    config = imap_config()
    if not config.enabled:
        return None
    # One reading of the opening hours and the templates for the run's acknowledgements.
    store = MailboxStore.of(config, line=line_status(), templates=acknowledgement_templates())
    return mailbox_fetch(config=config, store=store, batched=letters_batch)


def mail_watch(
    *,
    fetched: Callable[[FetchReport], None] = lambda report: None,
    stop: threading.Event | None = None,
) -> FetchReport | None:
    """Fetch the mailbox's new letters, then wait for more in IMAP IDLE for the configured
    time, storing each as it comes; None when no IMAP server is configured."""
    config = imap_config()
    if not config.enabled:
        return None
    return mailbox_watch(
        config=config,
        store=MailboxStore.of(config, line=line_status(), templates=acknowledgement_templates()),
        seconds=config.watch_seconds,
        fetched=fetched,
        stop=stop,
        batched=letters_batch,
    )
