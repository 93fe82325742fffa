"""The phone channel's forms: the public callback request, a staff member's call back attempt,
and a call logged by hand."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from linija.consultations.forms import DateTimeLocalInput
from linija.hours.calendar import VILNIUS
from linija.phone.models import AttemptOutcome, Direction
from linija.phone.selectors import SlotDay, callback_slots
from linija.privacy.pseudonyms import normalise_phone

ASAP = ""


def day_label(day: datetime.date, today: datetime.date) -> str:
    """ "Today, 3 March", "Tomorrow, 4 March", "Thursday, 5 March" in the active language."""
    month_day = formats.date_format(day, "MONTH_DAY_FORMAT")
    if day == today:
        return _("Today, %(date)s") % {"date": month_day}
    if day == today + datetime.timedelta(days=1):
        return _("Tomorrow, %(date)s") % {"date": month_day}
    return f"{capfirst(formats.date_format(day, 'l'))}, {month_day}"


def slot_choices(days: list[SlotDay], today: datetime.date) -> list[Any]:
    return [
        (ASAP, _("As soon as possible (during opening hours)")),
        *[
            (day_label(day.day, today), [(slot.value, slot.label) for slot in day.slots])
            for day in days
        ],
    ]


class CallbackRequestForm(forms.Form):
    """Phone number, optional name, a time slot inside the opening hours, consent.

    ``website`` is a honeypot: hidden from people, filled in by robots.
    """

    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=40,
        help_text=_("For example 8 612 34567. We call only this number, only about your request."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "inputmode": "tel"}),
    )
    name = forms.CharField(
        label=_("How should we address you? (optional)"),
        max_length=100,
        required=False,
        help_text=_("A first name or any name is enough. You may leave it empty."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    preferred = forms.ChoiceField(
        label=_("When may we call?"),
        required=False,
        help_text=_("Only times when the line is open are offered."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the line stores my phone number to call me back. The number is "
            "deleted as soon as the call back is done."
        ),
        error_messages={"required": _("Please tick this box so that we may store your number.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, now: datetime.datetime | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        now = now or timezone.now()
        self.slot_days = callback_slots(now=now)
        self.slots = {slot.value: slot for day in self.slot_days for slot in day.slots}
        self.fields["preferred"].choices = slot_choices(
            self.slot_days, now.astimezone(VILNIUS).date()
        )

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean_phone(self) -> str:
        try:
            return normalise_phone(self.cleaned_data["phone"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_preferred(self) -> datetime.datetime | None:
        value = self.cleaned_data["preferred"]
        return self.slots[value].start if value else None


class AttemptForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did the call go?"),
        choices=AttemptOutcome.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=300,
        required=False,
        help_text=_("E.g. “voicemail, left no message”. No names or numbers."),
    )


class CallLogForm(forms.Form):
    """A call taken without the exchange, e.g. on a mobile phone."""

    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=Direction.choices,
        initial=Direction.IN,
        widget=forms.RadioSelect,
    )
    started_at = forms.DateTimeField(label=_("Started"), widget=DateTimeLocalInput())
    ended_at = forms.DateTimeField(
        label=_("Ended"),
        required=False,
        help_text=_("Leave empty while the call goes on; fill it in on the record later."),
        widget=DateTimeLocalInput(),
    )
    phone = forms.CharField(
        label=_("The person's phone number (optional)"),
        max_length=40,
        required=False,
        help_text=_(
            "Only to count repeat contacts: Linija keeps a code made from the number, never "
            "the number itself."
        ),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
