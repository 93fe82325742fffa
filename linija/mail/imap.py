"""Fetching the line's mailbox over IMAP (TLS, STARTTLS, or plain for tests): once
(``mailbox_fetch``), or watching it in IDLE where the server offers it (``mailbox_watch``).

A letter is marked seen (or moved to the processed folder) only after ``store`` returned
and the ``batched`` context its batch was stored in ended, that is after its transaction
committed: a crash in between leaves it unseen, and the next run fetches it again (``store``
recognises a letter it already has).
"""

from __future__ import annotations

import imaplib
import logging
import re
import select
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from django.conf import settings

logger = logging.getLogger(__name__)

# RFC 6851 MOVE, which imaplib does not list.
imaplib.Commands.setdefault("MOVE", ("SELECTED",))
FETCHED_UID = re.compile(rb"UID (\d+)")
BATCH = 100
# An untagged answer during IDLE that a letter came: "* 12 EXISTS" (or "* 3 RECENT").
NEWS = re.compile(rb"^\* \d+ (?:EXISTS|RECENT)\b", re.IGNORECASE)
# IDLE is renewed this often: a letter announced in the same packet as the server's "+ idling"
# waits no longer than this.
IDLE_SLICE = 10.0
RECONNECT_PAUSE = 1.0
RECONNECT_PAUSE_MAX = 30.0


# A fetch run's ``store``: given a batch of raw letters, for each whether it was new, or
# ``QUARANTINED``, or the error that kept it from being stored.
Store = Callable[[list[bytes]], list["bool | str | Exception"]]
# What ``store`` returns for a letter it put in the quarantine: marked handled like a stored one.
QUARANTINED = "quarantined"


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    security: str  # "tls", "starttls" or "plain"
    user: str
    password: str
    folder: str
    processed_folder: str
    timeout: int
    watch_seconds: int  # how long one worker run waits in IDLE for new letters (0: poll once)

    @property
    def enabled(self) -> bool:
        return bool(self.host)


def imap_config() -> ImapConfig:
    """The mailbox as the settings name it (``LINIJA_IMAP_*``), read when used."""
    return ImapConfig(
        host=settings.LINIJA_IMAP_HOST,
        port=int(settings.LINIJA_IMAP_PORT),
        security=settings.LINIJA_IMAP_SECURITY,
        user=settings.LINIJA_IMAP_USER,
        password=settings.LINIJA_IMAP_PASSWORD,
        folder=settings.LINIJA_IMAP_FOLDER,
        processed_folder=settings.LINIJA_IMAP_PROCESSED_FOLDER,
        timeout=int(settings.LINIJA_IMAP_TIMEOUT),
        watch_seconds=int(settings.LINIJA_IMAP_WATCH_SECONDS),
    )


class MailboxError(Exception):
    """The IMAP server refused a step; the letters stay where they are."""


@dataclass
class FetchReport:
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    failed: int = 0


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _connect(config: ImapConfig) -> imaplib.IMAP4:
    if config.security == "tls":
        return imaplib.IMAP4_SSL(
            config.host,
            config.port,
            ssl_context=ssl.create_default_context(),
            timeout=config.timeout,
        )
    imap = imaplib.IMAP4(config.host, config.port, timeout=config.timeout)
    if config.security == "starttls":
        imap.starttls(ssl_context=ssl.create_default_context())
    return imap


def _checked(answer: tuple[str, list], step: str) -> list:
    status, data = answer
    if status != "OK":
        raise MailboxError(f"IMAP {step} refused: {data!r}")
    return data


def _fetched(data: list) -> Iterator[tuple[bytes, bytes]]:
    """(uid, raw letter) pairs of a UID FETCH answer; the UID may come before or after the
    literal."""
    for index, item in enumerate(data):
        if not isinstance(item, tuple) or len(item) < 2:
            continue
        found = FETCHED_UID.search(item[0])
        if found is None and index + 1 < len(data) and isinstance(data[index + 1], bytes):
            found = FETCHED_UID.search(data[index + 1])
        if found is not None:
            yield found.group(1), item[1]


def _chunks(values: Sequence[bytes], size: int) -> Iterator[Sequence[bytes]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _can_move(imap: imaplib.IMAP4) -> bool:
    """Whether the server offers MOVE, after login (when it lists everything it can)."""
    status, data = imap.capability()
    return status == "OK" and b"MOVE" in b" ".join(data or []).upper().split()


def _processed(imap: imaplib.IMAP4, uids: Sequence[bytes], config: ImapConfig) -> None:
    """Mark letters seen, or move them to the processed folder."""
    uid_set = b",".join(uids).decode()
    if not config.processed_folder:
        _checked(imap.uid("STORE", uid_set, "+FLAGS.SILENT", r"(\Seen)"), "STORE")
        return
    target = _quoted(config.processed_folder)
    if _can_move(imap):
        _checked(imap.uid("MOVE", uid_set, target), "MOVE")
        return
    _checked(imap.uid("COPY", uid_set, target), "COPY")
    _checked(imap.uid("STORE", uid_set, "+FLAGS.SILENT", r"(\Deleted \Seen)"), "STORE")
    _checked(imap.expunge(), "EXPUNGE")


def _session(config: ImapConfig) -> imaplib.IMAP4:
    """A logged-in connection with the folder selected."""
    imap = _connect(config)
    try:
        _checked(imap.login(config.user, config.password), "LOGIN")
        if config.processed_folder:
            imap.create(_quoted(config.processed_folder))  # "already exists" is fine
        _checked(imap.select(_quoted(config.folder)), "SELECT")
    except BaseException:
        _logout(imap)
        raise
    return imap


def _logout(imap: imaplib.IMAP4) -> None:
    try:
        imap.logout()
    except (imaplib.IMAP4.error, OSError):
        logger.warning("IMAP logout failed", exc_info=True)


def _fetch_new(
    imap: imaplib.IMAP4,
    *,
    config: ImapConfig,
    store: Store,
    batch: int,
    batched: Callable[[], AbstractContextManager],
    report: FetchReport,
) -> None:
    """Fetch the new letters (unseen ones, or all in the folder when processed letters are
    moved away) in batches into ``report``, each batch stored inside ``batched()``."""
    criteria = "ALL" if config.processed_folder else "UNSEEN"
    uids = _checked(imap.uid("SEARCH", None, criteria), "SEARCH")[0].split()
    for chunk in _chunks(uids, batch):
        data = _checked(imap.uid("FETCH", b",".join(chunk).decode(), "(BODY.PEEK[])"), "FETCH")
        done = []
        fetched = list(_fetched(data))
        report.fetched += len(fetched)
        with batched():
            outcomes = store([raw for _uid, raw in fetched])
        for (uid, _raw), created in zip(fetched, outcomes, strict=True):
            if isinstance(created, Exception):  # it stays unseen and is fetched again next time
                logger.error("Letter UID %s could not be stored", uid.decode(), exc_info=created)
                report.failed += 1
                continue
            done.append(uid)
            if created == QUARANTINED:
                report.quarantined += 1
            elif created:
                report.stored += 1
            else:
                report.duplicates += 1
        if done:
            _processed(imap, done, config)


def mailbox_fetch(
    *,
    config: ImapConfig,
    store: Store,
    batch: int = BATCH,
    batched: Callable[[], AbstractContextManager] = nullcontext,
) -> FetchReport:
    """Fetch the new letters once; ``store(raws)`` says of each letter of a batch whether it
    was new, ``QUARANTINED``, or its error. A letter that failed stays in place for the next
    run. Each batch
    of ``batch`` letters is stored inside ``batched()`` (one transaction for the batch, say)."""
    report = FetchReport()
    imap = _session(config)
    try:
        _fetch_new(imap, config=config, store=store, batch=batch, batched=batched, report=report)
    finally:
        _logout(imap)
    return report


def _can_idle(imap: imaplib.IMAP4) -> bool:
    status, data = imap.capability()
    return status == "OK" and b"IDLE" in b" ".join(data or []).upper().split()


def _idle(imap: imaplib.IMAP4, *, seconds: float) -> bool:
    """Wait in IDLE (RFC 2177) up to ``seconds`` for the server to announce a letter; whether
    it did. The connection is left ready for the next command."""
    tag = b"LIDLE"
    imap.send(tag + b" IDLE\r\n")
    answer = imap.readline()
    if not answer.startswith(b"+"):
        raise MailboxError(f"IMAP IDLE refused: {answer!r}")
    news = False
    deadline = time.monotonic() + seconds
    # select() on the socket, not a read timeout: a timed-out socket file cannot be read again.
    while not news and select.select([imap.sock], [], [], max(deadline - time.monotonic(), 0))[0]:
        news = bool(NEWS.match(_line(imap)))
    imap.send(b"DONE\r\n")
    while not (line := _line(imap)).startswith(tag + b" "):
        news = news or bool(NEWS.match(line))
    return news


def _line(imap: imaplib.IMAP4) -> bytes:
    line = imap.readline()
    if not line:
        raise imaplib.IMAP4.abort("the server closed the connection during IDLE")
    return line


def mailbox_watch(
    *,
    config: ImapConfig,
    store: Store,
    seconds: float,
    fetched: Callable[[FetchReport], None] = lambda report: None,
    stop: threading.Event | None = None,
    batch: int = BATCH,
    batched: Callable[[], AbstractContextManager] = nullcontext,
) -> FetchReport:
    """Fetch the new letters, then for ``seconds`` wait in IDLE where the server offers it
    and fetch each letter it announces at once; without IDLE, fetch once (the worker polls).
    A lost connection (a server restarting) is opened again, with growing pauses; a letter is
    marked seen only after it was stored, so none is lost or stored twice. ``fetched`` is told
    each successful round; ``stop`` ends the watch after the current round. ``batch`` and
    ``batched`` as for ``mailbox_fetch``."""
    report = FetchReport()
    deadline = time.monotonic() + seconds
    pause = RECONNECT_PAUSE
    stop = stop or threading.Event()
    while not stop.is_set():
        try:
            imap = _session(config)
        except (OSError, imaplib.IMAP4.abort) as error:
            if time.monotonic() + pause > deadline:
                raise
            logger.warning("IMAP server unreachable (%s); trying again in %.0f s", error, pause)
            stop.wait(pause)
            pause = min(pause * 2, RECONNECT_PAUSE_MAX)
            continue
        try:
            pause = RECONNECT_PAUSE
            _fetch_new(
                imap, config=config, store=store, batch=batch, batched=batched, report=report
            )
            fetched(report)
            if not _can_idle(imap):
                return report
            while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
                if _idle(imap, seconds=min(left, IDLE_SLICE)):
                    _fetch_new(
                        imap,
                        config=config,
                        store=store,
                        batch=batch,
                        batched=batched,
                        report=report,
                    )
                    fetched(report)
            return report
        except (OSError, imaplib.IMAP4.abort) as error:
            logger.warning("IMAP connection lost (%s); opening it again", error)
        finally:
            _logout(imap)
        if time.monotonic() >= deadline:
            return report
    return report
