import datetime

import pytest
from django.urls import reverse

from linija.knowledge.models import Article
from linija.knowledge.search import search_articles

pytestmark = pytest.mark.django_db


def form_data(topic, **changes):
    return {
        "title": "Žvirblių globa",
        "slug": "zvirbliu-globa",
        "body": "Kaip rūpintis žvirbliu.",
        "language": "lt",
        "translation_of": "",
        "topic": topic.pk,
        "audience": "public",
        "published": "on",
        "order": "0",
        "owner": "",
        "checked_on": "2026-01-05",
    } | changes


def test_it_lets_an_administrator_add_an_article_that_search_finds(administrator_client, topic):
    response = administrator_client.post(reverse("admin:knowledge_article_add"), form_data(topic))
    assert response.status_code == 302
    article = Article.objects.get(slug="zvirbliu-globa", language="lt")
    assert [hit.article for hit in search_articles("zvirbliai", language="lt")] == [article]


def test_it_refuses_a_bad_article_in_the_admin_and_saves_nothing(administrator_client, topic):
    response = administrator_client.post(
        reverse("admin:knowledge_article_add"), form_data(topic, slug="ne tinkamas adresas!")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"]
    assert not Article.objects.filter(title="Žvirblių globa").exists()


def test_it_deletes_an_article_and_its_index_in_the_admin(administrator_client, make_article):
    article = make_article(title="Žvirblis")
    url = reverse("admin:knowledge_article_delete", args=[article.pk])
    assert administrator_client.post(url, {"post": "yes"}).status_code == 302
    assert search_articles("zvirblis", language="lt") == []


def test_it_filters_the_articles_needing_a_check(administrator_client, make_article):
    Article.objects.update(checked_on=datetime.date.today())
    stale = make_article(title="Pasenęs", checked_on=datetime.date(2020, 1, 1))
    response = administrator_client.get(
        reverse("admin:knowledge_article_changelist"), {"stale": "yes"}
    )
    assert list(response.context["cl"].result_list) == [stale]


def test_it_marks_chosen_articles_checked(administrator_client, make_article):
    article = make_article(checked_on=datetime.date(2020, 1, 1))
    response = administrator_client.post(
        reverse("admin:knowledge_article_changelist"),
        {"action": "mark_checked", "_selected_action": [article.pk]},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.checked_on == datetime.date.today()


@pytest.mark.parametrize("user_client", ["specialist_client", "supervisor_client"])
def test_it_keeps_other_roles_out_of_the_articles_admin(request, user_client):
    client = request.getfixturevalue(user_client)
    response = client.get(reverse("admin:knowledge_article_changelist"))
    assert response.status_code == 302
    assert Article.objects.exists()
