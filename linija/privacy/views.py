from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linija.accounts.decorators import staff_required, supervisor_required
from linija.accounts.selectors import is_administrator
from linija.consultations.selectors import access_consultation, access_conversation
from linija.inbox.items import conversation_url_builders
from linija.privacy.forms import (
    RevealForm,
    SafeguardingRaiseForm,
    SafeguardingResolveForm,
    SubjectForm,
)
from linija.privacy.selectors import access_safeguarding_flag, safeguarding_flags
from linija.privacy.services import (
    contact_reveal,
    safeguarding_raise,
    safeguarding_resolve,
    subject_erase,
    subject_export,
)
from linija.privacy.subjects import subject_data


def _form_failed(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@staff_required
@require_http_methods(["GET", "POST"])
def safeguarding_raise_view(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = access_consultation(user=request.user, pk=pk)
    form = SafeguardingRaiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            safeguarding_raise(
                consultation=consultation,
                user=request.user,
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as error:
            _form_failed(form, error)
        else:
            messages.success(request, _("The supervisors have been alerted."))
            return redirect("consultations:detail", pk=consultation.pk)
    return render(
        request, "privacy/safeguarding_raise.html", {"consultation": consultation, "form": form}
    )


@supervisor_required
@require_http_methods(["GET"])
def safeguarding_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/safeguarding_list.html",
        {"flags": safeguarding_flags()[:200], "form": SafeguardingResolveForm()},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def safeguarding_resolve_view(request: HttpRequest, pk: int) -> HttpResponse:
    flag = access_safeguarding_flag(user=request.user, pk=pk)
    form = SafeguardingResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            safeguarding_resolve(
                flag=flag,
                user=request.user,
                resolution=form.cleaned_data["resolution"],
                request=request,
            )
        except ValidationError as error:
            _form_failed(form, error)
        else:
            messages.success(request, _("The flag is resolved."))
            return redirect("privacy:safeguarding_list")
    return render(request, "privacy/safeguarding_resolve.html", {"flag": flag, "form": form})


@staff_required
@require_POST
def contact_reveal_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The contact a person gave on conversation ``pk``, for anybody who may see the
    conversation, once, for an audited reason (the record's page and the e-mail page)."""
    conversation = access_conversation(user=request.user, pk=pk)
    form = RevealForm(request.POST)
    contact = None
    if form.is_valid():
        try:
            contact = contact_reveal(
                conversation=conversation,
                user=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            _form_failed(form, error)
    builder = conversation_url_builders().get(conversation.channel)
    return render(
        request,
        "privacy/reveal.html",
        {
            "conversation": conversation,
            "consultation": getattr(conversation, "consultation", None),
            "conversation_url": builder(conversation) if builder else "",
            "form": form,
            "contact": contact,
        },
        status=200 if contact is not None else 400,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def subject_view(request: HttpRequest) -> HttpResponse:
    """An administrator finds, exports or erases what is held about one person."""
    if not is_administrator(request.user):
        raise Http404
    form = SubjectForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        subject, action = form.cleaned_data["value"], form.cleaned_data["action"]
        if action == SubjectForm.EXPORT:
            archive = subject_export(subject=subject, user=request.user, request=request)
            response = HttpResponse(archive, content_type="application/zip")
            name = f"linija-subject-{timezone.localtime():%Y%m%d-%H%M%S}.zip"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        if action == SubjectForm.ERASE:
            context["erased"] = subject_erase(subject=subject, user=request.user, request=request)
        context["counts"] = subject_data(subject).labelled_counts()
    return render(request, "privacy/subject.html", context, status=400 if form.errors else 200)
