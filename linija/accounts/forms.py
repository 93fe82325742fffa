"""Forms of the staff login and two-factor pages."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CODE_PATTERN = re.compile(r"[0-9A-Za-z]{6,8}")


class OneTimeCodeField(forms.CharField):
    """A code from an authenticator app (6 digits) or a backup code (up to 8 characters).

    Spaces and hyphens people copy along with the code are dropped.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Code from the authenticator app"))
        kwargs.setdefault("max_length", 12)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        )

    def to_python(self, value):
        return re.sub(r"[\s-]", "", super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value and not CODE_PATTERN.fullmatch(value):
            raise ValidationError(
                _("Enter the 6-digit code shown in your authenticator app."), code="format"
            )


class StaffLoginForm(forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = OneTimeCodeField(required=False)

    def __init__(self, *args, two_factor_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = (
            _("Leave it empty the first time: you will set up the app right after signing in.")
            if two_factor_required
            else _("Only if you have set up two-factor authentication.")
        )


class OneTimeCodeForm(forms.Form):
    code = OneTimeCodeField(widget=forms.TextInput(attrs={"autofocus": True}))
