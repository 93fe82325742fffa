from django import forms
from django.utils.translation import gettext_lazy as _

from linija.privacy.models import RevealReason
from linija.privacy.subjects import Subject


def written(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SafeguardingRaiseForm(forms.Form):
    note = written(
        _("What worries you"),
        _("The supervisors read this. Facts only: what was said, when, what you did."),
    )


class SafeguardingResolveForm(forms.Form):
    resolution = written(
        _("Resolution"), _("What was done, e.g. reported to the VVTAĮT division on a date.")
    )


class RevealForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why you need to see the contact"),
        choices=[("", "—"), *RevealReason.choices],
        help_text=_("Goes into the audit log with your name and the time."),
    )


class SubjectForm(forms.Form):
    FIND, EXPORT, ERASE = "find", "export", "erase"

    value = forms.CharField(
        label=_("E-mail address or phone number"),
        max_length=254,
        help_text=_("Sent by POST only, so it stays out of addresses and logs."),
    )
    action = forms.ChoiceField(
        choices=[(FIND, _("Find")), (EXPORT, _("Export")), (ERASE, _("Erase"))],
        initial=FIND,
        widget=forms.HiddenInput,
    )
    confirm = forms.BooleanField(
        label=_("I understand that erasing cannot be undone."), required=False
    )

    def clean_value(self) -> Subject:
        try:
            return Subject.of(self.cleaned_data["value"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("action") == self.ERASE and not cleaned.get("confirm"):
            self.add_error("confirm", _("Confirm that the data is to be erased."))
        return cleaned
