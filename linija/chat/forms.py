"""The visitor's forms: before the chat, and the two ways on when nobody can chat (a message
by e-mail, a call back). They are shown on the chat page and sent over its socket."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from linija.accounts import roles
from linija.chat.selectors import callback_slots
from linija.consultations.forms import GroupedTopicIterator
from linija.consultations.models import CallerCategory
from linija.consultations.selectors import topic_choices
from linija.hours.calendar import VILNIUS

RATING_CHOICES = [
    (1, _("1 – not helpful")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 – very helpful")),
]


class OptionalTopicIterator(GroupedTopicIterator):
    """The topics grouped, after an empty choice."""

    def __iter__(self) -> Iterator[Any]:
        yield ("", self.field.empty_label)
        yield from super().__iter__()


class TopicChoiceField(forms.ModelChoiceField):
    iterator = OptionalTopicIterator


class StartForm(forms.Form):
    """Everything is optional: nobody has to say who they are to get help."""

    nickname = forms.CharField(
        label=_("What may we call you?"),
        required=False,
        max_length=settings.LINIJA_CHAT_MAX_NICKNAME_LENGTH,
        help_text=_("Any name, or none. It need not be your real name."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    caller_category = forms.ModelChoiceField(
        label=_("Who are you?"),
        queryset=CallerCategory.objects.filter(active=True).exclude(code="unknown"),
        to_field_name="code",
        required=False,
        empty_label=_("I would rather not say"),
    )
    topic = TopicChoiceField(
        label=_("What is your question about?"),
        queryset=topic_choices(),
        to_field_name="code",
        required=False,
        empty_label=_("I would rather not say"),
    )


class OfflineMessageForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=100,
        help_text=_("Optional."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We answer to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(
        label=_("Your message"),
        max_length=settings.LINIJA_CHAT_MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


def day_label(day: datetime.date, today: datetime.date) -> str:
    if day == today:
        return str(_("Today"))
    if day == today + datetime.timedelta(days=1):
        return str(_("Tomorrow"))
    weekday = formats.date_format(day, "l")
    return f"{weekday[:1].upper()}{weekday[1:]}, {formats.date_format(day, 'Y-m-d')}"


def slot_choices(now: datetime.datetime | None = None) -> list[tuple[str, Any]]:
    """The call-back times grouped by day: [(day, [(iso, "14:30"), …]), …]."""
    now = now or timezone.now()
    today = now.astimezone(VILNIUS).date()
    groups: dict[datetime.date, list[tuple[str, str]]] = {}
    for slot in callback_slots(now):
        local = slot.astimezone(VILNIUS)
        groups.setdefault(local.date(), []).append((local.isoformat(), f"{local:%H:%M}"))
    return [("", _("Choose a time")), *((day_label(d, today), s) for d, s in groups.items())]


class CallbackForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=100,
        help_text=_("Optional: how the specialist may address you."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    preferred_at = forms.ChoiceField(
        label=_("When may we call?"),
        help_text=_("Times inside the line's opening hours."),
    )

    def __init__(self, *args: Any, now: datetime.datetime | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["preferred_at"].choices = slot_choices(now)

    def clean_preferred_at(self) -> datetime.datetime:
        return parse_datetime(self.cleaned_data["preferred_at"])


class SpecialistChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class LimitForm(forms.Form):
    """A supervisor sets how many chats a specialist takes at once."""

    specialist = SpecialistChoiceField(
        label=_("Specialist"),
        queryset=get_user_model()
        .objects.filter(is_active=True, groups__name__in=[roles.SPECIALIST, roles.SUPERVISOR])
        .distinct()
        .order_by("first_name", "username"),
    )
    max_chats = forms.IntegerField(
        label=_("Chats at once"),
        min_value=1,
        max_value=20,
        required=False,
        help_text=_("Leave empty for the line's default."),
    )
