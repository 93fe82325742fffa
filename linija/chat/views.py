"""The chat's pages: the visitor's chat (also framed by the widget on other sites), the
widget's loader, the specialist's console and the supervisor's live board."""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from linija.accounts.decorators import staff_required, supervisor_required
from linija.accounts.selectors import is_supervisor
from linija.accounts.services import audit_record
from linija.chat import selectors, services
from linija.chat.forms import (
    RATING_CHOICES,
    CallbackForm,
    LimitForm,
    OfflineMessageForm,
    StartForm,
)
from linija.chat.models import EndedBy
from linija.knowledge.selectors import canned_answers
from linija.privacy.middleware import CSP


def frame_policy() -> str:
    """The site's Content-Security-Policy with the sites allowed to frame the chat."""
    ancestors = " ".join(["'self'", *settings.LINIJA_CHAT_ALLOWED_ORIGINS])
    return re.sub(r"frame-ancestors [^;]*", f"frame-ancestors {ancestors}", CSP)


@require_GET
def chat_page(request: HttpRequest) -> HttpResponse:
    """The visitor's chat; with ``?embed=1`` the bare version the widget frames."""
    embed = request.GET.get("embed") == "1"
    context = {
        "embed": embed,
        "availability": selectors.availability(),
        "start_form": StartForm(prefix="start"),
        "message_form": OfflineMessageForm(prefix="message"),
        "callback_form": CallbackForm(prefix="callback"),
        "rating_choices": RATING_CHOICES,
        "max_length": settings.LINIJA_CHAT_MAX_MESSAGE_LENGTH,
    }
    if not embed:
        return render(request, "chat/page.html", context)
    host = request.GET.get("host", "")
    own_origin = f"{request.scheme}://{request.get_host()}"
    context["host_origin"] = (
        host if host in [own_origin, *settings.LINIJA_CHAT_ALLOWED_ORIGINS] else ""
    )
    response = render(request, "chat/embed.html", context)
    response.xframe_options_exempt = True
    response["Content-Security-Policy"] = frame_policy()
    return response


@require_GET
def widget_js(request: HttpRequest) -> HttpResponse:
    """The loader other sites include: a chat button that opens the chat in a frame."""
    labels = {}
    for code in ("lt", "en"):
        with translation.override(code):
            labels[code] = {
                "open": _("Chat with a specialist"),
                "close": _("Hide the chat"),
                "title": _("Linija chat"),
                "unread": _("new messages"),
            }
    response = render(
        request,
        "chat/widget.js",
        {"labels": json.dumps(labels, ensure_ascii=False)},
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response


# The token in the body is the visitor's only key (no cookie speaks for them): no CSRF token.
@csrf_exempt
@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    """The visitor left (the quick exit's button, Esc twice, the widget's host page): the
    page's beacon ends their chat as "End the chat" does, and their token opens it no more."""
    token = request.POST.get("token", "")
    if not token:
        return JsonResponse({"error": "missing_token"}, status=400)
    session = selectors.session_for_token(token)
    if session is None:
        return JsonResponse({"error": "not_found"}, status=404)
    quick = request.POST.get("quick_exit") == "1"
    services.chat_end(
        session_id=session.pk, ended_by=EndedBy.QUICK_EXIT if quick else EndedBy.VISITOR
    )
    return HttpResponse(status=204)


# --- The specialist's console ---------------------------------------------------------------


@staff_required
@require_GET
def console(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "chat/console.html",
        {
            # Every language's: each chat's pane keeps those in its visitor's language.
            "canned": {
                code: answers
                for code, _name in settings.LANGUAGES
                if (answers := canned_answers(request.user, language=code))
            },
            "is_supervisor": is_supervisor(request.user),
            "max_length": settings.LINIJA_CHAT_MAX_MESSAGE_LENGTH,
        },
    )


@staff_required
@require_GET
@never_cache
def console_state(request: HttpRequest) -> JsonResponse:
    return JsonResponse(selectors.console_state(request.user))


@staff_required
@require_GET
@never_cache
def session_detail(request: HttpRequest, pk: int) -> JsonResponse:
    """One chat with its messages and notes, for the console."""
    session = selectors.access_session(user=request.user, pk=pk)
    audit_record(actor=request.user, action="view", obj=session.conversation, request=request)
    return JsonResponse(
        {
            "row": selectors.session_row(session),
            "messages": selectors.history(session, for_staff=True),
        }
    )


# --- The supervisor's board -----------------------------------------------------------------


@supervisor_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    return render(request, "chat/board.html", {"limit_form": LimitForm()})


@supervisor_required
@require_GET
@never_cache
def board_state(request: HttpRequest) -> JsonResponse:
    return JsonResponse(selectors.board_state())


@supervisor_required
@require_POST
def limit_set(request: HttpRequest) -> HttpResponse:
    form = LimitForm(request.POST)
    if form.is_valid():
        services.presence_limit_set(
            user=request.user,
            specialist=form.cleaned_data["specialist"],
            max_chats=form.cleaned_data["max_chats"],
        )
        messages.success(request, _("The limit is saved."))
        return redirect("chat:board")
    return render(request, "chat/board.html", {"limit_form": form}, status=400)
