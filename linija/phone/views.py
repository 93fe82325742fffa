"""Pages of the phone channel: the public callback request; for staff the calls, the call
pop-up, the callback queue and logging a call by hand."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from linija.accounts.decorators import staff_required
from linija.accounts.services import audit_record
from linija.consultations.selectors import consultations_visible_to
from linija.forms import errors_onto
from linija.phone.forms import AttemptForm, CallbackRequestForm, CallLogForm
from linija.phone.models import LIVE_STATES, CallbackSource, CallbackStatus, CallState, Direction
from linija.phone.selectors import (
    access_call,
    access_callback,
    call_audience_includes,
    call_list,
    callback_can_work,
    callback_list,
    callback_waiting,
    earlier_contacts,
    earlier_records,
    live_calls,
)
from linija.phone.services import (
    call_log,
    call_take,
    callback_attempt_add,
    callback_claim,
    callback_close,
    callback_close_by_call,
    callback_release,
    callback_request_create,
)
from linija.privacy import limits

PAGE_SIZE = 50


# --- The public callback request ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def callback_request_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        wait = limits.rate_hit(scope="callback", who=limits.request_client(request))
        if wait:
            return limits.limited_page(request, "phone/callback_limited.html", wait)
        form = CallbackRequestForm(request.POST)
        if form.is_valid():
            if form.is_robot:
                return redirect("phone:callback_requested")
            try:
                callback_request_create(
                    phone=form.cleaned_data["phone"],
                    name=form.cleaned_data["name"],
                    preferred_at=form.cleaned_data["preferred"],
                    source=CallbackSource.WEB_FORM,
                )
            except ValidationError as error:
                errors_onto(form, error, {"preferred_at": "preferred"})
            else:
                return redirect("phone:callback_requested")
        return render(request, "phone/callback_request.html", {"form": form}, status=400)
    return render(request, "phone/callback_request.html", {"form": CallbackRequestForm()})


@require_GET
def callback_requested_view(request: HttpRequest) -> HttpResponse:
    return render(request, "phone/callback_requested.html")


# --- Calls ----------------------------------------------------------------------------------


@staff_required
@require_GET
def call_list_view(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    state = state if state in CallState.values else ""
    calls = call_list(user=request.user, state=state)
    return render(
        request,
        "phone/call_list.html",
        {
            "page": Paginator(calls, PAGE_SIZE).get_page(request.GET.get("page")),
            "states": CallState.choices,
            "state": state,
        },
    )


@staff_required
@require_GET
def call_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call(user=request.user, pk=pk)
    audit_record(actor=request.user, action="view", obj=call, request=request)
    record_visible = (
        call.consultation_id is not None
        and consultations_visible_to(request.user).filter(pk=call.consultation_id).exists()
    )
    return render(
        request,
        "phone/call_detail.html",
        {
            "call": call,
            "earlier": earlier_contacts(
                caller_key=call.caller_key, before=call.started_at, call=call
            ),
            "earlier_records": earlier_records(user=request.user, call=call)[:20],
            "record_visible": record_visible,
            "can_take": _can_take(call, request.user) and call.specialist_id is None,
        },
    )


def _can_take(call, user) -> bool:
    return call.specialist_id in (None, user.pk) and call.state in {
        CallState.RINGING,
        CallState.ANSWERED,
        CallState.COMPLETED,
    }


@staff_required
@require_POST
def call_take_view(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call(user=request.user, pk=pk)
    try:
        record = call_take(call=call, user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("phone:call_detail", pk=call.pk)
    return redirect("consultations:edit", pk=record.pk)


@staff_required
@require_GET
def call_live_view(request: HttpRequest) -> JsonResponse:
    """The ids of the calls whose pop-ups a staff page shows when it opens."""
    return JsonResponse({"calls": [call.pk for call in live_calls(user=request.user)]})


@staff_required
@require_GET
def call_popup_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The pop-up of a call for this staff member, or 204 when it is not for them."""
    call = access_call(user=request.user, pk=pk)
    if call.direction != Direction.IN or not call_audience_includes(call=call, user=request.user):
        return HttpResponse(status=204)
    mine = call.specialist_id == request.user.pk
    record_visible = (
        call.consultation_id is not None
        and consultations_visible_to(request.user).filter(pk=call.consultation_id).exists()
    )
    waiting = callback_waiting(call)
    # A pop-up newly shown is one that needs this person: a ringing call, or one they took.
    fresh = call.state == CallState.RINGING or (mine and call.state in LIVE_STATES)
    return render(
        request,
        "phone/_popup.html",
        {
            "call": call,
            "mine": mine,
            "fresh": fresh,
            "record_visible": record_visible,
            "can_take": _can_take(call, request.user) and not (mine and record_visible),
            "earlier": earlier_contacts(
                caller_key=call.caller_key, before=call.started_at, call=call
            ),
            "waiting": waiting,
            "can_close_waiting": waiting is not None
            and call.answered_at is not None
            and callback_can_work(callback=waiting, user=request.user),
            "csrf_token": get_token(request),
        },
    )


@staff_required
@require_POST
def call_callback_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the callback of the person on this call (from the pop-up)."""
    call = access_call(user=request.user, pk=pk)
    callback = callback_waiting(call)
    if callback is None:
        messages.error(request, _("No callback is waiting for this caller."))
        return redirect("phone:call_detail", pk=call.pk)
    try:
        callback_close_by_call(callback=callback, call=call, user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The callback is closed: the person called."))
    return redirect("phone:call_detail", pk=call.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def call_log_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = CallLogForm(request.POST)
        if form.is_valid():
            try:
                call = call_log(user=request.user, request=request, **form.cleaned_data)
            except ValidationError as error:
                errors_onto(form, error)
            else:
                messages.success(request, _("The call is logged. Now complete its record."))
                return redirect("consultations:edit", pk=call.consultation_id)
    else:
        form = CallLogForm(initial={"started_at": timezone.localtime().replace(microsecond=0)})
    return render(request, "phone/call_log.html", {"form": form})


# --- Callbacks ------------------------------------------------------------------------------

CALLBACK_VIEWS = {
    "open": {"status": CallbackStatus.OPEN},
    "mine": {"status": CallbackStatus.OPEN, "mine": True},
    "done": {"status": CallbackStatus.DONE},
}


@staff_required
@require_GET
def callback_list_view(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "open")
    show = show if show in CALLBACK_VIEWS else "open"
    callbacks = callback_list(user=request.user, **CALLBACK_VIEWS[show])
    return render(
        request,
        "phone/callback_list.html",
        {
            "page": Paginator(callbacks, PAGE_SIZE).get_page(request.GET.get("page")),
            "show": show,
            "now": timezone.now(),
        },
    )


def _callback_page(request: HttpRequest, callback, attempt_form: AttemptForm, status: int = 200):
    audit_record(actor=request.user, action="view", obj=callback, request=request)
    return render(
        request,
        "phone/callback_detail.html",
        {
            "callback": callback,
            "attempts": callback.attempts.select_related("by"),
            "missed_calls": callback.calls.filter(state=CallState.MISSED).order_by("started_at"),
            "attempt_form": attempt_form,
            "can_work": callback_can_work(callback=callback, user=request.user),
            "now": timezone.now(),
        },
        status=status,
    )


@staff_required
@require_GET
def callback_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    callback = access_callback(user=request.user, pk=pk)
    return _callback_page(request, callback, AttemptForm())


@staff_required
@require_POST
def callback_attempt_view(request: HttpRequest, pk: int) -> HttpResponse:
    callback = access_callback(user=request.user, pk=pk)
    form = AttemptForm(request.POST)
    if form.is_valid():
        try:
            attempt = callback_attempt_add(
                callback=callback, user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # Not about the form (done, or a colleague's): the page shows no form then.
                messages.error(request, " ".join(error.messages))
                return redirect("phone:callback_detail", pk=callback.pk)
            errors_onto(form, error)
        else:
            record = attempt.callback.consultation
            if record is not None:
                messages.success(request, _("The person was reached: complete the record."))
                return redirect("consultations:edit", pk=record.pk)
            messages.success(request, _("The attempt is recorded."))
            return redirect("phone:callback_list")
    return _callback_page(request, callback, form, status=400)


@staff_required
@require_POST
def callback_claim_view(request: HttpRequest, pk: int) -> HttpResponse:
    callback = access_callback(user=request.user, pk=pk)
    change = callback_release if request.POST.get("action") == "release" else callback_claim
    try:
        change(callback=callback, user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.POST.get("back") == "list":
        return redirect("phone:callback_list")
    return redirect("phone:callback_detail", pk=callback.pk)


@staff_required
@require_POST
def callback_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    callback = access_callback(user=request.user, pk=pk)
    try:
        callback_close(callback=callback, user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("phone:callback_detail", pk=callback.pk)
    messages.success(request, _("The callback is closed."))
    return redirect("phone:callback_list")
