from linija.knowledge.analysis import (
    fold,
    index_fields,
    plain_text,
    query_words,
    word_terms,
    written_stems,
)


def test_it_folds_lithuanian_letters_and_case():
    assert fold("ĄČĘĖĮŠŲŪŽ ąčęėįšųūž Globėjų") == "aceeisuuz aceeisuuz globeju"


def test_it_gives_a_word_with_and_without_diacritics_a_common_term():
    written = word_terms("globėjas", "lt")
    for typed in ["globejas", "globejo", "globejams", "globėjo", "globėjams"]:
        assert word_terms(typed, "lt") & written, typed


def test_it_ignores_stopwords_and_single_letters():
    assert word_terms("Kaip", "lt") == frozenset()
    assert word_terms("į", "lt") == frozenset()
    assert word_terms("the", "en") == frozenset()
    assert word_terms("112", "lt") == frozenset({"112"})


def test_it_stems_english_with_the_english_stemmer():
    assert word_terms("adopting", "en") & word_terms("adoption", "en")


def test_it_keeps_query_words_in_order_without_repeats():
    words = query_words("Globėjas globejas, kaip tapti globėju?", "lt")
    assert [word for word, _ in words] == ["globejas", "tapti", "globeju"]


def test_it_pairs_a_folded_word_with_the_stem_of_its_written_form():
    assert ("budinciu", "bud") in written_stems("budinčiu globotoju", "lt")
    assert written_stems("budintis globotojas", "lt") == set()


def test_it_counts_indexed_words_without_stopwords():
    fields = index_fields(
        title="Kaip tapti globėju?", body="Globėju gali **tapti**.", language="lt"
    )
    assert fields["title_words"] == 2
    assert fields["body_words"] == 3
    assert "globej" in fields["title_terms"].split()


def test_it_turns_markdown_into_plain_text():
    text = plain_text(
        "Laba diena,\n\nčia **linija**\nir dar.\n\n- vienas [Sodra](https://sodra.lt)\n- du & trys"
        "\n\n1. pirmas\n2. antras\n\nPagarbiai  \nLinija\n\n<script>alert(1)</script>"
    )
    assert text == (
        "Laba diena,\n\nčia linija ir dar.\n\n- vienas Sodra (https://sodra.lt)\n- du & trys\n\n"
        "1. pirmas\n2. antras\n\nPagarbiai\nLinija"
    )


def test_it_does_not_repeat_an_address_that_is_the_link_text():
    assert plain_text("<mailto:linija@pastoge.lt>") == "linija@pastoge.lt"
