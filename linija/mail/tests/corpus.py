"""The corpus of tricky letters (``corpus/*.eml``) and what each must give (``expected.csv``).

Letters that answer an earlier one name it by placeholders the tests fill in once they know
the numbers: ``{{conversation:A}}`` (the number of the conversation of thread A) and
``{{ack:A}}`` (the Message-ID of the acknowledgement sent in thread A).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).parent / "corpus"
PLACEHOLDER = re.compile(r"\{\{(conversation|ack):(\w+)\}\}")
PLACEHOLDER_BYTES = re.compile(PLACEHOLDER.pattern.encode())
# Attachments above this are refused in the corpus tests (letter 18 brings a larger one).
ATTACHMENT_LIMIT = 64 * 1024


@dataclass(frozen=True)
class CorpusLetter:
    file: str
    sender: str
    subject: str
    text: str
    thread: str  # a label shared by the letters of one conversation; "-" for none
    kind: str  # person, auto_reply, bounce, bulk, own; "duplicate" for a letter seen before
    warning: str  # a warning code the letter must carry, or ""

    @property
    def raw(self) -> bytes:
        return (FOLDER / self.file).read_bytes()


def corpus() -> list[CorpusLetter]:
    with (FOLDER / "expected.csv").open(encoding="utf-8", newline="") as table:
        return [CorpusLetter(**row) for row in csv.DictReader(table)]


def filled(text: str, value: Callable[[str, str], str]) -> str:
    """``text`` with each placeholder replaced by ``value(kind, thread)``."""
    return PLACEHOLDER.sub(lambda found: value(found.group(1), found.group(2)), text)


def filled_bytes(raw: bytes, value: Callable[[str, str], str]) -> bytes:
    return PLACEHOLDER_BYTES.sub(
        lambda found: value(found.group(1).decode(), found.group(2).decode()).encode(),
        raw,
    )
