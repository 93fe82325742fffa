"""Writes of the knowledge base: saving and indexing articles, checks, reminders to owners."""

from __future__ import annotations

import datetime
import itertools
import logging
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from linija.accounts import roles
from linija.knowledge.analysis import index_fields, index_written_stems
from linija.knowledge.models import Article, ArticleIndex, WrittenStem
from linija.mail.outbox import outbox_add

logger = logging.getLogger(__name__)


@transaction.atomic
def article_index(*, article: Article) -> ArticleIndex:
    """Write the search terms of ``article`` (the database's full-text index follows)."""
    text = {"title": article.title, "body": article.body, "language": article.language}
    entry, _created = ArticleIndex.objects.update_or_create(
        article=article, defaults=index_fields(**text)
    )
    WrittenStem.objects.bulk_create(
        [
            WrittenStem(language=article.language, folded=folded, stem=stem)
            for folded, stem in sorted(index_written_stems(**text))
        ],
        ignore_conflicts=True,
    )
    return entry


@transaction.atomic
def article_save(*, article: Article) -> Article:
    """Validate, save and index a new or changed article."""
    article.full_clean()
    article.save()
    article_index(article=article)
    return article


@transaction.atomic
def article_delete(*, article: Article) -> None:
    """Delete an article with its search terms."""
    article.delete()


@transaction.atomic
def articles_reindex() -> int:
    """Index every article again (after the analysis changed); returns how many."""
    WrittenStem.objects.all().delete()
    count = 0
    for article in Article.objects.order_by("pk").iterator():
        article_index(article=article)
        count += 1
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO knowledge_article_fts(knowledge_article_fts) VALUES ('rebuild')"
            )
    return count


@transaction.atomic
def article_mark_checked(*, article: Article, today: datetime.date | None = None) -> Article:
    """Record that the article's facts were confirmed today."""
    article.checked_on = today or timezone.localdate()
    article.save(update_fields=["checked_on", "updated_at"])
    return article


def reminder_recipients(articles: list[Article]) -> dict[str, list[Article]]:
    """Who is reminded of which stale articles: the owner, or every administrator when the
    article has no owner who can receive mail."""
    administrators = list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.ADMINISTRATOR)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    recipients: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        owner: Any = article.owner
        if owner is not None and owner.is_active and owner.email:
            recipients[owner.email].append(article)
        else:
            for email in administrators:
                recipients[email].append(article)
    return dict(recipients)


def reminder_text(articles: list[Article], *, base_url: str) -> tuple[str, str]:
    """The subject and plain-text body of a reminder listing ``articles``."""
    subject = ngettext(
        "Knowledge base: %(count)d article needs a check",
        "Knowledge base: %(count)d articles need a check",
        len(articles),
    ) % {"count": len(articles)}
    lines = [
        _(
            "These articles have not been checked for a long time. Amounts, addresses and rules "
            "change: please confirm each one, correct it if needed and mark it as checked."
        ),
        "",
    ]
    for article in articles:
        lines.append(
            _("- %(title)s (checked on %(date)s): %(url)s")
            % {
                "title": article.title,
                "date": article.checked_on.isoformat(),
                "url": base_url + article.get_absolute_url(),
            }
        )
    return subject, "\n".join(lines) + "\n"


@transaction.atomic
def stale_articles_notify(*, base_url: str, today: datetime.date | None = None) -> int:
    """Put one reminder e-mail per recipient in the outbox for the articles not checked for
    too long; returns how many e-mails. Texts are in Lithuanian, the staff's language."""
    stale = list(
        Article.objects.stale(today).select_related("owner").order_by("checked_on", "title", "pk")
    )
    recipients = reminder_recipients(stale)
    sent = 0
    with override("lt"):
        for email, articles in sorted(recipients.items()):
            subject, body = reminder_text(articles, base_url=base_url)
            try:
                outbox_add(to=[email], subject=subject, body=body, auto_submitted=True)
            except ValidationError as refused:
                logger.warning("No knowledge base reminder to %s: %s", email, refused.messages)
            else:
                sent += 1
    return sent


@transaction.atomic
def articles_demo_owners_set(*, owners: Sequence[Any]) -> int:
    """Give each article without an owner one of ``owners`` in turn, so that the demo's review
    reminders reach someone. Not for real data: it writes no audit entries."""
    articles = list(Article.objects.filter(owner__isnull=True).order_by("pk"))
    for article, owner in zip(articles, itertools.cycle(owners), strict=False):
        article.owner = owner
    Article.objects.bulk_update(articles, ["owner"])
    return len(articles)
