"""Reads of the knowledge base: canned answers, the public FAQ, the staff list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from linija.accounts.selectors import is_staff_member, is_supervisor
from linija.consultations.models import Topic
from linija.knowledge.analysis import plain_text
from linija.knowledge.models import Article


@dataclass(frozen=True)
class CannedAnswer:
    """A ready reply for the chat console or the e-mail composer: ``body`` is plain text."""

    pk: int
    title: str
    body: str


def canned_answers(user: Any, *, language: str = "lt") -> list[CannedAnswer]:
    """The published canned answers in ``language`` for a staff member; none for anyone else."""
    if not is_staff_member(user):
        return []
    articles = Article.objects.published().filter(canned=True, language=language[:2])
    return [
        CannedAnswer(pk=article.pk, title=article.title, body=plain_text(article.body))
        for article in articles.order_by("order", "title", "pk")
    ]


@dataclass(frozen=True)
class TopicGroup:
    """A top-level topic and its public articles, for the FAQ page."""

    topic: Topic
    articles: list[Article]


# Top-level topics whose name means nothing to a visitor ("Non-counselling"): their articles
# (about the line itself) are listed under their subtopic instead.
GROUPED_BY_SUBTOPIC = frozenset({"non_counselling"})


def faq_section(topic: Topic) -> Topic:
    parent = topic.parent
    if parent is None or parent.code in GROUPED_BY_SUBTOPIC:
        return topic
    return parent


def topic_position(topic: Topic) -> tuple[int, int, str]:
    """Where a topic comes in the taxonomy: after its group, in the group's order."""
    group = topic.parent or topic
    return (group.order, topic.order if topic.parent else -1, topic.code)


def faq_groups(*, language: str) -> list[TopicGroup]:
    """The public articles in ``language`` grouped by top-level topic, in the topics' order."""
    articles = (
        Article.objects.public()
        .filter(language=language)
        .select_related("topic", "topic__parent")
        .order_by("order", "title", "pk")
    )
    groups: dict[int, TopicGroup] = {}
    for article in articles:
        section = faq_section(article.topic)
        groups.setdefault(section.pk, TopicGroup(topic=section, articles=[])).articles.append(
            article
        )
    return sorted(groups.values(), key=lambda group: topic_position(group.topic))


def access_public_article(*, slug: str, language: str) -> Article:
    """A published public article; ``Http404`` alike when it is missing or internal."""
    articles = Article.objects.public().select_related("topic", "topic__parent")
    return get_object_or_404(articles, slug=slug, language=language)


def public_translation(*, slug: str, language: str) -> Article | None:
    """The public article in ``language`` that translates the one at ``slug`` in another
    language (after the visitor switched the site's language on an article page)."""
    for article in Article.objects.public().filter(slug=slug).exclude(language=language):
        translation = article.translation()
        if translation is not None and translation.is_public and translation.language == language:
            return translation
    return None


def related_articles(article: Article, *, limit: int = 5) -> list[Article]:
    """Other public articles in the same topic group, in the same language."""
    group = article.topic.parent_id or article.topic_id
    return list(
        Article.objects.public()
        .filter(Q(topic_id=group) | Q(topic__parent_id=group), language=article.language)
        .exclude(pk=article.pk)
        .order_by("order", "title", "pk")[:limit]
    )


def articles_visible_to(user: Any) -> QuerySet[Article]:
    """Staff read every published article; supervisors and administrators also drafts."""
    if not is_staff_member(user):
        return Article.objects.none()
    articles = Article.objects.select_related("topic", "topic__parent", "owner")
    return articles if is_supervisor(user) else articles.published()


def access_article(*, user: Any, pk: int) -> Article:
    """The article ``pk`` for a staff member; ``Http404`` when missing or not theirs to see."""
    return get_object_or_404(articles_visible_to(user), pk=pk)


def may_mark_checked(user: Any, article: Article) -> bool:
    """The owner, supervisors and administrators confirm that an article is still right."""
    return is_supervisor(user) or (is_staff_member(user) and article.owner_id == user.pk)


def staff_articles(
    *,
    user: Any,
    topic: Topic | None = None,
    audience: str = "",
    language: str = "",
    stale: bool = False,
) -> QuerySet[Article]:
    """The articles ``user`` may read, filtered: a top-level topic includes its subtopics."""
    articles = articles_visible_to(user)
    if topic is not None:
        articles = articles.filter(Q(topic=topic) | Q(topic__parent=topic))
    if audience:
        articles = articles.filter(audience=audience)
    if language:
        articles = articles.filter(language=language)
    if stale:
        articles = articles.stale()
    return articles.order_by(
        Coalesce("topic__parent__order", "topic__order"), "topic__order", "order", "title", "pk"
    )
