"""The forms of the e-mail channel: the public contact form and the specialists' reply."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from linija.consultations.models import ConversationStatus
from linija.consultations.services import STATUSES_SET_BY_STAFF

MAX_REPLY_FILES = 5
NAME_MAX = 200


class LetterTextField(forms.CharField):
    """A textarea's text with its line breaks as one character each: browsers send them as
    CR LF, while the page's counter, like the person, sees one."""

    def to_python(self, value: Any) -> str:
        return super().to_python(value).replace("\r\n", "\n")


class ContactForm(forms.Form):
    """Write to the line. Only the address (to answer) and the message are needed."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("Not required: you may stay anonymous."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send the answer here. We do not share it with anyone."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address, so that we can answer."),
            "invalid": _("Enter a valid e-mail address, for example vardas@pastas.lt."),
        },
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    text = forms.CharField(label=_("Your message"))
    consent = forms.BooleanField(
        label=_("I agree that the line keeps my message and address to answer me."),
        error_messages={"required": _("Please agree, so that we can answer you.")},
    )
    # The form's one-time key: the same form sent twice stores one letter.
    once = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    # A field people do not see: bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, topics: list[tuple[str, str]] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Choose if you wish")), *topics]
        limit = settings.LINIJA_MAIL_TEXT_MAX_CHARS
        shown = number_format(limit, force_grouping=True)
        self.fields["text"] = LetterTextField(
            label=_("Your message"),
            max_length=limit,
            widget=forms.Textarea(attrs={"rows": 10}),
            help_text=_("At most %(limit)s characters.") % {"limit": shown},
            error_messages={
                "required": _("Write your message."),
                "max_length": _("The message is too long: at most %(limit)s characters.")
                % {"limit": shown},
            },
        )
        # The page counts down to the limit instead: a browser's maxlength cuts a pasted text.
        del self.fields["text"].widget.attrs["maxlength"]

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website", "").strip())


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": _("Write the answer first.")},
    )
    attachments = MultipleFileField(label=_("Attach files"), required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _(
            "Documents and pictures, at most %(size)d MB each, up to %(count)d files."
        ) % {
            "size": settings.LINIJA_MAIL_ATTACHMENT_MAX_BYTES // (1024 * 1024),
            "count": MAX_REPLY_FILES,
        }

    def clean_attachments(self) -> list[tuple[str, bytes, str]]:
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_REPLY_FILES:
            raise forms.ValidationError(
                _("At most %(count)d files.") % {"count": MAX_REPLY_FILES}, code="too_many"
            )
        limit = settings.LINIJA_MAIL_ATTACHMENT_MAX_BYTES
        for upload in files:
            if upload.size > limit:
                raise forms.ValidationError(
                    _("“%(name)s” is larger than %(size)d MB.")
                    % {"name": upload.name, "size": limit // (1024 * 1024)},
                    code="too_large",
                )
        return [
            (upload.name, upload.read(), upload.content_type or "application/octet-stream")
            for upload in files
        ]


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(value, ConversationStatus(value).label) for value in STATUSES_SET_BY_STAFF]
    )


class ConversationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("open", _("Not closed")),
            *ConversationStatus.choices,
            ("all", _("All")),
        ],
    )

    def status_filter(self) -> str:
        if not self.is_valid():
            return "open"
        status = self.cleaned_data["status"] or "open"
        return "" if status == "all" else status
