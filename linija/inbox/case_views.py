"""Staff pages of the cases: the list, finding a case by a phone number or e-mail address,
a new case from a consultation record, one case's timeline and the changes to it.

Every page that shows a case writes an audit entry; a number or address typed to find or
open a case is turned into its pseudonym at once and never stored or logged.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from linija.accounts.decorators import staff_required
from linija.accounts.selectors import is_supervisor
from linija.accounts.services import audit_record
from linija.consultations.models import Case
from linija.consultations.selectors import (
    access_case,
    access_consultation,
    case_link_candidates,
    case_list,
    case_of_consultation,
    case_timeline,
    cases_for_contact,
    consultations_visible_to,
    may_see_case,
)
from linija.consultations.services import (
    case_consultation_link,
    case_create,
    case_note_add,
    case_update,
)
from linija.inbox.forms import (
    CaseCreateForm,
    CaseFindForm,
    CaseLinkForm,
    CaseListForm,
    CaseManageForm,
    CaseNoteForm,
)

PAGE_SIZE = 25


@staff_required
@require_GET
def case_list_view(request: HttpRequest) -> HttpResponse:
    filter_form = CaseListForm(request.GET)
    filters = filter_form.filters()
    cases = case_list(user=request.user, mine=filters["scope"] != "all", status=filters["status"])
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(
        actor=request.user,
        action="view",
        request=request,
        detail={"cases": [case.pk for case in page.object_list]},
    )
    return render(
        request,
        "inbox/case_list.html",
        {"filter_form": filter_form, "page": page, "find_form": CaseFindForm()},
    )


@staff_required
@require_POST
def case_find_view(request: HttpRequest) -> HttpResponse:
    """The cases of a phone number or e-mail address (posted, so it stays out of addresses and
    server logs)."""
    form = CaseFindForm(request.POST)
    found, owners = None, []
    if form.is_valid():
        try:
            found, owners = cases_for_contact(
                user=request.user, contact=form.cleaned_data["contact"]
            )
        except ValidationError as invalid:
            form.add_error("contact", invalid)
    if found is not None:
        audit_record(
            actor=request.user,
            action="view",
            request=request,
            detail={"search": "contact", "cases": [case.pk for case in found]},
        )
    status = 400 if form.errors else 200
    return render(
        request,
        "inbox/case_find.html",
        {"find_form": form, "found": found, "owners": owners},
        status=status,
    )


def _record_number(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("consultation", ""))
    except ValueError as missing:
        raise Http404 from missing


@staff_required
@require_http_methods(["GET", "POST"])
def case_create_view(request: HttpRequest) -> HttpResponse:
    consultation = access_consultation(user=request.user, pk=_record_number(request))
    existing = case_of_consultation(consultation)
    if existing is not None:
        messages.info(request, _("This record is already on a case."))
        if may_see_case(user=request.user, case=existing):
            return redirect("inbox:case_detail", pk=existing.pk)
        return redirect("consultations:detail", pk=consultation.pk)
    if request.method == "POST":
        form = CaseCreateForm(request.POST)
        if form.is_valid():
            try:
                case = case_create(
                    user=request.user,
                    consultation=consultation,
                    request=request,
                    **form.cleaned_data,
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(request, _("The case is opened."))
                return redirect("inbox:case_detail", pk=case.pk)
    else:
        audit_record(actor=request.user, action="view", obj=consultation, request=request)
        form = CaseCreateForm()
    return render(
        request,
        "inbox/case_form.html",
        {"form": form, "consultation": consultation},
        status=400 if form.errors else 200,
    )


def _detail(request: HttpRequest, case: Case, *, status: int = 200, **forms) -> HttpResponse:
    timeline = list(case_timeline(case))
    records = [entry.consultation_id for entry in timeline if entry.consultation_id]
    readable = set(
        consultations_visible_to(request.user).filter(pk__in=records).values_list("pk", flat=True)
    )
    may_manage = is_supervisor(request.user) or case.owner_id == request.user.pk
    manage_form = forms.get("manage_form") or CaseManageForm(
        initial={"status": case.status, "owner": case.owner_id}
    )
    return render(
        request,
        "inbox/case_detail.html",
        {
            "case": case,
            "timeline": timeline,
            "readable": readable,
            "candidates": case_link_candidates(case=case, user=request.user),
            "note_form": forms.get("note_form") or CaseNoteForm(),
            "link_form": forms.get("link_form") or CaseLinkForm(),
            "manage_form": manage_form if may_manage else None,
        },
        status=status,
    )


@staff_required
@require_GET
def case_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(user=request.user, pk=pk)
    audit_record(actor=request.user, action="view", obj=case, request=request)
    return _detail(request, case)


@staff_required
@require_POST
def case_note_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(user=request.user, pk=pk)
    form = CaseNoteForm(request.POST)
    if form.is_valid():
        try:
            case_note_add(case=case, user=request.user, request=request, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Added to the timeline."))
            return redirect("inbox:case_detail", pk=case.pk)
    return _detail(request, case, status=400, note_form=form)


@staff_required
@require_POST
def case_link_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(user=request.user, pk=pk)
    form = CaseLinkForm(request.POST)
    if form.is_valid():
        try:
            consultation = access_consultation(
                user=request.user, pk=form.cleaned_data["consultation"]
            )
            case_consultation_link(
                case=case, consultation=consultation, user=request.user, request=request
            )
        except Http404:
            form.add_error("consultation", _("There is no record with this number you may open."))
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("The record is linked to the case."))
            return redirect("inbox:case_detail", pk=case.pk)
    return _detail(request, case, status=400, link_form=form)


@staff_required
@require_POST
def case_manage_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(user=request.user, pk=pk)
    form = CaseManageForm(request.POST)
    if form.is_valid():
        try:
            case_update(case=case, user=request.user, request=request, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("The case is saved."))
            if may_see_case(user=request.user, case=case):
                return redirect("inbox:case_detail", pk=case.pk)
            return redirect("inbox:case_list")
    return _detail(request, case, status=400, manage_form=form)
