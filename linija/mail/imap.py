"""Fetching the line's mailbox over IMAP (TLS, STARTTLS, or plain for tests).

A letter is marked seen (or moved to the processed folder) only after ``store`` returned,
that is after its transaction committed: a crash in between leaves it unseen, and the next
run fetches it again (``store`` recognises a letter it already has).
"""

from __future__ import annotations

import imaplib
import logging
import re
import ssl
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from linija.mail.conf import ImapConfig

logger = logging.getLogger(__name__)

# RFC 6851 MOVE, which imaplib does not list.
imaplib.Commands.setdefault("MOVE", ("SELECTED",))
FETCHED_UID = re.compile(rb"UID (\d+)")
BATCH = 100


class MailboxError(Exception):
    """The IMAP server refused a step; the letters stay where they are."""


@dataclass
class FetchReport:
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
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


def mailbox_fetch(
    *, config: ImapConfig, store: Callable[[bytes], bool], batch: int = BATCH
) -> FetchReport:
    """Fetch the new letters (unseen ones, or all in the folder when processed letters are
    moved away) in batches; ``store(raw)`` returns whether the letter was new. A letter whose
    ``store`` fails stays in place for the next run."""
    report = FetchReport()
    imap = _connect(config)
    try:
        _checked(imap.login(config.user, config.password), "LOGIN")
        if config.processed_folder:
            imap.create(_quoted(config.processed_folder))  # "already exists" is fine
        _checked(imap.select(_quoted(config.folder)), "SELECT")
        criteria = "ALL" if config.processed_folder else "UNSEEN"
        uids = _checked(imap.uid("SEARCH", None, criteria), "SEARCH")[0].split()
        for chunk in _chunks(uids, batch):
            data = _checked(imap.uid("FETCH", b",".join(chunk).decode(), "(BODY.PEEK[])"), "FETCH")
            done = []
            for uid, raw in _fetched(data):
                report.fetched += 1
                try:
                    created = store(raw)
                except Exception:  # the letter stays unseen and is fetched again next time
                    logger.exception("Letter UID %s could not be stored", uid.decode())
                    report.failed += 1
                    continue
                done.append(uid)
                if created:
                    report.stored += 1
                else:
                    report.duplicates += 1
            if done:
                _processed(imap, done, config)
    finally:
        try:
            imap.logout()
        except (imaplib.IMAP4.error, OSError):
            logger.warning("IMAP logout failed", exc_info=True)
    return report
