"""Knowledge base articles and their search index."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from linija.knowledge.analysis import MAX_WORD_LENGTH
from linija.site.models import render_markdown


class Language(models.TextChoices):
    LITHUANIAN = "lt", _("Lithuanian")
    ENGLISH = "en", _("English")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public FAQ")
    INTERNAL = "internal", _("Internal (staff only)")


def stale_before(today: datetime.date | None = None) -> datetime.date:
    """Articles last checked before this day need a new check."""
    return (today or timezone.localdate()) - datetime.timedelta(days=settings.LINIJA_KB_STALE_DAYS)


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        return self.filter(published=True)

    def public(self) -> ArticleQuerySet:
        """What a visitor of the site may read."""
        return self.filter(published=True, audience=Audience.PUBLIC)

    def stale(self, today: datetime.date | None = None) -> ArticleQuerySet:
        return self.filter(checked_on__lt=stale_before(today))


class Article(models.Model):
    """One answer: a public FAQ entry, an internal guide for specialists, or a canned reply.

    A translation points to its original through ``translation_of``; its slug is its own.
    """

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"),
        max_length=120,
        allow_unicode=False,
        help_text=_("Latin letters, digits and hyphens: the last part of the page's address."),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.LITHUANIAN
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        limit_choices_to={"translation_of__isnull": True},
        help_text=_("For a translation: the original article it translates."),
    )
    body = models.TextField(
        _("text"), help_text=_("Markdown: blank lines between paragraphs, “- ” for lists.")
    )
    topic = models.ForeignKey(
        "consultations.Topic",
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    canned = models.BooleanField(
        _("canned answer"),
        default=False,
        help_text=_("Offered as a ready reply in the chat console and the e-mail composer."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_articles",
        help_text=_("Keeps the article correct and is reminded when it needs a check."),
    )
    checked_on = models.DateField(
        _("checked on"),
        default=timezone.localdate,
        help_text=_("When the facts (amounts, addresses, rules) were last confirmed."),
    )
    published = models.BooleanField(_("published"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["order", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"],
                name="knowledge_article_slug_unique",
                violation_error_message=_("Another article in this language has this address."),
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                condition=Q(translation_of__isnull=False),
                name="knowledge_one_translation_per_language",
                violation_error_message=_(
                    "That article already has a translation in this language."
                ),
            ),
        ]
        indexes = [models.Index(fields=["language", "audience", "published"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:staff_detail", args=[self.pk])

    def public_url(self) -> str:
        """The article's page on the public site, in its own language."""
        with override(self.language):
            return reverse("knowledge:faq_article", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.published and self.audience == Audience.PUBLIC

    @property
    def is_stale(self) -> bool:
        return self.checked_on < stale_before()

    @property
    def check_due_on(self) -> datetime.date:
        return self.checked_on + datetime.timedelta(days=settings.LINIJA_KB_STALE_DAYS)

    def body_html(self) -> SafeString:
        return render_markdown(self.body)

    def translation(self) -> Article | None:
        """The article in the other language, if there is one."""
        if self.translation_of_id:
            return self.translation_of
        return self.translations.first()

    def clean(self) -> None:
        original = self.translation_of
        if original is None:
            return
        if self.pk is not None and original.pk == self.pk:
            raise ValidationError({"translation_of": _("An article cannot translate itself.")})
        if original.translation_of_id is not None:
            raise ValidationError(
                {"translation_of": _("Choose the original article, not another translation.")}
            )
        if original.language == self.language:
            raise ValidationError(
                {"translation_of": _("A translation must be in another language.")}
            )
        if original.audience != self.audience:
            raise ValidationError(
                {"audience": _("A translation has the same audience as its original.")}
            )


class ArticleIndex(models.Model):
    """The search terms of one article: stems and folded words, space-separated.

    Written by ``services.article_index``. The database's full-text index is built on this
    table (an FTS5 table kept in step by triggers on SQLite, a GIN index on PostgreSQL, see
    migration 0002); a migration that rebuilds this table must recreate them.
    """

    article = models.OneToOneField(
        Article, primary_key=True, on_delete=models.CASCADE, related_name="search_index"
    )
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    title_words = models.PositiveIntegerField(default=0)
    body_words = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index")

    def __str__(self) -> str:
        return f"{self.article_id}"


class WrittenStem(models.Model):
    """A word of the articles as typed without diacritics, with a stem its written form has.

    People type "budinciu"; the articles say "budinčiu", whose stem "bud" is also the stem of
    "budintis", while the stemmer cuts "budinciu" to "budinc". A query word adds the stems its
    folded form has here. Rows are only added (by ``services.article_index``): a word that left
    the articles only widens a query a little, and ``kb_reindex`` starts the table afresh.
    """

    language = models.CharField(max_length=2, choices=Language.choices)
    folded = models.CharField(max_length=MAX_WORD_LENGTH)
    stem = models.CharField(max_length=MAX_WORD_LENGTH)

    class Meta:
        verbose_name = _("written stem")
        verbose_name_plural = _("written stems")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "folded", "stem"], name="knowledge_written_stem_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.folded} → {self.stem}"
