from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from linija.accounts.roles import ROLE_NAMES
from linija.accounts.selectors import is_administrator
from linija.knowledge.models import Article
from linija.knowledge.services import article_delete, article_mark_checked, article_save


class StaleFilter(admin.SimpleListFilter):
    title = _("check")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", _("Needs a check")), ("no", _("Checked recently"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.stale()
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.stale())
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Administrators write the articles. They are saved and deleted through the services,
    which keep the search index."""

    list_display = [
        "title",
        "language",
        "topic",
        "audience",
        "canned",
        "published",
        "owner",
        "checked_on",
        "needs_check",
    ]
    list_filter = [
        StaleFilter,
        "language",
        "audience",
        "canned",
        "published",
        ("topic", admin.RelatedOnlyFieldListFilter),
        ("owner", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["topic", "topic__parent", "owner"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["translation_of"]
    actions = ["mark_checked"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (
            _("Where it is shown"),
            {
                "fields": [
                    "language",
                    "translation_of",
                    "topic",
                    "audience",
                    "canned",
                    "published",
                    "order",
                ]
            },
        ),
        (_("Keeping it correct"), {"fields": ["owner", "checked_on"]}),
    ]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_administrator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_administrator(request.user)

    @admin.display(boolean=True, description=_("needs a check"))
    def needs_check(self, article: Article) -> bool:
        return article.is_stale

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, groups__name__in=ROLE_NAMES)
                .distinct()
                .order_by("first_name", "last_name", "username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.action(description=_("Mark as checked today"))
    def mark_checked(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        articles = list(queryset)
        for article in articles:
            article_mark_checked(article=article)
        self.message_user(
            request,
            ngettext(
                "%(count)d article marked as checked.",
                "%(count)d articles marked as checked.",
                len(articles),
            )
            % {"count": len(articles)},
        )

    def save_model(self, request, obj, form, change) -> None:
        article_save(article=obj)

    def delete_model(self, request, obj) -> None:
        article_delete(article=obj)

    def delete_queryset(self, request, queryset) -> None:
        for article in queryset:
            article_delete(article=article)
