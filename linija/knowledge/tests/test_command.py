import pytest
from django.core.management import call_command

from linija.knowledge.models import Article, ArticleIndex
from linija.knowledge.search import search_articles

pytestmark = pytest.mark.django_db


def test_it_rebuilds_the_search_index(capsys):
    ArticleIndex.objects.update(title_terms="", body_terms="", title_words=0, body_words=0)
    assert search_articles("atokvepis", language="lt") == []
    call_command("kb_reindex")
    assert f"Indexed {Article.objects.count()} articles." in capsys.readouterr().out
    hits = search_articles("atokvepis", language="lt")
    assert hits[0].article.slug == "atokvepio-paslauga"
