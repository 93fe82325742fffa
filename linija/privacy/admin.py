from django.contrib import admin

from linija.accounts.admin_labels import LabelledListEditable
from linija.privacy.models import RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ["kind", "days"]
    list_editable = ["days"]
    readonly_fields = ["kind"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
