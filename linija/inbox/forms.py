"""The inbox's filters and actions, and the forms of the case pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from linija.consultations.models import CaseStatus, Channel, ReferralTarget
from linija.consultations.selectors import display_name, taxonomy_choices
from linija.consultations.services import STATUSES_SET_BY_STAFF
from linija.inbox.selectors import (
    ASSIGNEE_ME,
    ASSIGNEE_NOBODY,
    STATUS_ALL,
    staff_assignable,
    topic_filter_choices,
)


class FilterForm(forms.Form):
    def filters(self) -> dict[str, str]:
        """The valid filters; an invalid one counts as not given."""
        self.is_valid()
        return {name: self.cleaned_data.get(name, "") for name in self.fields}


class InboxFilterForm(FilterForm):
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All channels")), *Channel.choices], required=False
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    assignee = forms.ChoiceField(
        label=_("Held by"),
        choices=[("", _("Anyone")), (ASSIGNEE_ME, _("Me")), (ASSIGNEE_NOBODY, _("Nobody yet"))],
        required=False,
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, data: Any, *, statuses: Sequence[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["status"].choices = [
            ("", _("Active (not closed)")),
            *statuses,
            (STATUS_ALL, _("All, closed too")),
        ]
        self.fields["topic"].choices = [("", _("All topics")), *topic_filter_choices()]


class StaffChoiceField(forms.ModelChoiceField):
    """A specialist or supervisor, by name."""

    def __init__(self, label: str, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            queryset=staff_assignable(),
            error_messages={"invalid_choice": _("Choose a member of the staff.")},
            **kwargs,
        )

    def label_from_instance(self, obj: Any) -> str:
        return display_name(obj)


class AssignForm(forms.Form):
    assignee = StaffChoiceField(_("Assign to"), required=False, empty_label=_("Nobody"))


class ConversationStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(status.value, status.label) for status in STATUSES_SET_BY_STAFF],
    )


# --- Cases ----------------------------------------------------------------------------------


class ContactField(forms.CharField):
    """A phone number or e-mail address: typed, turned into its pseudonym, never stored."""

    widget = forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=254, **kwargs)


class CaseListForm(FilterForm):
    scope = forms.ChoiceField(
        label=_("Cases"),
        choices=[("mine", _("Mine")), ("all", _("All I may see"))],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *CaseStatus.choices], required=False
    )


class CaseFindForm(forms.Form):
    contact = ContactField(
        label=_("Phone number or e-mail address"),
        help_text=_("Cases are found by the number's pseudonym; what you type is not kept."),
    )


class CaseCreateForm(forms.Form):
    title = forms.CharField(
        label=_("Label"),
        max_length=120,
        help_text=_("No name or contact: e.g. “Kinship carer, two siblings”."),
    )
    consent_given = forms.BooleanField(
        label=_("The person agreed that their contacts with the line are kept together"),
        error_messages={
            "required": _("A case links a person's contacts only with their consent: ask first.")
        },
    )
    consent_note = forms.CharField(
        label=_("How consent was given"),
        max_length=300,
        required=False,
        help_text=_("For example: “agreed on the phone on the second call”."),
    )
    contact = ContactField(
        label=_("Phone number or e-mail address (if the person gave one)"),
        required=False,
        help_text=_(
            "Only its pseudonym is kept, to find the case when the person gets in touch again. "
            "Leave empty to use the record's own caller key."
        ),
    )


class CaseNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was agreed or done. No names or contacts."),
    )
    referral_target = forms.ModelChoiceField(
        label=_("Referred to"),
        queryset=taxonomy_choices(ReferralTarget),
        required=False,
        empty_label=_("No referral"),
    )


class CaseLinkForm(forms.Form):
    consultation = forms.IntegerField(label=_("Record number"), min_value=1)


class CaseManageForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CaseStatus.choices)
    owner = StaffChoiceField(_("Owner"))
