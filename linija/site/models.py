import re
from html import unescape

import markdown
import nh3
from django.db import models
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from linija.site.validators import validate_attachment

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "br",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML, keeping only a small safe set of tags and attributes."""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"])
    return mark_safe(  # noqa: S308 - nh3 has just sanitised the HTML.
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )


def english_active() -> bool:
    return (get_language() or "").startswith("en")


class Page(models.Model):
    """A page of the centre's public site, written in Lithuanian and, where done, in English."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title_lt = models.CharField(_("title (Lithuanian)"), max_length=200)
    body_lt = models.TextField(_("text (Lithuanian)"), help_text=_("Markdown."))
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_en = models.TextField(
        _("text (English)"),
        blank=True,
        help_text=_("Markdown. Left empty, the Lithuanian text is shown with a note."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    in_nav = models.BooleanField(_("in the main menu"), default=True)
    attachment = models.FileField(
        _("attachment"),
        upload_to="site/",
        blank=True,
        validators=[validate_attachment],
        help_text=_("PDF, PNG or JPEG, at most 10 MB (for example the EQUASS certificate)."),
    )
    attachment_label_lt = models.CharField(
        _("attachment label (Lithuanian)"), max_length=200, blank=True
    )
    attachment_label_en = models.CharField(
        _("attachment label (English)"), max_length=200, blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title_lt

    def get_absolute_url(self) -> str:
        return reverse("site:page", args=[self.slug])

    @property
    def is_lithuanian_only(self) -> bool:
        """True when English is active but the page has no English text."""
        return english_active() and not self.body_en.strip()

    @property
    def title(self) -> str:
        if english_active() and self.title_en:
            return self.title_en
        return self.title_lt

    @property
    def body(self) -> str:
        if english_active() and not self.is_lithuanian_only:
            return self.body_en
        return self.body_lt

    @property
    def attachment_label(self) -> str:
        if english_active():
            return self.attachment_label_en or self.attachment_label_lt
        return self.attachment_label_lt

    def body_html(self) -> SafeString:
        return render_markdown(self.body)

    def summary(self, words: int = 30) -> str:
        """The first paragraph as plain text, cut to ``words`` words."""
        first = FIRST_PARAGRAPH.search(self.body_html())
        text = unescape(strip_tags(first.group(1))).split() if first else []
        if len(text) <= words:
            return " ".join(text)
        return " ".join(text[:words]).rstrip(".,;:–-") + "…"
