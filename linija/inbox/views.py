"""The unified inbox: the page, its rows for the live refresh, the conversation page and the
actions on a conversation (claim, assign, status)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from linija.accounts.decorators import staff_required
from linija.accounts.selectors import is_supervisor
from linija.accounts.services import audit_record
from linija.consultations.models import Conversation
from linija.consultations.selectors import (
    access_conversation,
    case_of_consultation,
    display_name,
    may_see_case,
)
from linija.consultations.services import (
    conversation_assign,
    conversation_claim,
    conversation_status_set,
)
from linija.inbox.actions import action_done, action_refused
from linija.inbox.forms import AssignForm, ConversationStatusForm, InboxFilterForm
from linija.inbox.items import inbox_items_for, inbox_refresh_events, waiting_keys
from linija.inbox.selectors import inbox_filter, inbox_statuses, staff_assignable


def _rows_context(request: HttpRequest) -> dict:
    items = inbox_items_for(request.user)
    form = InboxFilterForm(request.GET, statuses=inbox_statuses(items))
    query = request.GET.urlencode()
    index = reverse("inbox:index")
    return {
        "filter_form": form,
        "items": inbox_filter(items, user=request.user, **form.filters()),
        "assignable": list(staff_assignable()) if is_supervisor(request.user) else [],
        "back": f"{index}?{query}" if query else index,
    }


@staff_required
@require_GET
def index_view(request: HttpRequest) -> HttpResponse:
    context = _rows_context(request)
    context["refresh_events"] = " ".join(inbox_refresh_events())
    return render(request, "inbox/index.html", context)


@staff_required
@require_GET
def rows_view(request: HttpRequest) -> HttpResponse:
    """The table body of the inbox with the filters of the query string (for the live page)."""
    return render(request, "inbox/_rows.html", _rows_context(request))


@staff_required
@require_GET
@never_cache
def waiting_view(request: HttpRequest) -> JsonResponse:
    """What waits in the person's inbox, and the events after which to ask again (every staff
    page's title count and new-item alerts, static/linija/js/staff-alerts.js)."""
    return JsonResponse(
        {
            "keys": waiting_keys(inbox_items_for(request.user)),
            "events": inbox_refresh_events(),
        }
    )


@staff_required
@require_GET
def conversation_view(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = access_conversation(user=request.user, pk=pk)
    audit_record(actor=request.user, action="view", obj=conversation, request=request)
    supervisor = is_supervisor(request.user)
    record = conversation.consultation
    case = case_of_consultation(record) if record else None
    return render(
        request,
        "inbox/conversation.html",
        {
            "conversation": conversation,
            "conversation_messages": conversation.messages.select_related("author"),
            "record": record,
            "case": case,
            "case_visible": case is not None and may_see_case(user=request.user, case=case),
            "may_change": supervisor or conversation.assignee_id == request.user.pk,
            "status_form": ConversationStatusForm(initial={"status": conversation.status}),
            "assign_form": AssignForm(initial={"assignee": conversation.assignee_id})
            if supervisor
            else None,
            "back": request.get_full_path(),
        },
    )


def conversation_action(view: Callable[[HttpRequest, Conversation], str]):
    """A POST on one conversation: it must be in the person's inbox (else the same answer for
    "missing" and "someone else's"); the view returns what was done or raises
    ``ValidationError`` saying why nothing was (code "invalid": the input was wrong, 400;
    otherwise the state forbids it, 409)."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        try:
            conversation = access_conversation(user=request.user, pk=pk)
        except Http404:
            return action_refused(request, _("This conversation is not in your inbox."), status=404)
        try:
            message = view(request, conversation)
        except ValidationError as refused:
            status = 400 if getattr(refused, "code", None) == "invalid" else 409
            return action_refused(request, refused, status=status)
        return action_done(request, message)

    return staff_required(require_POST(wrapper))


@conversation_action
def claim_view(request: HttpRequest, conversation: Conversation) -> str:
    conversation_claim(conversation=conversation, user=request.user, request=request)
    return _("You now hold this conversation.")


@conversation_action
def assign_view(request: HttpRequest, conversation: Conversation) -> str:
    form = AssignForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose a member of the staff."), code="invalid")
    assignee = form.cleaned_data["assignee"]
    conversation_assign(
        conversation=conversation, user=request.user, assignee=assignee, request=request
    )
    if assignee is None:
        return _("The conversation is nobody's now.")
    return _("%(name)s now holds the conversation.") % {"name": display_name(assignee)}


@conversation_action
def status_view(request: HttpRequest, conversation: Conversation) -> str:
    form = ConversationStatusForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose open, waiting for the person or closed."), code="invalid")
    conversation = conversation_status_set(
        conversation=conversation,
        user=request.user,
        status=form.cleaned_data["status"],
        request=request,
    )
    return _("The conversation is now: %(status)s.") % {"status": conversation.get_status_display()}
