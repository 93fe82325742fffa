"""Search: questions as visitors type them into the public FAQ — on a phone, without
diacritics, in everyday words, or in English on the Lithuanian site — find their answer first."""

import pytest
from django.urls import reverse

from linija.knowledge.models import Audience
from linija.knowledge.search import faq_search, search_articles

pytestmark = pytest.mark.django_db

# (question as typed, the slug of the article that answers it)
LITHUANIAN = [
    ("globejas", "kaip-tapti-globeju"),
    ("globėjas", "kaip-tapti-globeju"),
    ("tapti globeja", "kaip-tapti-globeju"),
    ("mano vaikas musa", "vaikui-gresia-pavojus"),
    ("mano vaikas muša", "vaikui-gresia-pavojus"),
    ("kaimynai musa vaika", "vaikui-gresia-pavojus"),
    ("vaika skriaudzia namie", "vaikui-gresia-pavojus"),
    ("vaikui pavojus ka daryti", "vaikui-gresia-pavojus"),
    ("kokius dokumentus reikia pateikti", "dokumentai-ir-prasymas"),
    ("kiek moka budinciam globotojui", "budincio-globotojo-atlygis"),
    ("ar budincio globotojo atlygis apmokestinamas", "budincio-globotojo-atlygis"),
    ("kas yra budintis globotojas", "budintis-globotojas"),
    ("kiek laiko galioja isvada", "vertinimas-ir-isvada"),
    ("seneliai globoja anuka", "globa-giminaiciu-seimoje"),
    ("kuo skiriasi laikina ir nuolatine globa", "laikinoji-ir-nuolatine-globa"),
    ("kaip veikia ivaikinimo eile", "norinciu-ivaikinti-sarasas"),
    ("noriu ivaikinti sutuoktinio vaika", "sutuoktinio-vaiko-ivaikinimas"),
    ("ivaikinimas is kitos salies", "tarptautinis-ivaikinimas"),
    ("kaip vaikui pasakyti apie ivaikinima", "kilme-ir-atvirumas"),
    ("kaip uzsiregistruoti i gimk", "gimk-mokymai"),
    ("globos ismoka", "globos-ismoka-ir-tikslinis-priedas"),
    ("kas yra pagalbos pinigai", "pagalbos-pinigai"),
    ("kokios ismokos ivaikinus", "itevu-ismokos"),
    ("parama paliekantiems globa", "parama-paliekantiems-globa"),
    ("bendravimas su biologine seima", "bendravimas-su-biologine-seima"),
    ("esu pervarges ir bejegis", "krize-ir-perdegimas"),
    ("atokvepio paslauga", "atokvepio-paslauga"),
    ("kur rasti paramos grupe", "paramos-grupes"),
    ("pakviesti vaika i svecius", "sveciavimasis"),
    ("kada dirba linija", "kas-yra-linija"),
    ("ar galiu kreiptis anonimiskai", "anonimiskumas"),
]

# Typed on the Lithuanian site, answered from the English articles.
ENGLISH = [
    ("how do i become a foster carer", "becoming-a-foster-carer"),
    ("who can adopt a child", "who-can-adopt"),
    ("i think a child is in danger", "child-in-danger"),
    ("respite care", "respite"),
    ("what documents do i need", "documents-and-application"),
    ("how much does a duty foster carer get paid", "duty-foster-carer-fee"),
]


@pytest.mark.parametrize(("query", "slug"), LITHUANIAN)
def test_it_puts_the_answer_to_a_question_as_typed_first(query, slug):
    hits = search_articles(query, language="lt", audience=Audience.PUBLIC)
    assert [hit.article.slug for hit in hits[:1]] == [slug]


@pytest.mark.parametrize(("query", "slug"), ENGLISH)
def test_it_answers_an_english_question_from_the_english_articles(query, slug):
    language, hits = faq_search(query, language="lt")
    assert language == "en"
    assert [hit.article.slug for hit in hits[:1]] == [slug]


@pytest.mark.parametrize(("query", "slug"), LITHUANIAN[:5])
def test_it_keeps_a_lithuanian_question_in_lithuanian(query, slug):
    language, hits = faq_search(query, language="lt")
    assert language == "lt"
    assert [hit.article.slug for hit in hits[:1]] == [slug]


def test_it_shows_english_answers_on_the_lithuanian_faq_page_marked_as_english(client):
    response = client.get(reverse("knowledge:faq"), {"q": "how do i become a foster carer"})
    assert response.status_code == 200
    assert response.context["hits"][0].article.slug == "becoming-a-foster-carer"
    assert 'lang="en"' in response.content.decode()
