from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from linija.mail.models import AcknowledgementTemplate, OutboxMessage, OutboxStatus
from linija.mail.outbox import outbox_retry


@admin.register(AcknowledgementTemplate)
class AcknowledgementTemplateAdmin(admin.ModelAdmin):
    list_display = ["language", "subject", "active", "updated_at"]
    fields = ["language", "active", "subject", "body"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """What the worker did with each outgoing letter; the letters' content stays out of view."""

    list_display = [
        "id",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "conversation_id",
        "last_error",
    ]
    list_filter = ["status", "auto_submitted"]
    fields = [
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
        "message_id",
        "auto_submitted",
    ]
    readonly_fields = fields
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the failed letters again"))
    def send_again(self, request, queryset):
        failed = list(queryset.filter(status=OutboxStatus.FAILED))
        for outgoing in failed:
            outbox_retry(outgoing=outgoing)
        self.message_user(
            request,
            ngettext(
                "%(count)d letter will be sent again.",
                "%(count)d letters will be sent again.",
                len(failed),
            )
            % {"count": len(failed)},
            messages.SUCCESS,
        )
