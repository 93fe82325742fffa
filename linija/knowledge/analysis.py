"""Text analysis for the knowledge base: plain text from Markdown, and search terms.

A word becomes up to three terms, all without diacritics: its Snowball stem taken from the
word as written then folded, the stem of the folded word, and the folded word itself. People
type on phones without ą, č, ę, ė, į, š, ų, ū, ž, and the Lithuanian stemmer cuts a word with
diacritics differently from the same word without them ("globėjas" → "glob", "globejas" →
"globej"): indexing and querying with the same three forms lets "globejo", "globėjams" and
"globejas" all meet "globėjas".
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
import unicodedata
from collections.abc import Iterator
from html import unescape

import snowballstemmer
from django.utils.html import strip_tags

from linija.site.models import render_markdown

WORD = re.compile(r"[^\W_]+")
STEMMER_NAMES = {"lt": "lithuanian", "en": "english"}
MAX_QUERY_WORDS = 12
MAX_WORD_LENGTH = 100

# Folded, lower-case words that carry no meaning of their own in a question.
LITHUANIAN_STOPWORDS = """
apie ar as bei bet buti buvo dar del gal galbut iki ir is ja jai jam jas jau jei jeigu
ji jie jis jo ju jums jus juk ka kad kada kai kaip kam kas kiek kieno kitas kodel koks
kokia kokie kokiu kur kuri kurie kuris labai man manes mane mano mes mus mums ne nebent
nei nes net nors nuo pas per po prie sau save savo su ta tad tai taip tam tas tie tik to
tu tuo uz vis yra
"""
ENGLISH_STOPWORDS = """
a about am an and are as at be been but by can could do does for from had has have how
i if in into is it its me my of on or our so than that the their them then there these
they this to us was we were what when where which who why will with would you your
"""
STOPWORDS = {
    "lt": frozenset(LITHUANIAN_STOPWORDS.split()),
    "en": frozenset(ENGLISH_STOPWORDS.split()),
}

# The words the articles use (keys), and the everyday words people type for them instead.
EVERYDAY_WORDS = {
    "lt": {
        "smurtas pavojus": "muša mušti sumušė skriaudžia skriaudžiama daužo prievarta",
    },
    "en": {
        "abuse danger": "hits hitting beats beaten hurts hurting",
    },
}

_local = threading.local()


def stemmer(language: str):
    """A Snowball stemmer for ``language`` (one per thread: they keep state while working)."""
    cache = getattr(_local, "stemmers", None)
    if cache is None:
        cache = _local.stemmers = {}
    if language not in cache:
        cache[language] = snowballstemmer.stemmer(STEMMER_NAMES[language])
    return cache[language]


def fold(text: str) -> str:
    """Lower case without diacritics: "Globėjų" → "globeju"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def word_terms(word: str, language: str) -> frozenset[str]:
    """The search terms of one word; none for a stopword or a single letter."""
    lower = word.lower()
    folded = fold(lower)
    if folded in STOPWORDS[language] or (len(folded) < 2 and not folded.isdigit()):
        return frozenset()
    stem = stemmer(language).stemWord
    return frozenset(term for term in (fold(stem(lower)), stem(folded), folded) if term)


def written_stems(text: str, language: str) -> set[tuple[str, str]]:
    """(folded word, stem) for the words of ``text`` whose stem taken with their diacritics is
    none of the terms of the same word typed without them: "budinčiu" gives ("budinciu",
    "bud"), so that a query "budinciu" also finds "budintis" (stem "bud")."""
    pairs = set()
    for match in words(text):
        lower = match.group().lower()
        folded = fold(lower)
        if folded == lower or len(folded) > MAX_WORD_LENGTH:
            continue
        written = word_terms(lower, language) - word_terms(folded, language)
        pairs.update((folded, stem) for stem in written)
    return pairs


def words(text: str) -> Iterator[re.Match[str]]:
    return WORD.finditer(text)


def index_terms(text: str, language: str) -> tuple[str, int]:
    """The terms of ``text`` as the index stores them (space-separated), and its word count."""
    terms: list[str] = []
    count = 0
    for match in words(text):
        found = word_terms(match.group(), language)
        if found:
            count += 1
            terms.extend(sorted(found))
    return " ".join(terms), count


def query_words(query: str, language: str) -> list[tuple[str, frozenset[str]]]:
    """Each meaningful word of a query, folded, with its terms; in order, without repeats."""
    found: dict[str, frozenset[str]] = {}
    for match in words(query):
        folded = fold(match.group())
        terms = word_terms(match.group(), language)
        if terms and folded not in found:
            found[folded] = terms
        if len(found) == MAX_QUERY_WORDS:
            break
    return list(found.items())


LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
URL_SCHEME = re.compile(r"^(mailto|tel):")
ORDERED_LIST = re.compile(r"<ol>.*?</ol>", re.DOTALL)
LIST_ITEM = re.compile(r"<li>")


def _link_text(match: re.Match[str]) -> str:
    target = URL_SCHEME.sub("", unescape(match.group(1)))
    text = match.group(2)
    return text if unescape(strip_tags(text)) == target else f"{text} ({target})"


def _numbered(match: re.Match[str]) -> str:
    numbers = itertools.count(1)
    return LIST_ITEM.sub(lambda _item: f"{next(numbers)}. ", match.group())


def plain_text(markdown_text: str) -> str:
    """Markdown as plain text: a paragraph on one line (a hard line break kept), a blank line
    between paragraphs, list items with "- ", links with their address, no markup."""
    html = LINK.sub(_link_text, render_markdown(markdown_text))
    html = re.sub(r"\s*\n\s*", " ", html)
    html = ORDERED_LIST.sub(_numbered, html)
    html = re.sub(r"</(p|h\d|blockquote|table|ul|ol)>", "\n\n", html)
    html = re.sub(r"</li>|<br\s*/?>", "\n", html)
    html = html.replace("<li>", "- ")
    lines = (line.strip() for line in unescape(strip_tags(html)).splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def index_fields(*, title: str, body: str, language: str) -> dict[str, str | int]:
    """The values of an article's search index row (``ArticleIndex``) for its title and
    Markdown body."""
    title_terms, title_words = index_terms(title, language)
    body_terms, body_words = index_terms(plain_text(body), language)
    return {
        "title_terms": title_terms,
        "title_words": title_words,
        "body_terms": body_terms,
        "body_words": body_words,
    }


def index_written_stems(*, title: str, body: str, language: str) -> set[tuple[str, str]]:
    """The ``WrittenStem`` pairs of an article's title and Markdown body."""
    return written_stems(f"{title}\n{plain_text(body)}", language)


@functools.cache
def everyday_terms(language: str) -> dict[str, frozenset[str]]:
    """The terms of the articles' words by each term of the everyday words for them."""
    found: dict[str, frozenset[str]] = {}
    for meant, everyday in EVERYDAY_WORDS[language].items():
        meant_terms = frozenset().union(*(word_terms(word, language) for word in meant.split()))
        for word in everyday.split():
            for term in word_terms(word, language):
                found[term] = found.get(term, frozenset()) | meant_terms
    return found


def related_terms(terms: frozenset[str], language: str) -> frozenset[str]:
    """The terms of the words the articles use for a query word with ``terms``."""
    lookup = everyday_terms(language)
    return frozenset().union(*(lookup.get(term, frozenset()) for term in terms))
