"""Staff pages of the consultation records: the list, a new record, one record, its edit."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from linija.accounts.decorators import staff_required
from linija.accounts.services import audit_record
from linija.consultations.forms import ConsultationFilterForm, ConsultationForm, prefill_initial
from linija.consultations.models import Channel
from linija.consultations.selectors import (
    access_consultation,
    case_of_consultation,
    consultation_list,
    consultations_wrapup_due,
    may_see_case,
)
from linija.consultations.services import consultation_create, consultation_update

PAGE_SIZE = 25


def _saved_message(*, completed_now: bool, was_completed: bool = False) -> str:
    if was_completed:
        return _("The changes are saved.")
    if completed_now:
        return _("The record is completed.")
    return _("The draft is saved.")


@staff_required
@require_http_methods(["GET"])
def list_view(request: HttpRequest) -> HttpResponse:
    filter_form = ConsultationFilterForm(request.GET)
    records = consultation_list(user=request.user, **filter_form.filters())
    return render(
        request,
        "consultations/list.html",
        {
            "wrapup_due": consultations_wrapup_due(user=request.user),
            "filter_form": filter_form,
            "page": Paginator(records, PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def create_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        complete = request.POST.get("action") == "complete"
        form = ConsultationForm(request.POST, complete=complete)
        if form.is_valid():
            consultation = consultation_create(
                user=request.user, data=form.cleaned_data, complete=complete, request=request
            )
            messages.success(request, _saved_message(completed_now=complete))
            return redirect("consultations:detail", pk=consultation.pk)
    else:
        initial = {
            "channel": Channel.PHONE,
            "started_at": timezone.now(),
            **prefill_initial(request.GET),
        }
        form = ConsultationForm(initial=initial)
    return render(request, "consultations/form.html", {"form": form, "consultation": None})


@staff_required
@require_http_methods(["GET"])
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = access_consultation(user=request.user, pk=pk)
    audit_record(actor=request.user, action="view", obj=consultation, request=request)
    case = case_of_consultation(consultation)
    return render(
        request,
        "consultations/detail.html",
        {
            "consultation": consultation,
            "case": case,
            "case_visible": case is not None and may_see_case(user=request.user, case=case),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = access_consultation(user=request.user, pk=pk)
    was_completed = consultation.is_completed
    if request.method == "POST":
        complete = not was_completed and request.POST.get("action") == "complete"
        form = ConsultationForm(
            request.POST, instance=consultation, complete=complete or was_completed
        )
        if form.is_valid():
            consultation_update(
                consultation=consultation,
                user=request.user,
                data={name: form.cleaned_data[name] for name in form.changed_data},
                complete=complete,
                request=request,
            )
            messages.success(
                request, _saved_message(completed_now=complete, was_completed=was_completed)
            )
            return redirect("consultations:detail", pk=consultation.pk)
    else:
        audit_record(actor=request.user, action="view", obj=consultation, request=request)
        form = ConsultationForm(instance=consultation)
    return render(
        request,
        "consultations/form.html",
        {"form": form, "consultation": consultation, "was_completed": was_completed},
    )
