"""The record form, its grouped topic checkboxes, the prefill of new records and the list
filter."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from linija.consultations.models import (
    CallerCategory,
    Channel,
    Consultation,
    HeardFrom,
    Kind,
    Municipality,
    Outcome,
    ReferralTarget,
    Status,
    Topic,
    completion_error,
    completion_missing,
)
from linija.consultations.selectors import taxonomy_choices, topic_choices

DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M:%S"

TAXONOMY_FIELDS = {
    "caller_category": CallerCategory,
    "municipality": Municipality,
    "heard_from": HeardFrom,
    "outcome": Outcome,
    "referral_target": ReferralTarget,
}

COMPLETION_FIELDS = (
    "kind",
    "ended_at",
    "caller_category",
    "topics",
    "outcome",
    "referral_target",
    "contact_order",
)


class DateTimeLocalInput(forms.DateTimeInput):
    """A browser date-time picker to the second; values are in the server's time zone
    (Europe/Vilnius)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs={"step": "1", **(attrs or {})}, format=DATETIME_LOCAL_FORMAT)


class GroupedTopicIterator(ModelChoiceIterator):
    """Subtopics under the name of their group; a top-level topic without subtopics alone."""

    def __iter__(self) -> Iterator[Any]:
        groups: dict[Topic, list[Topic]] = {}
        for topic in self.queryset:
            groups.setdefault(topic.parent or topic, []).append(topic)
        for head in sorted(groups, key=sort_key):
            members = sorted(groups[head], key=sort_key)
            if members == [head]:
                yield self.choice(head)
            else:
                yield (head.name, [self.choice(topic) for topic in members])


def sort_key(topic: Topic) -> tuple[int, str]:
    return (topic.order, topic.code)


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    template_name = "consultations/widgets/grouped_checkboxes.html"


class TopicField(forms.ModelMultipleChoiceField):
    iterator = GroupedTopicIterator
    widget = GroupedCheckboxes


class ConsultationForm(forms.ModelForm):
    """The record of one contact.

    With ``complete=True`` it also requires what a completed record needs; without it (a
    draft) only well-formed values and an end not before the start.
    """

    topics = TopicField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        help_text=_("Tick every topic the person asked about."),
    )

    sections = (
        (_("The contact"), ("channel", "kind", "started_at", "ended_at")),
        (_("The person"), ("caller_category", "contact_order", "municipality", "heard_from")),
        (_("Topics"), ("topics",)),
        (_("Outcome"), ("outcome", "referral_target", "summary")),
    )

    class Meta:
        model = Consultation
        fields = [
            "channel",
            "kind",
            "started_at",
            "ended_at",
            "caller_category",
            "topics",
            "municipality",
            "contact_order",
            "heard_from",
            "outcome",
            "referral_target",
            "summary",
        ]
        widgets = {
            "started_at": DateTimeLocalInput(),
            "ended_at": DateTimeLocalInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, complete: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.complete = complete
        for name, model in TAXONOMY_FIELDS.items():
            self.fields[name].queryset = taxonomy_choices(
                model, keep=[getattr(self.instance, f"{name}_id")]
            )
        self.fields["topics"].queryset = topic_choices(
            keep=self.instance.topics.all() if self.instance.pk else []
        )
        self.fields["municipality"].empty_label = _("Outside Lithuania or not known")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.complete:
            values = {name: cleaned.get(name) for name in COMPLETION_FIELDS}
            values["topics"] = values["topics"] or []
            values["kind"] = values["kind"] or ""
            values["contact_order"] = values["contact_order"] or ""
            missing = [name for name in completion_missing(**values) if name not in self.errors]
            if missing:
                self.add_error(None, completion_error(missing))
        return cleaned

    def section_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.sections]


class PrefillForm(forms.Form):
    """Values a channel may put in the address of a new record; wrong ones are left out."""

    channel = forms.ChoiceField(choices=Channel.choices)
    kind = forms.ChoiceField(choices=Kind.choices)
    started_at = forms.DateTimeField()
    ended_at = forms.DateTimeField()
    caller_category = forms.ModelChoiceField(
        queryset=CallerCategory.objects.filter(active=True), to_field_name="code"
    )
    topics = forms.ModelMultipleChoiceField(queryset=topic_choices(), to_field_name="code")


def prefill_initial(query: QueryDict) -> dict[str, Any]:
    """The initial values of a new record from the query string (codes for the taxonomies)."""
    form = PrefillForm(query)
    form.full_clean()
    return {name: value for name, value in form.cleaned_data.items() if value}


class ConsultationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Status.choices], required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All")), *Channel.choices], required=False
    )

    def filters(self) -> dict[str, str]:
        """The valid filters; an invalid one counts as not given."""
        self.is_valid()
        return {name: self.cleaned_data.get(name, "") for name in self.fields}
