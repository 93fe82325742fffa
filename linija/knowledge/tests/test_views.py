import datetime

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override

from linija.knowledge.models import Article, Audience

pytestmark = pytest.mark.django_db

FAQ = reverse("knowledge:faq")


def lithuanian(text: str) -> str:
    with override("lt"):
        return gettext(text)


def test_it_lists_the_public_questions_by_topic(client):
    response = client.get(FAQ)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="tema-becoming_carer"' in html
    assert "Kaip tapti globėju?" in html
    internal = Article.objects.filter(audience=Audience.INTERNAL).first()
    assert internal.title not in html


def test_it_answers_a_question_typed_without_diacritics(client):
    response = client.get(FAQ, {"q": "kaip tapti globeju"})
    assert response.status_code == 200
    hits = response.context["hits"]
    assert hits[0].article.slug == "kaip-tapti-globeju"
    html = response.content.decode()
    assert "<mark>globėju</mark>" in html
    assert 'href="/duk/kaip-tapti-globeju/"' in html


def test_it_escapes_the_query_in_the_page(client):
    response = client.get(FAQ, {"q": '<script>alert("x")</script>'})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_it_says_when_nothing_is_found(client):
    response = client.get(FAQ, {"q": "qqqzzz"})
    assert response.context["hits"] == []
    assert lithuanian("Try other or fewer words, or browse the questions by topic.") in (
        response.content.decode()
    )


def test_it_searches_english_articles_on_the_english_page(client):
    response = client.get("/en/duk/", {"q": "foster carer documents"})
    assert response.status_code == 200
    hits = response.context["hits"]
    assert hits[0].article.language == "en"
    assert hits[0].article.public_url().startswith("/en/duk/")


def test_it_shows_a_public_article(client):
    response = client.get("/duk/kaip-tapti-globeju/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Kaip tapti globėju?</h1>" in html
    assert 'hreflang="en"' in html
    assert 'href="/en/duk/becoming-a-foster-carer/"' in html


def test_it_hides_internal_unpublished_and_missing_articles_alike(client, make_article):
    internal = Article.objects.filter(audience=Audience.INTERNAL).first()
    draft = make_article(slug="juodrastis", published=False)
    for slug in (internal.slug, draft.slug, "nera-tokio"):
        response = client.get(reverse("knowledge:faq_article", args=[slug]))
        assert response.status_code == 404
        assert internal.title not in response.content.decode()


def test_it_takes_a_visitor_who_switched_language_to_the_translation(client):
    response = client.get("/en/duk/kaip-tapti-globeju/")
    assert response.status_code == 302
    assert response["Location"] == "/en/duk/becoming-a-foster-carer/"
    response = client.get("/duk/becoming-a-foster-carer/")
    assert response["Location"] == "/duk/kaip-tapti-globeju/"


def staff_urls() -> list[str]:
    article = Article.objects.first()
    return [
        reverse("knowledge:staff_index"),
        reverse("knowledge:staff_detail", args=[article.pk]),
    ]


def test_it_sends_a_visitor_of_the_staff_pages_to_the_login(client):
    for url in staff_urls():
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_it_refuses_the_staff_pages_to_someone_without_a_role(outsider_client):
    for url in staff_urls():
        assert outsider_client.get(url).status_code == 403


def test_it_lists_the_lithuanian_articles_for_staff_at_first(specialist_client):
    response = specialist_client.get(reverse("knowledge:staff_index"))
    assert response.status_code == 200
    lithuanian = Article.objects.filter(published=True, language="lt")
    assert set(response.context["articles"]) == set(lithuanian)
    internal = lithuanian.filter(audience=Audience.INTERNAL).first()
    assert internal.title in response.content.decode()


def test_it_searches_both_languages_when_asked(specialist_client):
    response = specialist_client.get(
        reverse("knowledge:staff_index"), {"q": "atokvepis respite", "language": ""}
    )
    languages = {hit.article.language for hit in response.context["hits"]}
    assert languages == {"lt", "en"}


def test_it_searches_internal_articles_for_staff(specialist_client):
    response = specialist_client.get(
        reverse("knowledge:staff_index"), {"q": "tylus skambutis", "language": "lt"}
    )
    assert response.status_code == 200
    assert response.context["hits"][0].article.slug == "tylus-skambutis"


def test_it_filters_the_staff_list_by_stale(specialist_client, make_article):
    Article.objects.update(checked_on=datetime.date.today())
    stale = make_article(title="Pasenęs", checked_on=datetime.date(2020, 1, 1))
    response = specialist_client.get(reverse("knowledge:staff_index"), {"stale": "on"})
    assert list(response.context["articles"]) == [stale]
    assert lithuanian("Check needed") in response.content.decode()


def test_it_refuses_a_bad_filter_with_a_message(specialist_client):
    response = specialist_client.get(reverse("knowledge:staff_index"), {"topic": "999999"})
    assert response.status_code == 400
    assert response.context["form"].errors["topic"]
    assert "hits" not in response.context
    assert "articles" not in response.context


def test_it_shows_an_article_to_staff(specialist_client):
    article = Article.objects.get(slug="tylus-skambutis")
    response = specialist_client.get(reverse("knowledge:staff_detail", args=[article.pk]))
    assert response.status_code == 200
    assert response.context["article"] == article
    assert not response.context["may_edit"]


def test_it_lets_the_owner_mark_an_article_checked(specialist_client, specialist, make_article):
    article = make_article(owner=specialist, checked_on=datetime.date(2020, 1, 1))
    url = reverse("knowledge:staff_mark_checked", args=[article.pk])
    response = specialist_client.post(url)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.checked_on == datetime.date.today()


def test_it_refuses_to_mark_someone_elses_article(
    specialist_client, other_specialist, make_article
):
    old = datetime.date(2020, 1, 1)
    article = make_article(owner=other_specialist, checked_on=old)
    response = specialist_client.post(
        reverse("knowledge:staff_mark_checked", args=[article.pk]), follow=True
    )
    article.refresh_from_db()
    assert article.checked_on == old
    assert [message.level_tag for message in response.context["messages"]] == ["error"]


def test_it_marks_checked_only_by_post(specialist_client, specialist, make_article):
    article = make_article(owner=specialist)
    url = reverse("knowledge:staff_mark_checked", args=[article.pk])
    assert specialist_client.get(url).status_code == 405
