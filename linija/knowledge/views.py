from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linija.accounts.decorators import staff_required
from linija.accounts.selectors import is_administrator, is_supervisor
from linija.knowledge.forms import StaffFilterForm
from linija.knowledge.models import Language
from linija.knowledge.search import MAX_QUERY_LENGTH, faq_search, search_articles
from linija.knowledge.selectors import (
    access_article,
    access_public_article,
    faq_groups,
    faq_section,
    may_mark_checked,
    public_translation,
    related_articles,
    staff_articles,
)
from linija.knowledge.services import article_mark_checked
from linija.site.pagecache import public_cache

STAFF_LIMIT = 50


def site_language() -> str:
    language = (get_language() or Language.LITHUANIAN)[:2]
    return language if language in Language.values else Language.LITHUANIAN


@public_cache
def faq(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    language = site_language()
    context = {"query": query}
    if query:
        found_in, context["hits"] = faq_search(query, language=language)
        if found_in != language:
            context["hits_language"] = Language(found_in)
    else:
        context["groups"] = faq_groups(language=language)
    return render(request, "knowledge/faq.html", context)


@public_cache
def faq_article(request: HttpRequest, slug: str) -> HttpResponse:
    language = site_language()
    try:
        article = access_public_article(slug=slug, language=language)
    except Http404:
        translation = public_translation(slug=slug, language=language)
        if translation is None:
            raise
        return redirect(translation.public_url())
    context = {
        "article": article,
        "section": faq_section(article.topic),
        "translation": article.translation(),
        "related": related_articles(article),
    }
    return render(request, "knowledge/faq_article.html", context)


@staff_required
def staff_index(request: HttpRequest) -> HttpResponse:
    form = StaffFilterForm(request.GET or None)
    context = {"form": form}
    if form.is_bound and not form.is_valid():
        return render(request, "knowledge/staff_index.html", context, status=400)
    filters = form.cleaned_data if form.is_bound else {"language": Language.LITHUANIAN}
    query = filters.get("q", "")
    language = filters.get("language", "")
    articles = staff_articles(
        user=request.user,
        topic=filters.get("topic"),
        audience=filters.get("audience", ""),
        language=language,
        stale=filters.get("stale", False),
    )
    if query:
        hits = [
            hit
            for each in ([language] if language else Language.values)
            for hit in search_articles(
                query, language=each, published_only=False, within=articles, limit=STAFF_LIMIT
            )
        ]
        context["hits"] = sorted(hits, key=lambda hit: -hit.score)[:STAFF_LIMIT]
    else:
        context["articles"] = articles
    context["query"] = query
    return render(request, "knowledge/staff_index.html", context)


@staff_required
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = access_article(user=request.user, pk=pk)
    context = {
        "article": article,
        "translation": article.translation(),
        "may_mark_checked": may_mark_checked(request.user, article),
        "may_edit": is_administrator(request.user),
        "sees_drafts": is_supervisor(request.user),
    }
    return render(request, "knowledge/staff_detail.html", context)


@require_POST
@staff_required
def staff_mark_checked(request: HttpRequest, pk: int) -> HttpResponse:
    article = access_article(user=request.user, pk=pk)
    if not may_mark_checked(request.user, article):
        messages.error(
            request, _("Only the article's owner or a supervisor can mark it as checked.")
        )
    else:
        article_mark_checked(article=article)
        messages.success(request, _("Marked as checked today."))
    return redirect(article)
