"""Which letters a machine wrote, and what Linija must not do for them: one table of rules.

Every letter is stored; a rule decides only whether it gets the automatic acknowledgement and
whether, outside a thread, it opens a new conversation. A letter no rule matches is a
person's. Each row names the rule, tests the parsed letter (``line`` is None while parsing,
so rules about the line itself wait for the intake), says what kind of letter it makes, gives
the reason shown to the specialist, and what it suppresses: the acknowledgement only, or the
new conversation as well (which keeps the letter in the filtered list instead).

Linija is as strict in what it sends: an acknowledgement carries ``Auto-Submitted:
auto-replied``, ``X-Auto-Response-Suppress: All`` and ``X-Loop`` (``services.email_build``),
so another responder, another Linija among them, never answers it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from linija.mail.headers import unfold

if TYPE_CHECKING:
    from linija.mail.parsing import ParsedLetter

# A sender gets at most one acknowledgement in this time, whatever the conversation.
ACKNOWLEDGEMENT_INTERVAL = timedelta(hours=24)
DAEMON_SENDERS = frozenset({"mailer-daemon", "postmaster", "mail-daemon"})
NOREPLY_SENDERS = frozenset({"no-reply", "noreply", "do-not-reply", "donotreply"})
AUTO_REPLY_HEADERS = ("x-autoreply", "x-autorespond", "x-autoresponder")
BULK_PRECEDENCES = frozenset({"bulk", "junk", "list"})
SUPPRESSED_RESPONSES = frozenset({"all", "autoreply"})

ACKNOWLEDGEMENT = "acknowledgement"
CONVERSATION = "conversation"


@dataclass(frozen=True)
class Line:
    """What the intake knows of the line: its own addresses, the domain of its Message-IDs,
    and whether an address was acknowledged lately."""

    addresses: frozenset[str]
    domain: str
    acknowledged_lately: Callable[[str], bool]


@dataclass(frozen=True)
class Rule:
    name: str
    test: Callable[[ParsedLetter, Line | None], str]  # the evidence, or "" when it does not match
    kind: str
    reason: Promise
    suppresses: str

    @property
    def opens_no_conversation(self) -> bool:
        return self.suppresses == CONVERSATION


def _header(letter: ParsedLetter, name: str) -> str:
    values = letter.headers.get(name)
    return unfold(values[0]).strip() if values else ""


def _delivery_report(letter: ParsedLetter, line: Line | None) -> str:
    return "delivery report" if letter.delivery_report else ""


def _daemon_sender(letter: ParsedLetter, line: Line | None) -> str:
    local_part = letter.from_address.rpartition("@")[0].lower()
    return f"From: {letter.from_address}" if local_part in DAEMON_SENDERS else ""


def _own_address(letter: ParsedLetter, line: Line | None) -> str:
    if line is None or letter.from_address.lower() not in line.addresses:
        return ""
    return "From: the line's own address"


def _own_message_id(letter: ParsedLetter, line: Line | None) -> str:
    domain = letter.message_id.strip("<>").rpartition("@")[2].lower()
    if line is None or not line.domain or domain != line.domain:
        return ""
    return f"Message-ID: {letter.message_id}"


def _x_loop(letter: ParsedLetter, line: Line | None) -> str:
    return f"X-Loop: {_header(letter, 'x-loop')}" if "x-loop" in letter.headers else ""


def _auto_submitted(letter: ParsedLetter, line: Line | None) -> str:
    value = _header(letter, "auto-submitted").lower()
    return f"Auto-Submitted: {value}" if value and value != "no" else ""


def _auto_reply_header(letter: ParsedLetter, line: Line | None) -> str:
    return "X-Autoreply" if any(name in letter.headers for name in AUTO_REPLY_HEADERS) else ""


def _precedence_auto_reply(letter: ParsedLetter, line: Line | None) -> str:
    value = _header(letter, "precedence").lower()
    return "Precedence: auto_reply" if value == "auto_reply" else ""


def _precedence_bulk(letter: ParsedLetter, line: Line | None) -> str:
    value = _header(letter, "precedence").lower()
    return f"Precedence: {value}" if value in BULK_PRECEDENCES else ""


def _mailing_list(letter: ParsedLetter, line: Line | None) -> str:
    for name, shown in (("list-id", "List-Id"), ("list-unsubscribe", "List-Unsubscribe")):
        if name in letter.headers:
            return shown
    return ""


def _noreply_sender(letter: ParsedLetter, line: Line | None) -> str:
    """A no-reply sender; one that names a Reply-To (a web form passing on what a person
    wrote) is answered there."""
    address = letter.reply_to or letter.from_address
    return f"From: {address}" if address.rpartition("@")[0].lower() in NOREPLY_SENDERS else ""


def _responses_suppressed(letter: ParsedLetter, line: Line | None) -> str:
    value = _header(letter, "x-auto-response-suppress")
    asked = {part.strip().lower() for part in value.split(",")}
    return f"X-Auto-Response-Suppress: {value}" if asked & SUPPRESSED_RESPONSES else ""


def _acknowledged_lately(letter: ParsedLetter, line: Line | None) -> str:
    address = letter.reply_to or letter.from_address
    if line is None or not address or not line.acknowledged_lately(address):
        return ""
    return "acknowledged within 24 hours"


RULES: tuple[Rule, ...] = (
    Rule(
        "delivery_report",
        _delivery_report,
        "bounce",
        _("A delivery failure report"),
        CONVERSATION,
    ),
    Rule(
        "daemon_sender",
        _daemon_sender,
        "bounce",
        _("Sent by a mail server (mailer-daemon, postmaster)"),
        CONVERSATION,
    ),
    Rule(
        "own_address",
        _own_address,
        "own",
        _("Sent from the line's own address"),
        CONVERSATION,
    ),
    Rule(
        "own_message_id",
        _own_message_id,
        "own",
        _("Its Message-ID is of the line's own domain: a letter of the line come back"),
        CONVERSATION,
    ),
    Rule("x_loop", _x_loop, "auto_reply", _("It went round a mail loop (X-Loop)"), CONVERSATION),
    Rule(
        "auto_submitted",
        _auto_submitted,
        "auto_reply",
        _("Sent automatically (Auto-Submitted)"),
        CONVERSATION,
    ),
    Rule(
        "auto_reply_header",
        _auto_reply_header,
        "auto_reply",
        _("An automatic reply (X-Autoreply)"),
        CONVERSATION,
    ),
    Rule(
        "precedence_auto_reply",
        _precedence_auto_reply,
        "auto_reply",
        _("An automatic reply (Precedence: auto_reply)"),
        CONVERSATION,
    ),
    Rule(
        "precedence_bulk",
        _precedence_bulk,
        "bulk",
        _("Bulk or list mail (Precedence)"),
        CONVERSATION,
    ),
    Rule(
        "mailing_list",
        _mailing_list,
        "bulk",
        _("Sent through a mailing list (List-Id, List-Unsubscribe)"),
        CONVERSATION,
    ),
    Rule(
        "noreply_sender",
        _noreply_sender,
        "bulk",
        _("Sent from an address that takes no replies (no-reply)"),
        CONVERSATION,
    ),
    Rule(
        "responses_suppressed",
        _responses_suppressed,
        "person",
        _("The sender asked for no automatic replies (X-Auto-Response-Suppress)"),
        ACKNOWLEDGEMENT,
    ),
    Rule(
        "acknowledged_lately",
        _acknowledged_lately,
        "person",
        _("The sender got an acknowledgement less than 24 hours ago"),
        ACKNOWLEDGEMENT,
    ),
)
RULES_BY_NAME = {rule.name: rule for rule in RULES}


@dataclass(frozen=True)
class Verdict:
    rule: Rule
    evidence: str


def letter_verdict(letter: ParsedLetter, *, line: Line | None) -> Verdict | None:
    """The first rule the letter matches, with what showed it; None for a person's letter
    Linija may acknowledge."""
    for rule in RULES:
        evidence = rule.test(letter, line)
        if evidence:
            return Verdict(rule, evidence)
    return None


def rule_reason(name: str) -> str:
    """The reason of the rule ``name`` in the active language, or "" for none."""
    rule = RULES_BY_NAME.get(name)
    return str(rule.reason) if rule is not None else ""


def acknowledged_lately(address: str) -> bool:
    """Whether ``address`` got an acknowledgement within ``ACKNOWLEDGEMENT_INTERVAL``."""
    from linija.mail.models import Acknowledgement  # the models import this module
    from linija.privacy.pseudonyms import pseudonym

    return Acknowledgement.objects.filter(
        sender_key=pseudonym("email", address),
        created_at__gte=timezone.now() - ACKNOWLEDGEMENT_INTERVAL,
    ).exists()
