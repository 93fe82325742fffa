"""The supervisors' pages of the quarantine (``linija.mail.quarantine``): the letters that could
not be stored, each with its reason; retry, open as a conversation, download the original."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linija.accounts.decorators import staff_required
from linija.accounts.services import audit_record
from linija.mail.quarantine import quarantined_open, quarantined_retry
from linija.mail.selectors import access_quarantined, quarantine_list
from linija.mail.views import FILE_POLICY, PAGE_SIZE, _private


@staff_required
@require_http_methods(["GET"])
def quarantine_view(request: HttpRequest) -> HttpResponse:
    letters = quarantine_list(user=request.user)
    return render(
        request,
        "mail/quarantine.html",
        {"page": Paginator(letters, PAGE_SIZE).get_page(request.GET.get("page"))},
    )


@staff_required
@require_http_methods(["GET"])
def quarantined_view(request: HttpRequest, pk: int) -> HttpResponse:
    quarantined = access_quarantined(user=request.user, pk=pk)
    return render(request, "mail/quarantined.html", {"quarantined": quarantined})


@staff_required
@require_POST
def quarantined_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    quarantined = access_quarantined(user=request.user, pk=pk)
    letter = quarantined_retry(quarantined=quarantined, user=request.user, request=request)
    if letter is None:
        messages.error(request, _("The letter could not be stored this time either."))
        return redirect("mail:quarantined", pk=pk)
    messages.success(request, _("The letter was stored and left the quarantine."))
    if letter.conversation_message is not None:
        return redirect("mail:conversation", pk=letter.conversation_message.conversation_id)
    return redirect("mail:quarantine")


@staff_required
@require_POST
def quarantined_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    quarantined = access_quarantined(user=request.user, pk=pk)
    conversation = quarantined_open(quarantined=quarantined, user=request.user, request=request)
    messages.success(request, _("A conversation was opened from the letter."))
    return redirect("mail:conversation", pk=conversation.pk)


@staff_required
@require_http_methods(["GET"])
def quarantined_raw_view(request: HttpRequest, pk: int) -> HttpResponse:
    quarantined = access_quarantined(user=request.user, pk=pk)
    audit_record(actor=request.user, action="export", obj=quarantined, request=request)
    response = FileResponse(
        quarantined.raw.open("rb"),
        as_attachment=True,
        filename=f"quarantined-{quarantined.pk}.eml",
        content_type="message/rfc822",
    )
    return _private(response, FILE_POLICY)
