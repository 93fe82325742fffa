import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from linija.knowledge.models import Article, Audience

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def test_it_flags_an_article_not_checked_for_the_default_period(make_article):
    fresh = make_article(checked_on=TODAY - datetime.timedelta(days=183))
    stale = make_article(checked_on=TODAY - datetime.timedelta(days=184))
    assert not fresh.is_stale
    assert stale.is_stale
    assert set(Article.objects.filter(pk__in=[fresh.pk, stale.pk]).stale()) == {stale}


def test_it_reads_the_period_from_the_setting(make_article, settings):
    settings.LINIJA_KB_STALE_DAYS = 30
    article = make_article(checked_on=TODAY - datetime.timedelta(days=31))
    assert article.is_stale
    assert article.check_due_on == TODAY - datetime.timedelta(days=1)


def test_it_links_a_translation_both_ways(make_article):
    original = make_article(title="Atokvėpis")
    english = make_article(title="Respite", language="en", translation_of=original)
    assert original.translation() == english
    assert english.translation() == original
    assert make_article().translation() is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"language": "lt"}, "translation_of"),
        ({"audience": Audience.INTERNAL}, "audience"),
    ],
)
def test_it_refuses_a_translation_that_does_not_fit(make_article, change, field):
    original = make_article()
    article = Article(
        title="Translation",
        slug="translation",
        body="Text.",
        topic=original.topic,
        language="en",
        translation_of=original,
    )
    for name, value in change.items():
        setattr(article, name, value)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert field in error.value.message_dict


def test_it_refuses_a_translation_of_a_translation(make_article):
    original = make_article()
    english = make_article(language="en", translation_of=original)
    article = Article(
        title="Vertimas", slug="vertimas", body="Tekstas.", topic=original.topic, language="lt"
    )
    article.translation_of = english
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "translation_of" in error.value.message_dict


def test_it_refuses_a_second_article_with_the_same_address_in_one_language(make_article):
    make_article(slug="zvirblis")
    with pytest.raises(ValidationError) as error, override("en"):
        make_article(slug="zvirblis")
    assert error.value.messages == ["Another article in this language has this address."]
    assert make_article(slug="zvirblis", language="en").pk


def test_it_knows_its_public_address_in_its_own_language(make_article):
    assert make_article(slug="zvirblis").public_url() == "/duk/zvirblis/"
    assert make_article(slug="sparrow", language="en").public_url() == "/en/duk/sparrow/"


def test_it_is_public_only_when_published_for_the_public(make_article):
    assert make_article().is_public
    assert not make_article(published=False).is_public
    assert not make_article(audience=Audience.INTERNAL).is_public


def test_it_renders_markdown_without_unsafe_html(make_article):
    article = make_article(body="**Svarbu** <script>alert(1)</script> [x](javascript:alert(1))")
    html = article.body_html()
    assert "<strong>Svarbu</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html
