"""Reading any letter that reaches the line, however it was written. Pure functions.

``parse_letter(raw)`` never raises: what cannot be read is replaced by the best guess and
named in ``warnings`` (shown to the specialist), so that no letter is ever lost to a parser
error. It understands every charset Python knows and wrongly declared ones
(``linija.mail.charsets``), headers as they come (``linija.mail.headers``), RFC 2047 encoded
words, quoted-printable and base64, nested multiparts,
HTML-only letters (sanitised for display, turned into plain text for search and quoting),
inline images, attachments (with a size limit and a type allow-list), delivery-failure
reports and automatic mail (``linija.mail.automatic``).
"""

from __future__ import annotations

import binascii
import email
import email.errors
import email.policy
import email.utils
import hashlib
import mimetypes
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from html.parser import HTMLParser
from urllib.parse import unquote

import nh3
from django.utils.translation import gettext_lazy as _

from linija.mail.attachments import REFUSALS, filename_safe, refusal
from linija.mail.automatic import letter_verdict
from linija.mail.charsets import clean, text_decode
from linija.mail.headers import (
    addresses_of,
    base64_lenient,
    date_of,
    formatted,
    has_raw_bytes,
    header_decode,
    headers_repaired,
    message_id_of,
    message_ids,
    raw_bytes,
    unfold,
)

MAX_DEPTH = 12
MAX_PARTS = 500
MAX_REFERENCES = 50
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
BOUNDARY_LINE = re.compile(rb"^--([^\s]{1,70})\r?$", re.MULTILINE)
UUENCODED = re.compile(
    r"^begin [0-7]{3,4} (?P<name>[^\n]+)\n(?P<data>(?:[^\n]*\n)*?)`?\n?end[ \t]*$", re.MULTILINE
)
BOUNCED_ID = re.compile(r"^\s*Message-ID:\s*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)
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
    "several_senders": _(
        "The letter names more than one sender; the first was taken (the others: %(detail)s)."
    ),
    "broken_headers": _("The letter's headers were broken; they were read as far as possible."),
    "tag_ignored": _(
        "The subject names conversation %(detail)s of another sender, so this letter opened "
        "a new conversation."
    ),
    "no_text": _("The letter has no text."),
    "not_acknowledged": _(
        "No acknowledgement was sent: the line's mail server cannot send to %(detail)s."
    ),
    "unreadable": _("The letter could not be read; open the original to see it."),
}


HTML_VERSION = _("In the formatted version")


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
    headers: dict[str, list[str]] = field(default_factory=dict, repr=False)
    delivery_report: bool = False

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


def _headers(message: Message) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        found.setdefault(name.lower(), []).append(value if isinstance(value, str) else str(value))
    return found


def _first(headers: dict[str, list[str]], name: str) -> str:
    values = headers.get(name)
    return values[0] if values else ""


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

    def __init__(self, letter: ParsedLetter, *, max_bytes: int, guesses: Sequence[str]):
        self.letter = letter
        self.max_bytes = max_bytes
        self.guesses = guesses  # the charsets the letter declares, for text that declares none
        self.parts = 0

    def defects(self, part: Message) -> None:
        for defect in getattr(part, "defects", []):
            if isinstance(defect, STRUCTURE_DEFECTS):
                self.letter.warn("broken_structure")
            elif isinstance(defect, ENCODING_DEFECTS):
                self.letter.warn("broken_encoding")

    def payload(self, part: Message) -> bytes:
        encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
        try:
            raw = part.get_payload()
        except (ValueError, LookupError):  # 8-bit text whose charset label Python refuses
            raw = None
        if encoding == "base64" and isinstance(raw, str):
            data, damaged = base64_lenient(raw_bytes(raw))
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
        return raw_bytes(raw) if isinstance(raw, str) else b""

    def text_of(self, part: Message) -> str:
        data = self.payload(part)
        try:
            declared = part.get_content_charset()
        except (ValueError, TypeError, LookupError):
            declared = None
        if declared is None and part.get_content_subtype() == "html":
            found = META_CHARSET.search(data[:4096])
            declared = found.group(1).decode("ascii", errors="ignore") if found else None
        text, warning = text_decode(data, declared, guesses=self.guesses)
        if warning:
            self.letter.warn(warning["code"], warning["detail"])
        text = clean(text.replace("\r\n", "\n").replace("\r", "\n"))
        if part.get_content_subtype() != "plain":
            return text
        if str(part.get_param("format") or "").lower() == "flowed":
            delete = str(part.get_param("delsp") or "").lower() == "yes"
            text = unflow(text, delete_space=delete)
        return self.uudecoded(text)

    def uudecoded(self, text: str) -> str:
        """Plain text with its uuencoded files (``begin 644 name`` … ``end``) taken out as
        attachments."""

        def taken(found: re.Match) -> str:
            data = bytearray()
            for line in found["data"].splitlines():
                try:
                    data += binascii.a2b_uu(line.encode("ascii", errors="ignore"))
                except binascii.Error:
                    self.letter.warn("broken_encoding")
            name = found["name"].strip()
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            self.keep(name=name, content_type=content_type, data=bytes(data))
            return ""

        if not UUENCODED.search(text):
            return text
        return re.sub(r"\n{3,}", "\n\n", UUENCODED.sub(taken, text))

    def filename(self, part: Message) -> str:
        headers = _headers(part)
        probe = part
        if any(has_raw_bytes(value) for values in headers.values() for value in values):
            # Raw 8-bit bytes in the name (no RFC 2231/2047): decode the headers first.
            probe = Message()
            for name in ("content-type", "content-disposition"):
                if _first(headers, name):
                    value = raw_bytes(unfold(_first(headers, name)))
                    probe[name] = text_decode(value, None, guesses=self.guesses)[0]
        try:
            name = probe.get_filename() or probe.get_param("name")
        except (ValueError, TypeError, LookupError, AssertionError):
            name = None
        if isinstance(name, tuple):
            name = email.utils.collapse_rfc2231_value(name)
        if isinstance(name, str) and name:
            return header_decode(name, guesses=self.guesses)
        return ""

    def attachment(self, part: Message, *, inline: bool = False) -> None:
        self.keep(
            name=self.filename(part),
            content_type=part.get_content_type(),
            data=self.payload(part),
            inline=inline,
            content_id=message_id_of(str(part.get("Content-ID", ""))),
        )

    def keep(
        self, *, name: str, content_type: str, data: bytes, inline: bool = False, content_id=""
    ) -> None:
        if not name:
            extension = mimetypes.guess_extension(content_type) or ".bin"
            name = f"attachment-{len(self.letter.attachments) + 1}{extension}"
        filename = filename_safe(name)
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
        if maintype == "text" and subtype in {"plain", "html"} and disposition != "attachment":
            # A name alone ("letter.txt") does not make a part an attachment.
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
                body.texts.append(clean(preamble))
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
            status = unfold(_first(headers, "status")).strip()
            if not status:
                continue
            recipient = unfold(_first(headers, "final-recipient")).split(";")[-1].strip()
            diagnostic = unfold(_first(headers, "diagnostic-code")).split(";", 1)[-1].strip()
            reasons.append(
                " ".join(piece for piece in (recipient + ":", status, diagnostic) if piece)
            )
        self.letter.bounce_reason = "; ".join(reasons)[:500]


def _mailboxes(headers: dict[str, list[str]], name: str, guesses: Sequence[str]) -> list:
    """(name, address) pairs of every header ``name`` (a letter may bring two From:)."""
    return [
        pair for value in headers.get(name, []) for pair in addresses_of(value, guesses=guesses)
    ]


def _read_sender(letter: ParsedLetter, headers: dict[str, list[str]], guesses: Sequence[str]):
    """The sender: the first usable From: address, else Sender:, else Reply-To: (where the
    answer goes anyway), with a warning; other From: addresses are named in a warning."""
    named = _mailboxes(headers, "from", guesses)
    replies = [pair for pair in _mailboxes(headers, "reply-to", guesses) if pair[1]]
    letter.reply_to = replies[0][1] if replies else ""
    senders = [pair for pair in named if pair[1]]
    others = (
        {address.lower() for _name, address in senders[1:]} - {senders[0][1].lower()}
        if senders
        else set()
    )
    if others:
        letter.warn("several_senders", ", ".join(sorted(others)))
    if not senders:
        letter.warn("bad_sender")
        senders = [pair for pair in _mailboxes(headers, "sender", guesses) if pair[1]] or replies
    if senders:
        letter.from_name, letter.from_address = senders[0]
    names = [name for name, _address in named if name]
    if names and not (senders and senders[0] in named):
        letter.from_name = names[0]


def _read_headers(letter: ParsedLetter, headers: dict[str, list[str]], guesses: Sequence[str]):
    letter.message_id = message_id_of(_first(headers, "message-id"))
    letter.in_reply_to = message_id_of(_first(headers, "in-reply-to"))
    letter.references = message_ids(" ".join(headers.get("references", [])))[-MAX_REFERENCES:]
    _read_sender(letter, headers, guesses)
    for name in ("to", "cc"):
        pairs = [pair for pair in _mailboxes(headers, name, guesses) if pair[1]]
        setattr(letter, name, formatted(pairs)[:2000])
    letter.subject = header_decode(_first(headers, "subject"), guesses=guesses)[:300]
    letter.date, bad = date_of(_first(headers, "date"))
    if bad:
        letter.warn("bad_date", header_decode(_first(headers, "date"))[:60])


def _declared_charsets(message: Message) -> list[str]:
    """The charsets the letter's parts declare, each once, in order."""
    found = [charset for charset in message.get_charsets() if isinstance(charset, str)]
    return list(dict.fromkeys(found))


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _text_with_html(text: str, html: str) -> str:
    """The letter's text, holding everything the HTML version says: the HTML's text when
    the plain one is missing or says less, both when each says something the other does not."""
    if not html:
        return text
    from_html = html_to_text(html)
    missing = _words(from_html) - _words(text)
    if not missing:
        return text
    if not text or not _words(text) - _words(from_html):
        return from_html
    return f"{text}\n\n---------- {HTML_VERSION} ----------\n{from_html}"


def parse_letter(raw: bytes, *, attachment_max_bytes: int = 10 * 1024 * 1024) -> ParsedLetter:
    """Everything Linija needs from a raw letter. Never raises."""
    letter = ParsedLetter(raw_sha256=hashlib.sha256(raw).hexdigest(), size=len(raw))
    try:
        repaired, broken = headers_repaired(raw)
        if broken:
            letter.warn("broken_headers")
        message = email.message_from_bytes(repaired, policy=email.policy.compat32)
        guesses = _declared_charsets(message)
        headers = _headers(message)
        _read_headers(letter, headers, guesses)
        letter.headers = headers
        letter.delivery_report = message.get_content_type() == "multipart/report" and (
            str(message.get_param("report-type") or "").lower() == "delivery-status"
        )
        verdict = letter_verdict(letter, line=None)
        if verdict is not None:
            letter.kind, letter.noise_reason = verdict.rule.kind, verdict.evidence
        body = _Reader(letter, max_bytes=attachment_max_bytes, guesses=guesses).read(message)
        html = "\n<hr>\n".join(piece for piece in body.htmls if piece.strip())
        letter.html = html_sanitise(html) if html else ""
        text = "\n\n".join(piece for piece in body.texts if piece.strip()).strip()
        letter.text = _text_with_html(text, html).strip()
        if letter.kind == "bounce" and not letter.bounced_ids:
            letter.bounced_ids = BOUNCED_ID.findall(letter.text)
        if not letter.text.strip():
            letter.warn("no_text")
    except Exception:  # never lose a letter to the parser: keep what was read, and say so
        letter.warn("unreadable")
        if not letter.text:
            letter.text = clean(raw.decode("utf-8", errors="replace"))[:100000]
    return letter
