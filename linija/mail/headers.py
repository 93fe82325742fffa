"""A letter's headers as they come. Pure functions.

The header block is repaired before it is parsed (``headers_repaired``): text before the
first header line is dropped, and a line that is neither a header nor indented, followed by
more headers, continues the header above it. Header texts are unfolded, their raw 8-bit bytes
read in the letter's own charsets and their RFC 2047 encoded words decoded.

Addresses (``addresses_of``) are read as the Ruby ``mail`` gem and Zammad read them, quoted
names with stray or nested quotes, comments, groups, domains without a dot, non-ASCII
addresses (RFC 6532) and encoded words inside the address included; but an address that is
malformed is never searched for something that looks like one: ``<power quadrant
system@example.com>`` is no address, not ``system@example.com``.
"""

from __future__ import annotations

import base64
import email.utils
import quopri
import re
from collections.abc import Sequence
from datetime import UTC, datetime

from linija.mail.charsets import clean, text_decode

ID_MAX = 250
ENCODED_WORD = re.compile(r"=\?(?P<charset>[^?\s]+)\?(?P<encoding>[bBqQ])\?(?P<text>[^?]*)\?=")
ANGLE_ID = re.compile(r"<([^<>\s]+)>")
ADDRESS = re.compile(
    r"""(?:[^\s@<>()\[\],;:"\\]+|"(?:[^"\\\r\n]|\\.)+")"""
    r"@(?:[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*\.?|\[[^\[\]\s]+\])"
)
FIELD = re.compile(rb"^[\x21-\x39\x3b-\x7e]+:")
HEADER_LINE = re.compile(rb"^(?:[\x21-\x39\x3b-\x7e]+:|[ \t])")
KNOWN = re.compile(
    rb"^(?:from|to|subject|date|message-id|received|return-path|mime-version|content-type)"
    rb"\s*:",
    re.IGNORECASE,
)
BLANK_LINE = re.compile(rb"\r?\n\r?\n")


def headers_repaired(raw: bytes) -> tuple[bytes, bool]:
    """``raw`` with its header block as a parser expects it, and whether it needed repair:
    no text before the first header line; a line without a field name or indentation that
    more headers follow continues the header above; one that only the body follows starts
    the body."""
    start = raw[: len(raw) - len(raw.lstrip(b"\r\n"))]
    end = BLANK_LINE.search(raw, len(start))
    if end is None:
        return raw, False
    lines = raw[len(start) : end.start()].split(b"\n")
    fields = [index for index, line in enumerate(lines) if FIELD.match(line)]
    if not fields or not any(KNOWN.match(lines[index]) for index in fields):
        return raw, False
    last_field = fields[-1]
    repaired, changed = [], bool(start) or fields[0] > 0
    for index, line in enumerate(lines[fields[0] :], start=fields[0]):
        if HEADER_LINE.match(line):
            repaired.append(line)
        elif index < last_field:
            repaired.append(b" " + line)
            changed = True
        else:
            repaired += [b"\r" if line.endswith(b"\r") else b"", line]
            changed = True
    if not changed:
        return raw, False
    return b"\n".join(repaired) + raw[end.start() :], True


def unfold(value: str) -> str:
    return re.sub(r"[\r\n]+", " ", re.sub(r"\r?\n(?=[ \t])", "", value))


def has_raw_bytes(value: str) -> bool:
    """Whether a header read from bytes carried 8-bit bytes (kept as surrogate escapes)."""
    return any("\udc80" <= character <= "\udcff" for character in value)


def raw_bytes(value: str) -> bytes:
    try:
        return value.encode("ascii", errors="surrogateescape")
    except UnicodeEncodeError:
        return value.encode("utf-8", errors="surrogateescape")


def base64_lenient(data: bytes) -> tuple[bytes, bool]:
    """Base64 decoded as far as it goes, and whether it was damaged (stray characters, a
    wrong length): a broken attachment or text still gives what can be read."""
    cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", data.split(b"=", 1)[0])
    damaged = bool(re.search(rb"[^A-Za-z0-9+/=\s]", data)) or len(cleaned) % 4 == 1
    cleaned = cleaned[: len(cleaned) - (len(cleaned) % 4 == 1)]
    return base64.b64decode(cleaned + b"=" * (-len(cleaned) % 4)), damaged


def _encoded_word_bytes(encoding: str, text: str) -> bytes:
    if encoding.lower() == "b":
        return base64_lenient(text.encode("ascii", errors="ignore"))[0]
    return quopri.decodestring(text.replace("_", " ").encode("ascii", errors="replace"))


def _text(value: str, guesses: Sequence[str]) -> str:
    """Unfolded, with raw 8-bit bytes (or 7-bit escape sequences) read as text."""
    value = unfold(str(value))
    if has_raw_bytes(value) or "\x1b" in value:
        value = text_decode(raw_bytes(value), None, guesses=guesses)[0]
    return value


def header_decode(value: str | None, *, guesses: Sequence[str] = ()) -> str:
    """A header's text: unfolded, raw 8-bit bytes (read in ``guesses``, the letter's
    declared charsets, before the fallbacks) and RFC 2047 encoded words decoded, with
    adjacent words in one charset joined before decoding (a letter split across two words
    stays whole) and the white space between encoded words dropped."""
    if not value:
        return ""
    value = _text(value, guesses)
    pieces: list[tuple[bytes | str, str | None]] = []
    position = 0
    for match in ENCODED_WORD.finditer(value):
        between = value[position : match.start()]
        after_word = bool(pieces) and pieces[-1][1] is not None
        if between and not (after_word and between.isspace()):
            pieces.append((between, None))
        data = _encoded_word_bytes(match["encoding"], match["text"])
        charset = match["charset"].lower()
        if pieces and pieces[-1][1] == charset:
            pieces[-1] = (pieces[-1][0] + data, charset)
        else:
            pieces.append((data, charset))
        position = match.end()
    pieces.append((value[position:], None))
    text = "".join(
        piece if charset is None else text_decode(piece, charset, guesses=guesses)[0]
        for piece, charset in pieces
    )
    return clean(text).strip()


# --- Addresses ------------------------------------------------------------------------------


def _scan(value: str) -> list[tuple[str, str]]:
    """``value`` cut into (kind, text) tokens: ``quoted``, ``comment``, ``angle``, ``comma``
    and ``text``. A quote or bracket left open is taken as a stray character."""
    tokens: list[tuple[str, str]] = []
    index, text = 0, ""
    closing = {'"': '"', "(": ")", "<": ">"}
    kinds = {'"': "quoted", "(": "comment", "<": "angle"}
    while index < len(value):
        character = value[index]
        if character in closing:
            end = _closed(value, index, closing[character])
            if end is None and character == "<":
                end = len(value)  # an address left open at the end: <jonas@example.lt
            if end is not None:
                if text:
                    tokens.append(("text", text))
                    text = ""
                tokens.append((kinds[character], value[index + 1 : end]))
                index = end + 1
                continue
            character = "" if character == '"' else character
        elif character in ",;":
            if text:
                tokens.append(("text", text))
                text = ""
            tokens.append(("comma", character))
            index += 1
            continue
        text += character
        index += 1
    if text:
        tokens.append(("text", text))
    return tokens


def _closed(value: str, start: int, closing: str) -> int | None:
    """Where the quote, comment or angle opened at ``start`` closes, if it does."""
    depth, index = 0, start + 1
    while index < len(value):
        character = value[index]
        if character == "\\" and closing != ">":
            index += 2
            continue
        if closing == ")" and character == "(":
            depth += 1
        elif character == closing:
            if depth == 0:
                return index
            depth -= 1
        elif closing == ">" and character in '<"':
            return None
        index += 1
    return None


def _unescaped(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _address(text: str) -> str:
    """``text`` as an address if all of it is one (a source route and ``mailto:`` aside)."""
    candidate = re.sub(r"^(?:@[^:,]+,?)+:", "", text.strip())
    candidate = re.sub(r"^mailto:", "", candidate, flags=re.IGNORECASE).rstrip(".")
    return candidate if ADDRESS.fullmatch(candidate) else ""


def _mailbox(
    tokens: list[tuple[str, str]], guesses: Sequence[str], *, nested: bool
) -> tuple[str, str]:
    """(name, address) of one mailbox's tokens; the address "" when there is none usable.
    The name is the display name, or else the comments (``jonas@example.lt (Jonas)``)."""
    angles = [text for kind, text in tokens if kind == "angle"]
    words = [
        _unescaped(text) if kind == "quoted" else text
        for kind, text in tokens
        if kind in {"text", "quoted"}
    ]
    comments = [_unescaped(text) for kind, text in tokens if kind == "comment"]
    if angles:
        inside = angles[-1]
        if ENCODED_WORD.search(inside):
            inside = header_decode(inside, guesses=guesses)
        address = _address(inside)
    else:
        bare = " ".join(text for kind, text in tokens if kind == "text").strip()
        address = _address(bare)
        if address:
            words = []
        elif len(words) == 1 and not nested and ENCODED_WORD.search(bare):
            # The whole mailbox in one encoded word: =?utf-8?B?(Ieva <ieva@example.lt>)?=
            decoded = _mailboxes(header_decode(bare, guesses=guesses), guesses, nested=True)
            return decoded[0] if decoded else ("", "")
    name = " ".join(words).strip() or " ".join(comments)
    name = header_decode(re.sub(r"\s+", " ", name).strip(), guesses=guesses).strip("\"' ")
    if name.lower() == address.lower():
        name = ""
    return name, address


def _mailboxes(
    value: str, guesses: Sequence[str], *, nested: bool = False
) -> list[tuple[str, str]]:
    groups: list[list[tuple[str, str]]] = [[]]
    for kind, text in _scan(value):
        if kind == "comma":
            groups.append([])
            continue
        if kind == "text" and ":" in text and all(seen != "angle" for seen, _ in groups[-1]):
            # A group's name ("Undisclosed recipients:") is not a mailbox.
            head, _colon, text = text.rpartition(":")
            if "@" in head:
                text = f"{head}:{text}"
            elif not text.strip():
                continue
        groups[-1].append((kind, text))
    return [
        _mailbox(group, guesses, nested=nested)
        for group in groups
        if any(text.strip() for _kind, text in group)
    ]


def addresses_of(value: str, *, guesses: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(name, address) pairs of an address header, the address "" where the header names
    someone without a usable address; names decoded."""
    if not value:
        return []
    return _mailboxes(_text(value, guesses), guesses)


def formatted(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(f"{name} <{address}>" if name else address for name, address in pairs)


def message_ids(value: str) -> list[str]:
    """The ``<…>`` Message-IDs in a header, in order."""
    return [f"<{found[: ID_MAX - 2]}>" for found in ANGLE_ID.findall(unfold(value))]


def message_id_of(value: str) -> str:
    ids = message_ids(value)
    if ids:
        return ids[0]
    bare = unfold(value).strip()
    if bare and " " not in bare and "@" in bare and bare.isascii():
        return f"<{bare.strip('<>')[: ID_MAX - 2]}>"
    return ""


def date_of(value: str) -> tuple[datetime | None, bool]:
    """The letter's date (aware), and whether a date was there but could not be read."""
    if not value.strip():
        return None, False
    try:
        moment = email.utils.parsedate_to_datetime(unfold(value).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None, True
    if moment is None:
        return None, True
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if not 1990 <= moment.year <= 2100:
        return None, True
    return moment, False
