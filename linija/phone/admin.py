from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from linija.phone.models import (
    BlockedNumber,
    CallerIdRule,
    Exchange,
    Extension,
    Queue,
    RefusedEvent,
)
from linija.privacy.pseudonyms import pseudonym


class BlockedNumberForm(forms.ModelForm):
    """A number to block is typed in clear and stored only as its pseudonym."""

    number = forms.CharField(
        label=_("phone number"),
        max_length=40,
        required=False,
        help_text=_("Typed here, stored only as a code: it is not shown again."),
    )

    class Meta:
        model = BlockedNumber
        fields = ["number", "reason"]

    def clean_number(self) -> str:
        number = self.cleaned_data["number"]
        if not number:
            if self.instance.pk is None:
                raise forms.ValidationError(_("Enter the number to block."))
            return number
        try:
            key = pseudonym("phone", number)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        others = BlockedNumber.objects.filter(
            exchange_id=self.instance.exchange_id, caller_key=key
        ).exclude(pk=self.instance.pk)
        if self.instance.exchange_id is not None and others.exists():
            raise forms.ValidationError(_("This number is already blocked."))
        self.instance.caller_key = key
        return number


class BlockedNumberFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        keys = [
            form.instance.caller_key
            for form in self.forms
            if form.cleaned_data.get("number") and not self._should_delete_form(form)
        ]
        if len(keys) != len(set(keys)):
            raise forms.ValidationError(_("The same number is entered twice."))


class BlockedNumberInline(admin.StackedInline):
    model = BlockedNumber
    form = BlockedNumberForm
    formset = BlockedNumberFormSet
    extra = 1
    fields = ["number", "caller", "reason", "created_at"]
    readonly_fields = ["caller", "created_at"]

    @admin.display(description=_("blocked caller"))
    def caller(self, obj: BlockedNumber) -> str:
        return str(obj) if obj.pk else "—"


@admin.register(Exchange)
class ExchangeAdmin(admin.ModelAdmin):
    list_display = ["name", "enabled", "webhook", "created_at"]
    list_filter = ["enabled"]
    fields = ["name", "enabled", "token", "webhook", "created_at"]
    readonly_fields = ["webhook", "created_at"]
    inlines = [BlockedNumberInline]

    @admin.display(description=_("webhook address"))
    def webhook(self, obj: Exchange) -> str:
        return obj.webhook_path() if obj.pk else "—"


@admin.register(Queue)
class QueueAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    filter_horizontal = ["members"]


@admin.register(Extension)
class ExtensionAdmin(admin.ModelAdmin):
    list_display = ["number", "user"]
    list_select_related = ["user"]
    search_fields = ["number", "user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(CallerIdRule)
class CallerIdRuleAdmin(admin.ModelAdmin):
    list_display = ["prefix", "caller_id", "note"]
    search_fields = ["prefix", "caller_id", "note"]


@admin.register(RefusedEvent)
class RefusedEventAdmin(admin.ModelAdmin):
    """What the webhook refused, read only: the administrator's view of a misconfigured
    exchange or of someone guessing tokens."""

    list_display = ["at", "exchange", "status", "code", "reason", "event", "call_id", "client"]
    list_filter = ["status", "code", "exchange"]
    list_select_related = ["exchange"]
    search_fields = ["call_id", "client"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
