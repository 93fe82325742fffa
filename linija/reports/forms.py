"""The report's filter, read from the query string."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linija.accounts import roles
from linija.consultations.models import (
    CallerCategory,
    Channel,
    Consultation,
    Municipality,
    Outcome,
    Topic,
)
from linija.hours.calendar import VILNIUS
from linija.reports.filters import Preset, ReportFilter, preset_bounds, specialist_name
from linija.reports.models import ProjectPeriod

# A custom period longer than this is refused (the line started in 2021).
LONGEST_PERIOD = datetime.timedelta(days=366 * 15)
FIELDS = (
    "period",
    "on",
    "start",
    "end",
    "project",
    "channel",
    "caller_category",
    "topic",
    "municipality",
    "specialist",
    "outcome",
)


class SpecialistChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return specialist_name(obj)


class TopicChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return obj.full_name


def specialist_choices():
    """Staff members and anybody who ever completed a record."""
    has_records = Exists(Consultation.objects.filter(specialist=OuterRef("pk")))
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=roles.ROLE_NAMES) | Q(has_records))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class ReportFilterForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (Preset.DAY, _("Day")),
            (Preset.WEEK, _("Week")),
            (Preset.MONTH, _("Month")),
            (Preset.QUARTER, _("Quarter")),
            (Preset.YEAR, _("Year")),
            (Preset.CUSTOM, _("From – to")),
            (Preset.PROJECT, _("Project period")),
        ],
        initial=Preset.MONTH,
    )
    on = forms.DateField(
        label=_("The period holding"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Any day of the day, week, month, quarter or year wanted."),
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    project = forms.ModelChoiceField(
        label=_("Project period"), queryset=ProjectPeriod.objects.all(), required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All channels")), *Channel.choices], required=False
    )
    caller_category = forms.ModelChoiceField(
        label=_("Caller category"),
        queryset=CallerCategory.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    topic = TopicChoice(
        label=_("Topic"),
        queryset=Topic.objects.select_related("parent").order_by(
            "parent__order", "parent__code", "order", "code"
        ),
        required=False,
        empty_label=_("All"),
        help_text=_("A group includes its subtopics."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    specialist = SpecialistChoice(
        label=_("Specialist"), queryset=None, required=False, empty_label=_("All")
    )
    outcome = forms.ModelChoiceField(
        label=_("Outcome"), queryset=Outcome.objects.all(), required=False, empty_label=_("All")
    )

    def __init__(self, data=None, *, today: datetime.date | None = None, **kwargs) -> None:
        self.today = today or timezone.localdate(timezone=VILNIUS)
        if data is not None and not any(data.get(name) for name in FIELDS):
            data = None
        super().__init__(data, **kwargs)
        self.fields["specialist"].queryset = specialist_choices()
        self.fields["on"].initial = self.today

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        period = cleaned.get("period")
        if period == Preset.CUSTOM:
            start, end = cleaned.get("start"), cleaned.get("end")
            if start is None:
                self.add_error("start", _("Give the first day."))
            if end is None:
                self.add_error("end", _("Give the last day."))
            if start and end and end < start:
                self.add_error("end", _("The last day cannot be before the first day."))
            elif start and end and end - start > LONGEST_PERIOD:
                self.add_error("end", _("Choose a period of at most 15 years."))
        if period == Preset.PROJECT and cleaned.get("project") is None:
            self.add_error("project", _("Choose the project period."))
        return cleaned

    def report_filter(self) -> ReportFilter:
        """The filter asked for; the current month before the form is filled in.

        Call on an unbound form or after ``is_valid()`` returned True.
        """
        cleaned = self.cleaned_data if self.is_bound else {}
        period = cleaned.get("period") or Preset.MONTH
        labels = dict(self.fields["period"].choices)
        label = str(labels[period])
        if period == Preset.CUSTOM:
            start, end = cleaned["start"], cleaned["end"]
        elif period == Preset.PROJECT:
            project = cleaned["project"]
            start, end = project.start, project.end or self.today
            label = project.name
        else:
            start, end = preset_bounds(period, cleaned.get("on") or self.today)
        return ReportFilter(
            start=start,
            end=end,
            period_label=label,
            channel=cleaned.get("channel") or "",
            caller_category=cleaned.get("caller_category"),
            topic=cleaned.get("topic"),
            municipality=cleaned.get("municipality"),
            specialist=cleaned.get("specialist"),
            outcome=cleaned.get("outcome"),
            query=self.query(),
        )

    def query(self) -> dict[str, str]:
        """The filled-in fields as query-string values, to repeat the same report."""
        if not self.is_bound:
            return {}
        return {name: str(self.data.get(name)) for name in FIELDS if self.data.get(name)}
