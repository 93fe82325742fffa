from django.contrib import admin

from linija.accounts.admin_labels import LabelledListEditable
from linija.chat.models import ChatSurvey, SpecialistPresence


@admin.register(SpecialistPresence)
class SpecialistPresenceAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ("user", "status", "max_chats", "last_seen_at")
    list_editable = ("max_chats",)
    fields = ("user", "status", "max_chats", "last_seen_at", "changed_at")
    readonly_fields = ("user", "status", "last_seen_at", "changed_at")

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ChatSurvey)
class ChatSurveyAdmin(admin.ModelAdmin):
    list_display = ("consultation", "rating", "created_at")
    list_filter = ("rating",)
    readonly_fields = ("consultation", "rating", "comment", "created_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
