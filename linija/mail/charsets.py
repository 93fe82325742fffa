"""Text in any charset a letter may use or wrongly declare. Pure functions.

A declared charset is trusted whenever the text can be in it: it is set aside only when the
bytes are UTF-8 (which is recognised for certain) or cannot be that charset (8-bit bytes
declared ASCII, control characters declared ISO-8859-1, bytes the codec refuses). Then UTF-8
is tried, then the charsets the letter's
other parts declare, then windows-1257 (the line is Lithuanian), and only then characters
are replaced. Labels that mail programs use for a smaller charset than they really write
(GB2312 for GBK/GB18030, Shift_JIS for Microsoft's cp932, …) are read as the larger one.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence

LITHUANIAN = frozenset("ąčęėįšųūžĄČĘĖĮŠŲŪŽ„“–")
# Charsets that mail programs declare by habit when the text is really something else.
HABITUAL = frozenset({"ascii", "iso8859-1", "cp1252"})
FALLBACKS = ("utf-8", "cp1257")
# Labels of a charset whose writers really use a superset of it.
SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "x-euc-cn": "gb18030",
    "cp936": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs",
    "iso-8859-8-i": "iso8859-8",
    "win-1257": "cp1257",
    "windows1257": "cp1257",
    "x-unknown": "",
    "unknown": "",
}
# Stateful 7-bit charsets: their text is all ASCII bytes, with escape sequences.
SEVEN_BIT = frozenset({"iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_3"})
SEVEN_BIT |= {"iso2022_jp_ext", "iso2022_jp_2004", "iso2022_kr", "utf-7", "hz"}
ISO_2022_ESCAPE = re.compile(rb"\x1b[$(][@ABJDHIO]")
C1_CONTROLS = re.compile("[\x80-\x9f]")


def charset_name(declared: str | None) -> str | None:
    """The Python codec of a declared charset, or None if it is unknown or missing."""
    if not declared:
        return None
    name = declared.strip().strip("\"'").lower()
    name = name.split("*", 1)[0]  # RFC 2231 language suffix: utf-8*lt
    name = SUPERSETS.get(name, name)
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _lithuanian_share(text: str) -> float:
    others = [character for character in text if ord(character) > 127]
    if not others:
        return 0.0
    return sum(character in LITHUANIAN for character in others) / len(others)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _seven_bit(data: bytes, codec: str | None) -> str:
    """ASCII bytes: plain ASCII, or a stateful charset's escape sequences decoded."""
    if codec is None and ISO_2022_ESCAPE.search(data):
        codec = "iso2022_jp_2"
    if codec in SEVEN_BIT:
        decoded = _strict(data, codec)
        if decoded is not None:
            return decoded
    return data.decode("ascii")


def _habitual(data: bytes, codec: str) -> str | None:
    """Text declared by habit, if it can really be in the declared charset: never 8-bit
    bytes as ASCII, never C1 control characters as ISO-8859-1."""
    decoded = _strict(data, codec)
    if decoded is not None and codec == "iso8859-1" and C1_CONTROLS.search(decoded):
        return None
    return decoded


def text_decode(
    data: bytes, declared: str | None, *, guesses: Sequence[str] = ()
) -> tuple[str, dict | None]:
    """``data`` as text, and a warning when the declared charset could not be trusted.
    ``guesses`` are the charsets the letter declares elsewhere, tried before the fallbacks."""
    codec = charset_name(declared)
    if data.isascii():
        return _seven_bit(data, codec), None
    guessed = {"code": "charset_guessed", "detail": (declared or "")[:40]}
    if codec is None:
        warning = {"code": "charset_unknown", "detail": declared[:40]} if declared else None
    elif codec in HABITUAL:
        # UTF-8 is recognised for certain; other charsets are only guessed at when the
        # declared one cannot be right.
        utf8 = _strict(data, "utf-8")
        if utf8 is not None:
            return utf8, guessed
        habitual = _habitual(data, codec)
        if habitual is not None:
            return habitual, None
        baltic = _strict(data, "cp1257")
        western = _strict(data, "cp1252")
        if baltic is not None and (
            western is None or _lithuanian_share(baltic) > max(0.8, _lithuanian_share(western))
        ):
            return baltic, guessed
        if western is not None:
            return western, guessed
        warning = guessed
    else:
        decoded = _strict(data, codec)
        if decoded is not None:
            return decoded, None
        warning = guessed
    tried = {codec}
    for fallback in ("utf-8", *(charset_name(name) for name in guesses), *FALLBACKS[1:]):
        if fallback is None or fallback in tried:
            continue
        tried.add(fallback)
        decoded = _habitual(data, fallback)
        if decoded is not None:
            return decoded, warning
    return data.decode(codec or "utf-8", errors="replace"), {"code": "undecodable", "detail": ""}


def clean(text: str) -> str:
    """No NUL characters and no lone surrogates: every database takes the result."""
    return text.replace("\x00", "").encode("utf-8", errors="replace").decode("utf-8")
