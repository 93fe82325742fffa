"""Searching the knowledge base, alike on SQLite and PostgreSQL.

Every article has a row of search terms (``ArticleIndex``, see ``analysis``). The database's
full-text index finds the articles holding any term of the query: FTS5 ``MATCH`` on SQLite,
``@@`` on a GIN-indexed ``tsvector`` on PostgreSQL. The matches are then ranked here with
BM25 (the title weighs more than the body), so both databases order results the same way;
PostgreSQL's own ``ts_rank`` ignores how rare a word is, which matters for a question like
"globejo ismoka" where nearly every article says "globėjas".
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Avg, Count, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from linija.knowledge.analysis import plain_text, query_words, related_terms, word_terms, words
from linija.knowledge.models import Article, ArticleIndex, Audience, Language, WrittenStem

MAX_QUERY_LENGTH = 200
DEFAULT_LIMIT = 20
TITLE_WEIGHT = 5.0
# How much a loose term of a query word (see ``QueryWord``) counts beside its own terms.
LOOSE_TERM_WEIGHT = 0.5
K1 = 1.2
B = 0.75
SNIPPET_WORDS = 28
# Matches scoring under this share of the best one are left out: with every word optional,
# a stem as common as "glob" would otherwise list nearly every article.
MIN_SHARE_OF_BEST = 0.3
SPACE = re.compile(r"\s+")
LIST_MARKER = re.compile(r"^(?:-|\d+\.) ", re.MULTILINE)

SQLITE_MATCH = "SELECT rowid FROM knowledge_article_fts WHERE knowledge_article_fts MATCH %s"
POSTGRESQL_MATCH = (
    "SELECT article_id FROM knowledge_articleindex "
    "WHERE to_tsvector('simple'::regconfig, title_terms || ' ' || body_terms) "
    "@@ to_tsquery('simple'::regconfig, %s)"
)

Groups = Sequence[frozenset[str]]


@dataclass(frozen=True)
class Hit:
    """A found article, its score, and its title and a passage with the found words marked."""

    article: Article
    score: float
    title_html: SafeString
    snippet_html: SafeString


def matching_ids(groups: Groups) -> RawSQL:
    """The ids of the articles that hold any of the terms. The SQL is constant; the terms,
    letters and digits only, go in as a parameter."""
    terms = sorted(set().union(*groups))
    if connection.vendor == "sqlite":
        return RawSQL(SQLITE_MATCH, [" OR ".join(f'"{term}"' for term in terms)])  # noqa: S611
    if connection.vendor == "postgresql":
        return RawSQL(POSTGRESQL_MATCH, [" | ".join(f"'{term}'" for term in terms)])  # noqa: S611
    raise ImproperlyConfigured("The knowledge base searches on SQLite or PostgreSQL only.")


@dataclass(frozen=True)
class Terms:
    """How often each term occurs in an article's title and body, and their length in words."""

    title: Counter[str]
    body: Counter[str]
    title_length: int
    body_length: int

    def weighted(self, term: str, title_norm: float, body_norm: float) -> float:
        """The term's frequency, the title's counting ``TITLE_WEIGHT`` times, each normalised
        by the field's length."""
        return TITLE_WEIGHT * self.title[term] / title_norm + self.body[term] / body_norm


def saturated(frequency: float) -> float:
    return frequency * (K1 + 1) / (frequency + K1)


@dataclass(frozen=True)
class QueryWord:
    """A word of the query: its own terms, and the looser ones that also find it (the stems of
    the articles' words written like it with diacritics, the words the articles use for it)."""

    own: frozenset[str]
    loose: frozenset[str]

    @property
    def terms(self) -> frozenset[str]:
        return self.own | self.loose

    def weight(self, term: str) -> float:
        return 1.0 if term in self.own else LOOSE_TERM_WEIGHT


def bm25(
    documents: Sequence[Terms],
    query: Sequence[QueryWord],
    *,
    total: int,
    average_title: float,
    average_body: float,
) -> list[float]:
    """BM25F scores of the candidates among ``total`` articles. A query word is as rare as the
    articles holding any of its terms, so no inflection outweighs the title, and scores as its
    best term, a loose one counting ``LOOSE_TERM_WEIGHT``."""
    rarity = []
    for word in query:
        found_in = sum(
            1
            for document in documents
            if any(document.title[term] or document.body[term] for term in word.terms)
        )
        rarity.append(math.log(1 + (total - found_in + 0.5) / (found_in + 0.5)))
    scores = []
    for document in documents:
        title_norm = 1 - B + B * document.title_length / max(average_title, 1.0)
        body_norm = 1 - B + B * document.body_length / max(average_body, 1.0)
        score = 0.0
        for word, idf in zip(query, rarity, strict=True):
            score += idf * max(
                word.weight(term) * saturated(document.weighted(term, title_norm, body_norm))
                for term in word.terms
            )
        scores.append(score)
    return scores


def matched_words(tokens: Sequence[re.Match[str]], groups: Groups, language: str) -> list[set[int]]:
    """For each word of a text, which query words (by position) it matches."""
    return [
        {index for index, group in enumerate(groups) if group & terms}
        for terms in (word_terms(token.group(), language) for token in tokens)
    ]


def best_window(matches: Sequence[set[int]], size: int) -> int:
    """Where the passage of ``size`` words starts that holds the most different query words,
    then the most found words; the earliest of equals."""
    best, best_key = 0, (-1, -1)
    for start in range(max(len(matches) - size, 0) + 1):
        window = matches[start : start + size]
        key = (len(set().union(*window)), sum(1 for found in window if found))
        if key > best_key:
            best, best_key = start, key
    return best


def highlight(text: str, groups: Groups, *, language: str, around: int | None = None) -> SafeString:
    """``text`` HTML-escaped, on one line, with the words of the query in ``<mark>``; with
    ``around``, only the passage of that many words that holds the most of them."""
    tokens = list(words(text))
    matches = matched_words(tokens, groups, language)
    start, end = 0, len(tokens)
    if around is not None and len(tokens) > around:
        start = best_window(matches, around)
        end = start + around
    first = tokens[start].start() if start else 0
    last = tokens[end - 1].end() if end < len(tokens) else len(text)
    parts = ["…"] if first else []
    position = first
    for token, found in zip(tokens[start:end], matches[start:end], strict=True):
        parts.append(escape(SPACE.sub(" ", text[position : token.start()])))
        word = escape(token.group())
        parts.append(f"<mark>{word}</mark>" if found else word)
        position = token.end()
    parts.append(escape(SPACE.sub(" ", text[position:last])))
    if last < len(text):
        parts.append("…")
    return mark_safe("".join(parts).strip())  # noqa: S308 - every piece of text is escaped.


def query_groups(query: str, language: str) -> list[QueryWord]:
    """The terms of each word of the query as typed without diacritics, so that "globėjas" and
    "globejas" find the same; loose ones: its stem taken with diacritics, the stems of the
    articles' words written like it with them, and the terms of the words the articles use
    for it."""
    found = query_words(query[:MAX_QUERY_LENGTH], language)
    written: dict[str, set[str]] = defaultdict(set)
    stems = WrittenStem.objects.filter(language=language, folded__in=[word for word, _ in found])
    for folded, stem in stems.values_list("folded", "stem"):
        written[folded].add(stem)
    query = []
    for word, terms in found:
        own = word_terms(word, language)
        loose = (terms | written[word] | related_terms(terms, language)) - own
        query.append(QueryWord(own=own, loose=frozenset(loose)))
    return query


def search_articles(
    query: str,
    *,
    language: str,
    audience: str | None = None,
    published_only: bool = True,
    within: QuerySet[Article] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[Hit]:
    """The articles in ``language`` that match ``query``, best first.

    ``audience`` (``Audience.PUBLIC`` or ``INTERNAL``) limits to one audience, ``None`` allows
    both; ``within`` narrows to a queryset (a staff filter). Words are matched without
    diacritics and in any inflection; stopwords and one-letter words are ignored.
    """
    query_terms = query_groups(query, language)
    if not query_terms:
        return []
    groups = [word.terms for word in query_terms]
    scope = (Article.objects.all() if within is None else within).filter(language=language)
    if audience is not None:
        scope = scope.filter(audience=audience)
    if published_only:
        scope = scope.filter(published=True)
    stats = scope.aggregate(
        total=Count("pk"),
        title=Avg("search_index__title_words"),
        body=Avg("search_index__body_words"),
    )
    candidates = list(
        scope.filter(pk__in=matching_ids(groups)).select_related(
            "search_index", "topic", "topic__parent", "owner"
        )
    )
    documents = [
        Terms(
            title=Counter(article.search_index.title_terms.split()),
            body=Counter(article.search_index.body_terms.split()),
            title_length=article.search_index.title_words,
            body_length=article.search_index.body_words,
        )
        for article in candidates
    ]
    scores = bm25(
        documents,
        query_terms,
        total=stats["total"],
        average_title=stats["title"] or 0.0,
        average_body=stats["body"] or 0.0,
    )
    best = max(scores, default=0.0)
    ranked = sorted(
        (
            pair
            for pair in zip(scores, candidates, strict=True)
            if pair[0] >= best * MIN_SHARE_OF_BEST
        ),
        key=lambda pair: (-pair[0], pair[1].order, pair[1].title, pair[1].pk),
    )
    return [
        Hit(
            article=article,
            score=score,
            title_html=highlight(article.title, groups, language=language),
            snippet_html=highlight(
                LIST_MARKER.sub("", plain_text(article.body)),
                groups,
                language=language,
                around=SNIPPET_WORDS,
            ),
        )
        for score, article in ranked[:limit]
    ]


def words_found(query: Sequence[QueryWord], *, language: str) -> int:
    """How many of the query's words, by their own terms, some public article in ``language``
    holds."""
    if not query:
        return 0
    held: set[str] = set()
    own = [word.own for word in query]
    indexes = ArticleIndex.objects.filter(
        article__language=language,
        article__audience=Audience.PUBLIC,
        article__published=True,
        article__in=matching_ids(own),
    )
    for title_terms, body_terms in indexes.values_list("title_terms", "body_terms"):
        held.update(title_terms.split(), body_terms.split())
    return sum(1 for terms in own if terms & held)


def faq_search(query: str, *, language: str) -> tuple[str, list[Hit]]:
    """The public articles answering ``query``, in the site's ``language`` or, when more of
    its words are found there (an English question on the Lithuanian site), in another one;
    with the language they are in."""
    found = {
        each: words_found(query_groups(query, each), language=each) for each in Language.values
    }
    best = max(found, key=lambda each: (found[each], each == language))
    return best, search_articles(query, language=best, audience=Audience.PUBLIC)
