from django.contrib import admin

from linija.accounts.admin_labels import LabelledListEditable
from linija.accounts.services import audit_record
from linija.consultations.forms import ConsultationForm
from linija.consultations.models import (
    CallerCategory,
    Consultation,
    Conversation,
    HeardFrom,
    Message,
    Municipality,
    Outcome,
    ReferralTarget,
    Topic,
)
from linija.consultations.services import consultation_update


class TaxonomyAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ["code", "name_lt", "name_en", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["active"]
    search_fields = ["code", "name_lt", "name_en"]
    ordering = ["order", "code"]


admin.site.register(CallerCategory, TaxonomyAdmin)
admin.site.register(Municipality, TaxonomyAdmin)
admin.site.register(ReferralTarget, TaxonomyAdmin)
admin.site.register(HeardFrom, TaxonomyAdmin)


@admin.register(Topic)
class TopicAdmin(TaxonomyAdmin):
    list_display = ["code", "name_lt", "name_en", "parent", "order", "active", "safeguarding"]
    list_editable = ["order", "active"]
    list_filter = ["active", "safeguarding", ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]


@admin.register(Outcome)
class OutcomeAdmin(TaxonomyAdmin):
    list_display = ["code", "name_lt", "name_en", "order", "active", "needs_referral_target"]


class AuditedAdmin(admin.ModelAdmin):
    """Opening a record in the admin is written to the audit log, as in the staff pages."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None:
                audit_record(actor=request.user, action="view", obj=obj, request=request)
        return super().change_view(request, object_id, form_url, extra_context)


class ConsultationAdminForm(ConsultationForm):
    """The record form of the staff pages, with the admin's own date and time inputs: a
    completed record must stay complete."""

    class Meta(ConsultationForm.Meta):
        widgets = {}

    def __init__(self, *args, **kwargs) -> None:
        instance = kwargs.get("instance")
        super().__init__(*args, complete=bool(instance and instance.is_completed), **kwargs)


@admin.register(Consultation)
class ConsultationAdmin(AuditedAdmin):
    form = ConsultationAdminForm
    list_display = ["__str__", "kind", "status", "specialist", "caller_category", "outcome"]
    list_filter = ["status", "channel", "kind", "caller_category", "outcome", "specialist"]
    list_select_related = ["specialist", "caller_category", "outcome"]
    date_hierarchy = "started_at"
    fields = [
        "channel",
        "kind",
        "started_at",
        "ended_at",
        "completed_at",
        "status",
        "specialist",
        "caller_category",
        "topics",
        "municipality",
        "contact_order",
        "heard_from",
        "outcome",
        "referral_target",
        "summary",
        "caller_key",
        "created_at",
        "updated_at",
    ]
    readonly_fields = ["completed_at", "status", "caller_key", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change) -> None:
        consultation_update(
            consultation=obj,
            user=request.user,
            data={name: form.cleaned_data[name] for name in form.changed_data},
            request=request,
        )

    def save_related(self, request, form, formsets, change) -> None:
        """The topics are saved by ``consultation_update``."""


class MessageInline(admin.StackedInline):
    model = Message
    extra = 0
    can_delete = False
    fields = ["created_at", "direction", "author", "body", "client_id", "external_id"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Conversation)
class ConversationAdmin(AuditedAdmin):
    list_display = ["__str__", "status", "assignee", "created_at", "last_message_at"]
    list_filter = ["channel", "status", "assignee"]
    list_select_related = ["assignee"]
    date_hierarchy = "created_at"
    fields = [
        "channel",
        "status",
        "assignee",
        "consultation",
        "subject",
        "contact_name",
        "contact_address",
        "caller_key",
        "created_at",
        "last_message_at",
    ]
    readonly_fields = ["channel", "consultation", "caller_key", "created_at", "last_message_at"]
    inlines = [MessageInline]
