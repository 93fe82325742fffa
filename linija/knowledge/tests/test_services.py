import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from linija.knowledge.models import Article, ArticleIndex, WrittenStem
from linija.knowledge.services import (
    article_delete,
    article_mark_checked,
    article_save,
    articles_reindex,
    stale_articles_notify,
)
from linija.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
LONG_AGO = TODAY - datetime.timedelta(days=400)
FTS_INTEGRITY_CHECK = (
    "INSERT INTO knowledge_article_fts(knowledge_article_fts) VALUES ('integrity-check')"
)


def test_it_indexes_a_saved_article(topic):
    article = article_save(
        article=Article(title="Budinčiu globotoju", slug="b", body="Tekstas.", topic=topic)
    )
    index = ArticleIndex.objects.get(article=article)
    assert "bud" in index.title_terms.split()
    assert index.title_words == 2
    assert WrittenStem.objects.filter(language="lt", folded="budinciu", stem="bud").exists()


def test_it_refuses_an_invalid_article_and_saves_nothing(topic):
    with pytest.raises(ValidationError) as error:
        article_save(article=Article(title="", slug="tuscias", body="Tekstas.", topic=topic))
    assert "title" in error.value.message_dict
    assert not Article.objects.filter(slug="tuscias").exists()


def test_it_deletes_an_article_with_its_index(make_article):
    article = make_article()
    pk = article.pk
    article_delete(article=article)
    assert not Article.objects.filter(pk=pk).exists()
    assert not ArticleIndex.objects.filter(article_id=pk).exists()


def test_it_marks_an_article_checked_today(make_article):
    article = make_article(checked_on=LONG_AGO)
    article_mark_checked(article=article)
    article.refresh_from_db()
    assert article.checked_on == TODAY
    assert not article.is_stale


def test_it_reindexes_every_article(make_article):
    article = make_article(title="Žvirblis")
    ArticleIndex.objects.filter(article=article).update(title_terms="", body_terms="")
    WrittenStem.objects.all().delete()
    assert articles_reindex() == Article.objects.count()
    assert "zvirbl" in ArticleIndex.objects.get(article=article).title_terms.split()
    assert WrittenStem.objects.exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(FTS_INTEGRITY_CHECK)


def test_it_reminds_each_owner_of_their_stale_articles(make_article, specialist, supervisor):
    specialist.email = "ona@pastoge.lt"
    specialist.save()
    supervisor.email = "vadove@pastoge.lt"
    supervisor.save()
    Article.objects.update(checked_on=TODAY)
    make_article(title="Senas straipsnis", owner=specialist, checked_on=LONG_AGO)
    make_article(title="Dar vienas senas", owner=specialist, checked_on=LONG_AGO)
    make_article(title="Naujas straipsnis", owner=supervisor, checked_on=TODAY)
    assert stale_articles_notify(base_url="https://linija.example") == 1
    [message] = OutboxMessage.objects.all()
    assert message.to == ["ona@pastoge.lt"]
    assert message.auto_submitted
    assert "2" in message.subject
    assert "Senas straipsnis" in message.body
    assert "Dar vienas senas" in message.body
    assert "Naujas straipsnis" not in message.body
    assert "https://linija.example/staff/knowledge/" in message.body


def test_it_reminds_administrators_of_articles_without_an_owner(
    make_article, administrator, specialist
):
    administrator.email = "admine@pastoge.lt"
    administrator.save()
    specialist.is_active = False
    specialist.email = "ona@pastoge.lt"
    specialist.save()
    Article.objects.update(checked_on=TODAY)
    make_article(title="Be savininko", checked_on=LONG_AGO)
    make_article(title="Buvusios darbuotojos", owner=specialist, checked_on=LONG_AGO)
    assert stale_articles_notify(base_url="") == 1
    [message] = OutboxMessage.objects.all()
    assert message.to == ["admine@pastoge.lt"]
    assert "Be savininko" in message.body
    assert "Buvusios darbuotojos" in message.body


def test_it_sends_nothing_when_every_article_is_checked(administrator):
    administrator.email = "admine@pastoge.lt"
    administrator.save()
    Article.objects.update(checked_on=TODAY)
    assert stale_articles_notify(base_url="") == 0
    assert not OutboxMessage.objects.exists()


def test_it_skips_an_owner_whose_address_is_refused(make_article, specialist, supervisor):
    specialist.email = "ne adresas"
    specialist.save()
    supervisor.email = "vadove@pastoge.lt"
    supervisor.save()
    Article.objects.update(checked_on=TODAY)
    make_article(owner=specialist, checked_on=LONG_AGO)
    make_article(owner=supervisor, checked_on=LONG_AGO)
    assert stale_articles_notify(base_url="") == 1
    assert [message.to for message in OutboxMessage.objects.all()] == [["vadove@pastoge.lt"]]
