"""Search: the seeded articles found by questions typed the way people type them.

The same tests run on SQLite (FTS5) and, with ``DATABASE_URL`` set, on PostgreSQL.
"""

import pytest

from linija.knowledge.models import Article, Audience
from linija.knowledge.search import search_articles
from linija.knowledge.services import article_delete, article_save

pytestmark = pytest.mark.django_db

# (query as typed, the slug of the article that must come first)
LITHUANIAN = [
    ("kaip tapti globeju", "kaip-tapti-globeju"),
    ("kas gali buti globeju", "kaip-tapti-globeju"),
    ("kokiu dokumentu reikia globai", "dokumentai-ir-prasymas"),
    ("sveikatos pazyma 046/a", "dokumentai-ir-prasymas"),
    ("kiek galioja isvada", "vertinimas-ir-isvada"),
    ("senele nori globoti anuka", "globa-giminaiciu-seimoje"),
    ("laikinoji globa", "laikinoji-ir-nuolatine-globa"),
    ("noriu buti budinciu globotoju", "budintis-globotojas"),
    ("budincio globotojo atlygis", "budincio-globotojo-atlygis"),
    ("kas gali ivaikinti", "kas-gali-ivaikinti"),
    ("ivaikinimo eiga teisme", "ivaikinimo-zingsniai"),
    ("eile ivaikinti", "norinciu-ivaikinti-sarasas"),
    ("sutuoktinio vaiko ivaikinimas", "sutuoktinio-vaiko-ivaikinimas"),
    ("ivaikinti is uzsienio", "tarptautinis-ivaikinimas"),
    ("kaip pasakyti vaikui kad jis ivaikintas", "kilme-ir-atvirumas"),
    ("gimk mokymu registracija", "gimk-mokymai"),
    ("globėjų mokymai", "gimk-mokymai"),
    ("tikslinis priedas", "globos-ismoka-ir-tikslinis-priedas"),
    ("pagalbos pinigu dydis", "pagalbos-pinigai"),
    ("sodros ismokos ivaikinus", "itevu-ismokos"),
    ("parama jaunuoliams paliekantiems globa", "parama-paliekantiems-globa"),
    ("susitikimai su biologiniais tevais", "bendravimas-su-biologine-seima"),
    ("pervargau nebegaliu", "krize-ir-perdegimas"),
    ("vaikui gresia pavojus", "vaikui-gresia-pavojus"),
    ("smurtas pries vaika", "vaikui-gresia-pavojus"),
    ("atokvepis", "atokvepio-paslauga"),
    ("paramos grupes globejams", "paramos-grupes"),
    ("sveciavimasis savaitgaliui", "sveciavimasis"),
    ("linijos darbo laikas", "kas-yra-linija"),
    ("ar galiu anonimiskai", "anonimiskumas"),
]

ENGLISH = [
    ("how to become a foster carer", "becoming-a-foster-carer"),
    ("documents health certificate", "documents-and-application"),
    ("duty foster carer fee", "duty-foster-carer-fee"),
    ("who can adopt", "who-can-adopt"),
    ("adopting my stepchild", "stepchild-adoption"),
    ("child in danger", "child-in-danger"),
    ("respite", "respite"),
    ("opening hours", "about-the-line"),
    ("burnout", "crisis-and-burnout"),
    ("help money", "help-money"),
    ("care leavers", "support-for-care-leavers"),
]


@pytest.mark.parametrize(("query", "slug"), LITHUANIAN)
def test_it_ranks_the_right_lithuanian_answer_first(query, slug):
    hits = search_articles(query, language="lt", audience=Audience.PUBLIC)
    assert [hit.article.slug for hit in hits[:1]] == [slug]


@pytest.mark.parametrize(("query", "slug"), ENGLISH)
def test_it_ranks_the_right_english_answer_first(query, slug):
    hits = search_articles(query, language="en", audience=Audience.PUBLIC)
    assert [hit.article.slug for hit in hits[:1]] == [slug]


@pytest.mark.parametrize("typed", ["globejas", "globėjo", "globejo", "globėjams", "globejams"])
def test_it_finds_a_word_without_diacritics_and_in_any_inflection(make_article, typed):
    article = make_article(title="Apie globėją", body="Globėjas rūpinasi vaiku.")
    hits = search_articles(typed, language="lt", audience=Audience.PUBLIC)
    assert article in [hit.article for hit in hits]


def test_it_ranks_a_title_match_above_a_body_match(make_article):
    in_body = make_article(title="Kitas klausimas", body="Čia trumpai ir apie žvirblį.")
    in_title = make_article(title="Žvirblis", body="Čia kitas tekstas apie paukščius.")
    found = [hit.article for hit in search_articles("zvirblis", language="lt")]
    assert found == [in_title, in_body]


def test_it_marks_the_found_words_and_escapes_the_rest(make_article):
    article = make_article(
        title="Globėjo <išmokos> & kita",
        body='Globėjui mokama išmoka. <script>alert("x")</script> Kita & dar.',
    )
    only = Article.objects.filter(pk=article.pk)
    [hit] = search_articles("globejo ismoka", language="lt", within=only)
    assert hit.title_html == "<mark>Globėjo</mark> &lt;<mark>išmokos</mark>&gt; &amp; kita"
    assert "<mark>Globėjui</mark> mokama <mark>išmoka</mark>." in hit.snippet_html
    assert "<script" not in hit.snippet_html
    assert "&amp; dar." in hit.snippet_html


def test_it_shows_the_passage_with_the_found_words(make_article):
    filler = " ".join(["žodis"] * 80)
    make_article(title="Ilgas", body=f"{filler}\n\nČia rašoma apie žvirblį ir kregždę. {filler}")
    [hit] = search_articles("zvirblis kregzde", language="lt")
    assert hit.snippet_html.startswith("…")
    assert hit.snippet_html.endswith("…")
    assert "<mark>žvirblį</mark> ir <mark>kregždę</mark>" in hit.snippet_html
    assert len(hit.snippet_html) < 400


def test_it_keeps_internal_and_unpublished_articles_from_the_public(make_article):
    public = make_article(title="Atokvėpis viešai")
    internal = make_article(title="Atokvėpis darbuotojams", audience=Audience.INTERNAL)
    draft = make_article(title="Atokvėpis juodraštis", published=False)
    found = {hit.article for hit in search_articles("atokvepis", language="lt", audience="public")}
    assert public in found
    assert not found & {internal, draft}
    staff = {
        hit.article for hit in search_articles("atokvepis", language="lt", published_only=False)
    }
    assert {public, internal, draft} <= staff


def test_it_searches_one_language(make_article):
    english = make_article(title="Respite care", language="en")
    assert english not in [hit.article for hit in search_articles("respite", language="lt")]
    assert english in [hit.article for hit in search_articles("respite", language="en")]


def test_it_finds_nothing_for_an_empty_or_stopword_query(make_article):
    make_article(title="Kaip ir kas")
    assert search_articles("", language="lt") == []
    assert search_articles("kaip ir kas ?", language="lt") == []


def test_it_treats_query_syntax_as_plain_words(make_article):
    article = make_article(title="Atokvėpis")
    for query in ['atokvepis" OR *', "atokvepis' | !", "NEAR(atokvepis) AND -x", "atokvepis:*"]:
        assert article in [hit.article for hit in search_articles(query, language="lt")], query


def found_ids(query: str, **kwargs) -> set[int]:
    return {hit.article.pk for hit in search_articles(query, language="lt", **kwargs)}


def test_it_follows_changes_and_deletions(make_article):
    article = make_article(title="Nepaprastas žodis", body="Tekstas.")
    pk = article.pk
    assert pk in found_ids("nepaprastas")
    article.title = "Neįprastas pavadinimas"
    article_save(article=article)
    assert pk not in found_ids("nepaprastas")
    assert pk in found_ids("neiprastas")
    article_delete(article=article)
    assert pk not in found_ids("neiprastas")


def test_it_narrows_to_a_queryset(make_article):
    first = make_article(title="Atokvėpis vienas")
    make_article(title="Atokvėpis du")
    hits = search_articles("atokvepis", language="lt", within=Article.objects.filter(pk=first.pk))
    assert [hit.article for hit in hits] == [first]
