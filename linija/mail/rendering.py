"""How letters are shown to specialists: the formatted version in its own document, and the
quote of the person's letter a reply starts with."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from linija.mail.models import Letter
from linija.mail.parsing import html_sanitise

QUOTE_MAX_LINES = 80


def letter_html_document(letter: Letter) -> str:
    """The letter's HTML, sanitised once more, with its inline pictures served by Linija."""
    images = {
        attachment.content_id: reverse("mail:attachment_image", args=[attachment.pk])
        for attachment in letter.attachments.all()
        if attachment.content_id and attachment.is_image
    }
    body = html_sanitise(letter.html, images=images)
    return render_to_string(
        "mail/letter_frame.html",
        {"letter": letter, "body": mark_safe(body)},  # noqa: S308 - sanitised by nh3 just above
    )


def reply_quote(letter: Letter) -> str:
    """The start of an answer: the person's letter quoted with "> " under a line saying who
    wrote it when."""
    when = timezone.localtime(letter.sent_at or letter.received_at)
    who = letter.from_name or letter.from_address
    lines = letter.text.splitlines()[:QUOTE_MAX_LINES]
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in lines)
    heading = _("On %(date)s, %(name)s wrote:") % {"date": f"{when:%Y-%m-%d %H:%M}", "name": who}
    return f"\n\n{heading}\n{quoted}\n"
