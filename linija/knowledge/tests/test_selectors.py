import datetime

import pytest
from django.http import Http404

from linija.knowledge.models import Article, Audience
from linija.knowledge.selectors import (
    access_article,
    access_public_article,
    canned_answers,
    faq_groups,
    may_mark_checked,
    public_translation,
    related_articles,
    staff_articles,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def canned(make_article):
    Article.objects.filter(canned=True).delete()
    return [
        make_article(
            title="Pasisveikinimas",
            body="Laba diena!\n\nKuo **galiu** padėti?",
            canned=True,
            audience=Audience.INTERNAL,
        ),
        make_article(title="Greeting", body="Hello!", language="en", canned=True),
        make_article(title="Juodraštis", canned=True, published=False),
    ]


def test_it_gives_staff_the_canned_answers_as_plain_text(canned, specialist):
    [answer] = canned_answers(specialist)
    assert answer.pk == canned[0].pk
    assert answer.title == "Pasisveikinimas"
    assert answer.body == "Laba diena!\n\nKuo galiu padėti?"
    assert [answer.title for answer in canned_answers(specialist, language="en")] == ["Greeting"]


def test_it_gives_no_canned_answers_to_someone_without_a_role(canned, outsider):
    assert canned_answers(outsider) == []


def test_it_groups_the_public_faq_by_top_level_topic(make_article):
    groups = faq_groups(language="lt")
    codes = [group.topic.code for group in groups]
    assert codes[:3] == ["becoming_carer", "duty_care", "adoption"]
    assert codes[-1] == "about_line"
    assert "non_counselling" not in codes
    every = [article for group in groups for article in group.articles]
    assert every and all(article.is_public and article.language == "lt" for article in every)


def test_it_keeps_internal_articles_off_the_faq(make_article):
    internal = make_article(audience=Audience.INTERNAL)
    draft = make_article(published=False)
    every = {article for group in faq_groups(language="lt") for article in group.articles}
    assert not every & {internal, draft}


@pytest.mark.parametrize("fields", [{"audience": Audience.INTERNAL}, {"published": False}])
def test_it_hides_an_article_from_the_public_alike_whether_missing_or_internal(
    make_article, fields
):
    article = make_article(**fields)
    with pytest.raises(Http404):
        access_public_article(slug=article.slug, language="lt")
    with pytest.raises(Http404):
        access_public_article(slug="nera-tokio", language="lt")


def test_it_finds_the_translation_of_an_address_in_the_other_language(make_article):
    original = make_article(slug="zvirblis")
    english = make_article(slug="sparrow", language="en", translation_of=original)
    assert public_translation(slug="zvirblis", language="en") == english
    assert public_translation(slug="sparrow", language="lt") == original
    assert public_translation(slug="nera-tokio", language="en") is None


def test_it_offers_other_articles_on_the_same_topic(make_article):
    first = make_article(title="Pirmas")
    second = make_article(title="Antras")
    assert second in related_articles(first, limit=50)
    assert first not in related_articles(first, limit=50)


def test_it_shows_drafts_to_supervisors_only(make_article, specialist, supervisor, outsider):
    draft = make_article(published=False)
    assert access_article(user=supervisor, pk=draft.pk) == draft
    for user in (specialist, outsider):
        with pytest.raises(Http404):
            access_article(user=user, pk=draft.pk)


def test_it_lets_the_owner_and_supervisors_mark_an_article_checked(
    make_article, specialist, other_specialist, supervisor
):
    article = make_article(owner=specialist)
    assert may_mark_checked(specialist, article)
    assert may_mark_checked(supervisor, article)
    assert not may_mark_checked(other_specialist, article)


def test_it_filters_the_staff_list(make_article, specialist):
    old = datetime.date.today() - datetime.timedelta(days=400)
    stale = make_article(checked_on=old, audience=Audience.INTERNAL)
    fresh = make_article()
    group = stale.topic.parent
    listed = set(staff_articles(user=specialist, topic=group, stale=True))
    assert stale in listed
    assert fresh not in listed
    internal = set(staff_articles(user=specialist, audience=Audience.INTERNAL))
    assert stale in internal
    assert fresh not in internal
    english = staff_articles(user=specialist, language="en")
    assert english.exists()
    assert all(article.language == "en" for article in english)
