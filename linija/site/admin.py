from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from linija.accounts.admin_labels import LabelledListEditable
from linija.site.models import Page


@admin.register(Page)
class PageAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ["title_lt", "title_en", "slug", "order", "in_nav", "updated_at", "preview"]
    list_editable = ["order", "in_nav"]
    list_filter = ["in_nav"]
    search_fields = ["slug", "title_lt", "title_en", "body_lt", "body_en"]
    prepopulated_fields = {"slug": ["title_lt"]}
    readonly_fields = ["updated_at", "preview"]
    fieldsets = [
        (None, {"fields": ["slug", "order", "in_nav", "updated_at", "preview"]}),
        (_("Lithuanian"), {"fields": ["title_lt", "body_lt"]}),
        (_("English"), {"fields": ["title_en", "body_en"]}),
        (
            _("Attachment"),
            {"fields": ["attachment", "attachment_label_lt", "attachment_label_en"]},
        ),
    ]

    @admin.display(description=_("preview"))
    def preview(self, page: Page) -> str:
        if page.pk is None:
            return "–"
        return format_html_join(
            " · ",
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            ((page_url(page, code), code.upper()) for code in ("lt", "en")),
        )


def page_url(page: Page, language: str) -> str:
    with override(language):
        return page.get_absolute_url()
