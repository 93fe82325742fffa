import re

import pytest

from linija.knowledge.analysis import plain_text
from linija.knowledge.models import Article, ArticleIndex, Audience

pytestmark = pytest.mark.django_db

AMOUNT = re.compile(r"\d+(?:[.,]\d+)?\s*(?:€|eur|euro|eurų|bsi|mma)\b", re.IGNORECASE)


def test_it_seeds_the_knowledge_base():
    articles = Article.objects.all()
    assert articles.count() >= 25
    assert articles.filter(audience=Audience.PUBLIC, language="lt").count() >= 20
    assert articles.filter(audience=Audience.INTERNAL, canned=False).count() >= 6
    assert articles.filter(canned=True, language="lt").count() >= 4
    assert articles.filter(canned=True, language="en").count() >= 4
    assert articles.filter(canned=True).count() >= 8


def test_it_gives_every_public_lithuanian_answer_an_english_version():
    for article in Article.objects.filter(audience=Audience.PUBLIC, language="lt"):
        translation = article.translation()
        assert translation is not None, article.slug
        assert translation.language == "en"
        assert translation.is_public


def test_it_indexes_every_seeded_article():
    assert ArticleIndex.objects.count() == Article.objects.count()


def test_it_writes_no_amounts_as_facts():
    for article in Article.objects.all():
        assert not AMOUNT.search(plain_text(article.body)), article.slug


def test_it_tells_where_to_check_the_current_payment_amounts():
    payments = Article.objects.filter(topic__parent__code="payments", audience=Audience.PUBLIC)
    assert payments.count() >= 8
    for article in payments:
        text = plain_text(article.body).lower()
        assert "pasitikrinkite" in text or "check the current" in text, article.slug


def test_it_links_only_to_pages_that_exist(client):
    links = {
        link
        for article in Article.objects.filter(audience=Audience.PUBLIC)
        for link in re.findall(r"\]\((/[^)]*)\)", article.body)
    }
    assert links
    for link in links:
        assert client.get(link).status_code == 200, link
