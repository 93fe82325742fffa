"""Reading any letter that reaches the line, however it was written. Pure functions.

``parse_letter(raw)`` never raises: what cannot be read is replaced by the best guess and
named in ``warnings`` (shown to the specialist), so that no letter is ever lost to a parser
error. It understands every charset Python knows (and wrongly declared ones: the declared
charset is tried first, then UTF-8, then windows-1257, and only then characters are
replaced), RFC 2047 encoded words, quoted-printable and base64, nested multiparts,
HTML-only letters (sanitised for display, turned into plain text for search and quoting),
inline images, attachments (with a size limit and a type allow-list), delivery-failure
reports and automatic replies.
"""

from __future__ import annotations

import base64
import codecs
import email
import email.errors
import email.policy
import email.utils
import hashlib
import mimetypes
import quopri
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from html.parser import HTMLParser
from urllib.parse import unquote

import nh3
from django.utils.translation import gettext_lazy as _

from linija.mail.attachments import REFUSALS, filename_safe, refusal

MAX_DEPTH = 12
MAX_PARTS = 500
MAX_REFERENCES = 50
ID_MAX = 250
LITHUANIAN = frozenset("ąčęėįšųūžĄČĘĖĮŠŲŪŽ„“–")
# Charsets that mail programs declare by habit when the text is really something else.
HABITUAL = frozenset({"ascii", "iso8859-1", "cp1252"})
FALLBACKS = ("utf-8", "cp1257")
ENCODED_WORD = re.compile(r"=\?(?P<charset>[^?\s]+)\?(?P<encoding>[bBqQ])\?(?P<text>[^?]*)\?=")
ANGLE_ID = re.compile(r"<([^<>\s]+)>")
LOOSE_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
BOUNDARY_LINE = re.compile(rb"^--([^\s]{1,70})\r?$", re.MULTILINE)
BOUNCED_ID = re.compile(r"^\s*Message-ID:\s*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)
BOUNCE_SENDERS = frozenset({"mailer-daemon", "postmaster", "mail-daemon"})
STRUCTURE_DEFECTS = (
    email.errors.NoBoundaryInMultipartDefect,
    email.errors.StartBoundaryNotFoundDefect,
    email.errors.CloseBoundaryNotFoundDefect,
    email.errors.MultipartInvariantViolationDefect,
    email.errors.MissingHeaderBodySeparatorDefect,
    email.errors.FirstHeaderLineIsContinuationDefect,
    email.errors.MisplacedEnvelopeHeaderDefect,
)
ENCODING_DEFECTS = (
    email.errors.InvalidBase64PaddingDefect,
    email.errors.InvalidBase64CharactersDefect,
    email.errors.InvalidBase64LengthDefect,
)

WARNINGS = {
    "charset_guessed": _("The letter's character set was declared wrongly (%(detail)s)."),
    "charset_unknown": _("The letter uses an unknown character set (%(detail)s)."),
    "undecodable": _("Some characters could not be read and are shown as �."),
    "bad_date": _("The letter's date could not be read (%(detail)s)."),
    "broken_structure": _("The letter's structure is broken; it was read as far as possible."),
    "broken_encoding": _("Part of the letter was badly encoded; it was read as far as possible."),
    "attachment_refused": _("An attachment was not kept: %(detail)s (%(reason)s)."),
    "encrypted": _("The letter is encrypted and cannot be read here."),
    "too_deep": _("The letter is nested too deeply; its innermost parts were skipped."),
    "bad_sender": _("The sender's address could not be read."),
    "tag_ignored": _(
        "The subject names conversation %(detail)s of another sender, so this letter opened "
        "a new conversation."
    ),
    "no_text": _("The letter has no text."),
    "unreadable": _("The letter could not be read; open the original to see it."),
}


def warning_text(warning: dict) -> str:
    """A warning of ``ParsedLetter.warnings`` in words, in the active language."""
    template = WARNINGS.get(warning.get("code", ""), WARNINGS["unreadable"])
    reason = REFUSALS.get(warning.get("reason", ""), "")
    return str(template) % {"detail": warning.get("detail", ""), "reason": reason}


@dataclass
class ParsedAttachment:
    filename: str
    content_type: str
    data: bytes
    inline: bool = False
    content_id: str = ""
    refused: str = ""


@dataclass
class ParsedLetter:
    raw_sha256: str
    size: int
    message_id: str = ""
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    from_name: str = ""
    from_address: str = ""
    reply_to: str = ""
    to: str = ""
    cc: str = ""
    subject: str = ""
    date: datetime | None = None
    text: str = ""
    html: str = ""
    attachments: list[ParsedAttachment] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    kind: str = "person"
    noise_reason: str = ""
    bounced_ids: list[str] = field(default_factory=list)
    bounce_reason: str = ""

    @property
    def dedupe_key(self) -> str:
        """Of the Message-ID when there is one, otherwise of the whole letter."""
        if self.message_id:
            return hashlib.sha256(f"message-id:{self.message_id}".encode()).hexdigest()
        return hashlib.sha256(f"content:{self.raw_sha256}".encode()).hexdigest()

    def warn(self, code: str, detail: str = "", *, reason: str = "") -> None:
        warning = {"code": code, "detail": detail[:200]}
        if reason:
            warning["reason"] = reason
        if warning not in self.warnings:
            self.warnings.append(warning)


# --- Text in any charset --------------------------------------------------------------------


def charset_name(declared: str | None) -> str | None:
    """The Python codec of a declared charset, or None if it is unknown or missing."""
    if not declared:
        return None
    name = declared.strip().strip("\"'").lower()
    name = name.split("*", 1)[0]  # RFC 2231 language suffix: utf-8*lt
    aliases = {"win-1257": "cp1257", "windows1257": "cp1257", "x-unknown": "", "unknown": ""}
    name = aliases.get(name, name)
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


def text_decode(data: bytes, declared: str | None) -> tuple[str, dict | None]:
    """``data`` as text, and a warning when the declared charset could not be trusted: the
    declared charset first, then UTF-8, then windows-1257, then with characters replaced."""
    if data.isascii():
        return data.decode("ascii"), None
    codec = charset_name(declared)
    guessed = {"code": "charset_guessed", "detail": (declared or "")[:40]}
    if codec is None:
        warning = {"code": "charset_unknown", "detail": declared[:40]} if declared else None
    elif codec in HABITUAL:
        # Often declared by habit: UTF-8, or Lithuanian in windows-1257, wins if it reads so.
        utf8 = _strict(data, "utf-8")
        if utf8 is not None:
            return utf8, guessed
        habitual = _strict(data, codec)
        baltic = _strict(data, "cp1257")
        if baltic is not None and _lithuanian_share(baltic) > max(
            0.8, _lithuanian_share(habitual or "")
        ):
            return baltic, guessed
        if habitual is not None:
            return habitual, None
        warning = guessed
    else:
        decoded = _strict(data, codec)
        if decoded is not None:
            return decoded, None
        warning = guessed
    for fallback in FALLBACKS:
        decoded = _strict(data, fallback)
        if decoded is not None:
            return decoded, warning
    return data.decode(codec or "utf-8", errors="replace"), {"code": "undecodable", "detail": ""}


def _clean(text: str) -> str:
    """No NUL characters and no lone surrogates: every database takes the result."""
    return text.replace("\x00", "").encode("utf-8", errors="replace").decode("utf-8")


# --- Headers --------------------------------------------------------------------------------


def _unfold(value: str) -> str:
    return re.sub(r"[\r\n]+", " ", re.sub(r"\r?\n(?=[ \t])", "", value))


def _has_raw_bytes(value: str) -> bool:
    """Whether a header read from bytes carried 8-bit bytes (kept as surrogate escapes)."""
    return any("\udc80" <= character <= "\udcff" for character in value)


def _raw_bytes(value: str) -> bytes:
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


def header_decode(value: str | None) -> str:
    """A header's text: unfolded, raw 8-bit bytes and RFC 2047 encoded words decoded, with
    adjacent words in one charset joined before decoding (a letter split across two words
    stays whole) and the white space between encoded words dropped."""
    if not value:
        return ""
    value = _unfold(str(value))
    if _has_raw_bytes(value):
        value = text_decode(_raw_bytes(value), None)[0]
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
        piece if charset is None else text_decode(piece, charset)[0] for piece, charset in pieces
    )
    return _clean(text).strip()


def _headers(message: Message) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        found.setdefault(name.lower(), []).append(value if isinstance(value, str) else str(value))
    return found


def _first(headers: dict[str, list[str]], name: str) -> str:
    values = headers.get(name)
    return values[0] if values else ""


def message_ids(value: str) -> list[str]:
    """The ``<…>`` Message-IDs in a header, in order."""
    return [f"<{found[: ID_MAX - 2]}>" for found in ANGLE_ID.findall(_unfold(value))]


def message_id_of(value: str) -> str:
    ids = message_ids(value)
    if ids:
        return ids[0]
    bare = _unfold(value).strip()
    if bare and " " not in bare and "@" in bare and bare.isascii():
        return f"<{bare.strip('<>')[: ID_MAX - 2]}>"
    return ""


def addresses_of(value: str) -> list[tuple[str, str]]:
    """(name, address) pairs of an address header; names decoded, addresses checked loosely."""
    if not value:
        return []
    unfolded = _unfold(value)
    if _has_raw_bytes(unfolded):
        unfolded = text_decode(_raw_bytes(unfolded), None)[0]
    pairs = []
    for name, address in email.utils.getaddresses([unfolded]):
        address = address.strip()
        if LOOSE_ADDRESS.fullmatch(address):
            pairs.append((header_decode(name), address))
    if not pairs:
        found = LOOSE_ADDRESS.search(unfolded)
        if found:
            pairs.append(("", found.group(0)))
    return pairs


def _formatted(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(f"{name} <{address}>" if name else address for name, address in pairs)


def date_of(value: str) -> tuple[datetime | None, bool]:
    """The letter's date (aware), and whether a date was there but could not be read."""
    if not value.strip():
        return None, False
    try:
        moment = email.utils.parsedate_to_datetime(_unfold(value).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None, True
    if moment is None:
        return None, True
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if not 1990 <= moment.year <= 2100:
        return None, True
    return moment, False


# --- HTML -----------------------------------------------------------------------------------

SAFE_STYLES = {
    "color",
    "background-color",
    "font-weight",
    "font-style",
    "font-size",
    "font-family",
    "text-align",
    "text-decoration",
    "vertical-align",
    "line-height",
    "white-space",
    "margin",
    "margin-top",
    "margin-bottom",
    "margin-left",
    "margin-right",
    "padding",
    "padding-top",
    "padding-bottom",
    "padding-left",
    "padding-right",
    "border",
    "border-collapse",
    "width",
    "max-width",
    "height",
    "list-style-type",
}
HTML_TAGS = (set(nh3.ALLOWED_TAGS) - {"map", "area"}) | {"font"}
HTML_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"title", "dir", "lang", "style"},
    "img": {"src", "alt", "width", "height"},
    "a": {"href", "hreflang"},
    "font": {"color"},
}


def html_sanitise(html: str, *, images: Mapping[str, str] | None = None) -> str:
    """HTML safe to show a specialist: no script, no event handler, no remote content, links
    opening apart. Pictures come only from the letter itself: ``cid:`` addresses are kept, or
    replaced through ``images`` (Content-ID → address) and dropped when not found there."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        is_cid = value.lower().startswith("cid:")
        if tag == "img" and attribute == "src":
            if not is_cid:
                return None
            return value if images is None else images.get(f"<{unquote(value[4:])}>")
        if tag == "a" and attribute == "href" and is_cid:
            return None
        return value

    return nh3.clean(
        html,
        tags=HTML_TAGS,
        clean_content_tags={"script", "style", "head", "title", "template", "object", "embed"},
        attributes=HTML_ATTRIBUTES,
        attribute_filter=keep,
        url_schemes={"http", "https", "mailto", "tel", "cid"},
        filter_style_properties=SAFE_STYLES,
        link_rel="noopener noreferrer nofollow",
        set_tag_attribute_values={"a": {"target": "_blank"}},
    )


BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "tr",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "hr",
        "section",
        "article",
        "header",
        "footer",
        "dl",
        "dt",
        "dd",
        "address",
        "center",
        "form",
        "fieldset",
    ]
)
SKIPPED_TAGS = frozenset({"script", "style", "head", "title", "template", "noscript"})


class _TextFromHtml(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []
        self.line = ""
        self.depth = 0
        self.skipping = 0
        self.pre = 0
        self.href = ""
        self.link_text = ""

    def _break(self) -> None:
        self.lines.append((self.depth, self.line.strip() if not self.pre else self.line))
        self.line = ""

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
            return
        if tag in BLOCK_TAGS and (self.line.strip() or tag in {"br", "hr"}):
            self._break()
        if tag == "blockquote":
            self.depth += 1
        elif tag == "pre":
            self.pre += 1
        elif tag == "li":
            self.line += "- "
        elif tag in {"td", "th"} and self.line.strip():
            self.line += " "
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
            self.link_text = ""
        elif tag == "img":
            alt = (dict(attrs).get("alt") or "").strip()
            if alt:
                self.line += f"[{alt}]"

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS:
            self.skipping = max(self.skipping - 1, 0)
            return
        if tag == "a" and self.href.startswith(("http://", "https://")):
            if self.href.rstrip("/") not in self.link_text:
                self.line += f" ({self.href})"
            self.href = ""
        if tag in BLOCK_TAGS and self.line.strip():
            self._break()
        if tag == "blockquote":
            self.depth = max(self.depth - 1, 0)
        elif tag == "pre":
            self.pre = max(self.pre - 1, 0)

    def handle_data(self, data):
        if self.skipping:
            return
        if self.pre:
            for index, piece in enumerate(data.split("\n")):
                if index:
                    self._break()
                self.line += piece
            return
        text = re.sub(r"\s+", " ", data)
        if not self.line.strip():
            text = text.lstrip()
        self.line += text
        if self.href:
            self.link_text += text

    def text(self) -> str:
        if self.line.strip():
            self._break()
        rendered = []
        for depth, line in self.lines:
            prefix = "> " * depth
            rendered.append(f"{prefix}{line}".rstrip() if line else prefix.rstrip())
        text = "\n".join(rendered)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def html_to_text(html: str) -> str:
    """The plain text of an HTML letter, for search and quoting (quotes become "> ")."""
    parser = _TextFromHtml()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):
        return re.sub(r"<[^>]*>", " ", html)
    return parser.text()


def unflow(text: str, *, delete_space: bool) -> str:
    """RFC 3676 format=flowed: soft line breaks (a line ending in a space) joined again."""
    lines = text.split("\n")
    joined: list[str] = []
    carry = ""
    for line in lines:
        line = line.rstrip("\r")
        depth_marks = re.match(r"^>*", line).group(0)
        content = line[len(depth_marks) :]
        if content.startswith(" "):
            content = content[1:]
        flowed = content.endswith(" ") and content != "-- "
        if flowed and delete_space:
            content = content[:-1]
        carry = carry + content if carry else depth_marks + (" " if depth_marks else "") + content
        if not flowed:
            joined.append(carry)
            carry = ""
    if carry:
        joined.append(carry)
    return "\n".join(joined)


# --- The parts of a letter ------------------------------------------------------------------


@dataclass
class _Body:
    texts: list[str] = field(default_factory=list)
    htmls: list[str] = field(default_factory=list)


class _Reader:
    """Walks one letter's MIME tree, collecting text, HTML, attachments and warnings."""

    def __init__(self, letter: ParsedLetter, *, max_bytes: int):
        self.letter = letter
        self.max_bytes = max_bytes
        self.parts = 0

    def defects(self, part: Message) -> None:
        for defect in getattr(part, "defects", []):
            if isinstance(defect, STRUCTURE_DEFECTS):
                self.letter.warn("broken_structure")
            elif isinstance(defect, ENCODING_DEFECTS):
                self.letter.warn("broken_encoding")

    def payload(self, part: Message) -> bytes:
        encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
        raw = part.get_payload()
        if encoding == "base64" and isinstance(raw, str):
            data, damaged = base64_lenient(_raw_bytes(raw))
            if damaged:
                self.letter.warn("broken_encoding")
            return data
        try:
            data = part.get_payload(decode=True)
        except (ValueError, TypeError, LookupError, AssertionError):
            self.letter.warn("broken_encoding")
            data = None
        if isinstance(data, bytes):
            return data
        return _raw_bytes(raw) if isinstance(raw, str) else b""

    def text_of(self, part: Message) -> str:
        data = self.payload(part)
        try:
            declared = part.get_content_charset()
        except (ValueError, TypeError, LookupError):
            declared = None
        if declared is None and part.get_content_subtype() == "html":
            found = META_CHARSET.search(data[:4096])
            declared = found.group(1).decode("ascii", errors="ignore") if found else None
        text, warning = text_decode(data, declared)
        if warning:
            self.letter.warn(warning["code"], warning["detail"])
        text = _clean(text.replace("\r\n", "\n").replace("\r", "\n"))
        if (
            part.get_content_subtype() == "plain"
            and str(part.get_param("format") or "").lower() == "flowed"
        ):
            delete = str(part.get_param("delsp") or "").lower() == "yes"
            text = unflow(text, delete_space=delete)
        return text

    def filename(self, part: Message) -> str:
        headers = _headers(part)
        probe = part
        if any(_has_raw_bytes(value) for values in headers.values() for value in values):
            # Raw 8-bit bytes in the name (no RFC 2231/2047): decode the headers first.
            probe = Message()
            for name in ("content-type", "content-disposition"):
                if _first(headers, name):
                    probe[name] = text_decode(_raw_bytes(_unfold(_first(headers, name))), None)[0]
        try:
            name = probe.get_filename() or probe.get_param("name")
        except (ValueError, TypeError, LookupError, AssertionError):
            name = None
        if isinstance(name, tuple):
            name = email.utils.collapse_rfc2231_value(name)
        if isinstance(name, str) and name:
            return header_decode(name)
        return ""

    def attachment(self, part: Message, *, inline: bool = False) -> None:
        content_type = part.get_content_type()
        name = self.filename(part)
        if not name:
            extension = mimetypes.guess_extension(content_type) or ".bin"
            name = f"attachment-{len(self.letter.attachments) + 1}{extension}"
        filename = filename_safe(name)
        data = self.payload(part)
        content_id = message_id_of(str(part.get("Content-ID", "")))
        refused = refusal(filename=filename, data=data, max_bytes=self.max_bytes)
        self.letter.attachments.append(
            ParsedAttachment(
                filename=filename,
                content_type=content_type,
                data=b"" if refused else data,
                inline=inline and bool(content_id),
                content_id=content_id,
                refused=refused,
            )
        )
        if refused:
            self.letter.warn("attachment_refused", filename, reason=refused)

    def read(self, part: Message, depth: int = 0) -> _Body:
        self.parts += 1
        body = _Body()
        if depth > MAX_DEPTH or self.parts > MAX_PARTS:
            self.letter.warn("too_deep")
            return body
        self.defects(part)
        maintype = part.get_content_maintype()
        subtype = part.get_content_subtype()
        if maintype == "message" and subtype == "rfc822":
            return self.read_forwarded(part, depth)
        if maintype == "message" and subtype == "delivery-status":
            self.read_delivery_status(part)
            return body
        if maintype == "multipart" and not part.is_multipart():
            return self.read(self.repaired(part), depth + 1)
        if part.is_multipart():
            return self.read_multipart(part, subtype, depth)
        disposition = (part.get_content_disposition() or "").lower()
        if maintype == "text" and subtype in {"plain", "html"}:
            named = bool(self.filename(part))
            if disposition != "attachment" and not (named and disposition != "inline"):
                text = self.text_of(part)
                (body.htmls if subtype == "html" else body.texts).append(text)
                return body
        if maintype == "application" and subtype in {"pgp-signature", "pkcs7-signature"}:
            return body
        if maintype == "application" and subtype in {"pgp-encrypted", "pkcs7-mime"}:
            self.letter.warn("encrypted")
            return body
        if maintype == "text" and subtype == "rfc822-headers":
            self.letter.bounced_ids += message_ids(
                _first(_headers(self.header_block(part)), "message-id")
            )
            return body
        self.attachment(part, inline=disposition != "attachment")
        return body

    def header_block(self, part: Message) -> Message:
        return email.message_from_bytes(self.payload(part), policy=email.policy.compat32)

    def repaired(self, part: Message) -> Message:
        """A multipart whose boundary is missing or wrong, parsed again with the boundary its
        body actually uses; a plain text part if it has none."""
        self.letter.warn("broken_structure")
        data = self.payload(part)
        found = BOUNDARY_LINE.search(data)
        if found:
            boundary = found.group(1).rstrip(b"-").decode("ascii", errors="ignore")
            header = f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n'.encode()
            repaired = email.message_from_bytes(header + data, policy=email.policy.compat32)
            if repaired.is_multipart():
                return repaired
        text = email.message.Message()
        text.set_payload(data.decode("ascii", errors="surrogateescape"))
        text.set_type("text/plain")
        return text

    def read_multipart(self, part: Message, subtype: str, depth: int) -> _Body:
        children = [child for child in part.get_payload() if isinstance(child, Message)]
        if subtype == "alternative":
            return self.read_alternative(children, depth)
        if subtype == "related" and children:
            body = self.read(children[0], depth + 1)
            for child in children[1:]:
                self.attachment(child, inline=True)
            return body
        if subtype == "encrypted":
            self.letter.warn("encrypted")
            return _Body()
        if subtype == "signed" and children:
            children = children[:1]
        body = _Body()
        for child in children:
            found = self.read(child, depth + 1)
            body.texts += found.texts
            body.htmls += found.htmls
        if not children:
            preamble = part.preamble or ""
            if preamble.strip():
                body.texts.append(_clean(preamble))
        return body

    def read_alternative(self, children: list[Message], depth: int) -> _Body:
        """The last plain and the last HTML version (the richest come last)."""
        chosen = _Body()
        for child in children:
            found = self.read(child, depth + 1)
            if found.texts:
                chosen.texts = found.texts
            if found.htmls:
                chosen.htmls = found.htmls
        return chosen

    def read_forwarded(self, part: Message, depth: int) -> _Body:
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else None
        if not isinstance(inner, Message):
            self.attachment(part)
            return _Body()
        headers = _headers(inner)
        if not self.letter.bounced_ids and self.letter.kind == "bounce":
            self.letter.bounced_ids = message_ids(_first(headers, "message-id"))
        found = self.read(inner, depth + 1)
        text = "\n\n".join(found.texts) or html_to_text("\n".join(found.htmls))
        intro = "\n".join(
            f"{label}: {header_decode(_first(headers, name))}"
            for label, name in (("From", "from"), ("Date", "date"), ("Subject", "subject"))
            if _first(headers, name)
        )
        forwarded = f"---------- Forwarded message ----------\n{intro}\n\n{text}".strip()
        return _Body(texts=[forwarded])

    def read_delivery_status(self, part: Message) -> None:
        blocks = part.get_payload()
        if not isinstance(blocks, list):
            blocks = [self.header_block(part)]
        reasons = []
        for block in blocks:
            if not isinstance(block, Message):
                continue
            headers = _headers(block)
            status = _unfold(_first(headers, "status")).strip()
            if not status:
                continue
            recipient = _unfold(_first(headers, "final-recipient")).split(";")[-1].strip()
            diagnostic = _unfold(_first(headers, "diagnostic-code")).split(";", 1)[-1].strip()
            reasons.append(
                " ".join(piece for piece in (recipient + ":", status, diagnostic) if piece)
            )
        self.letter.bounce_reason = "; ".join(reasons)[:500]


def _noise(letter: ParsedLetter, message: Message, headers: dict[str, list[str]]) -> None:
    """Automatic mail: delivery reports, auto-replies, bulk and list mail."""
    content_type = message.get_content_type()
    report_type = str(message.get_param("report-type") or "").lower()
    sender = letter.from_address.rpartition("@")[0].lower()
    auto_submitted = _unfold(_first(headers, "auto-submitted")).strip().lower()
    precedence = _unfold(_first(headers, "precedence")).strip().lower()
    if (content_type == "multipart/report" and report_type == "delivery-status") or (
        sender in BOUNCE_SENDERS
    ):
        letter.kind, letter.noise_reason = "bounce", "delivery report"
    elif auto_submitted and auto_submitted != "no":
        letter.kind, letter.noise_reason = "auto_reply", f"Auto-Submitted: {auto_submitted}"
    elif any(name in headers for name in ("x-autoreply", "x-autorespond", "x-autoresponder")):
        letter.kind, letter.noise_reason = "auto_reply", "X-Autoreply"
    elif precedence == "auto_reply":
        letter.kind, letter.noise_reason = "auto_reply", "Precedence: auto_reply"
    elif precedence in {"bulk", "junk", "list"}:
        letter.kind, letter.noise_reason = "bulk", f"Precedence: {precedence}"
    elif "list-id" in headers or "list-unsubscribe" in headers:
        letter.kind, letter.noise_reason = "bulk", "List-Id"


def _read_headers(letter: ParsedLetter, message: Message, headers: dict[str, list[str]]) -> None:
    letter.message_id = message_id_of(_first(headers, "message-id"))
    letter.in_reply_to = message_id_of(_first(headers, "in-reply-to"))
    letter.references = message_ids(" ".join(headers.get("references", [])))[-MAX_REFERENCES:]
    senders = addresses_of(_first(headers, "from")) or addresses_of(_first(headers, "sender"))
    if senders:
        letter.from_name, letter.from_address = senders[0]
    else:
        letter.warn("bad_sender")
    replies = addresses_of(_first(headers, "reply-to"))
    letter.reply_to = replies[0][1] if replies else ""
    letter.to = _formatted(addresses_of(", ".join(headers.get("to", []))))[:2000]
    letter.cc = _formatted(addresses_of(", ".join(headers.get("cc", []))))[:2000]
    letter.subject = header_decode(_first(headers, "subject"))[:300]
    letter.date, bad = date_of(_first(headers, "date"))
    if bad:
        letter.warn("bad_date", header_decode(_first(headers, "date"))[:60])


def parse_letter(raw: bytes, *, attachment_max_bytes: int = 10 * 1024 * 1024) -> ParsedLetter:
    """Everything Linija needs from a raw letter. Never raises."""
    letter = ParsedLetter(raw_sha256=hashlib.sha256(raw).hexdigest(), size=len(raw))
    try:
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
        headers = _headers(message)
        _read_headers(letter, message, headers)
        _noise(letter, message, headers)
        body = _Reader(letter, max_bytes=attachment_max_bytes).read(message)
        html = "\n<hr>\n".join(piece for piece in body.htmls if piece.strip())
        letter.html = html_sanitise(html) if html else ""
        letter.text = "\n\n".join(piece for piece in body.texts if piece.strip()).strip()
        if not letter.text and html:
            letter.text = html_to_text(html)
        if letter.kind == "bounce" and not letter.bounced_ids:
            letter.bounced_ids = BOUNCED_ID.findall(letter.text)
        if not letter.text.strip():
            letter.warn("no_text")
    except Exception:  # never lose a letter to the parser: keep what was read, and say so
        letter.warn("unreadable")
        if not letter.text:
            letter.text = _clean(raw.decode("utf-8", errors="replace"))[:100000]
    return letter
