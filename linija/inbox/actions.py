"""The answer to an action posted from the inbox (claim, assign, a status change).

The inbox page's script asks for JSON (``Accept: application/json``) and shows the message
itself; a plain form post gets a redirect to ``next`` (a path of this site) with the message.
Channels answer their own ``claim_url`` and ``assign_url`` the same way.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def next_url(request: HttpRequest) -> str:
    """Where to go back to: ``next`` if it is a path of this site, else the inbox."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("inbox:index")


def action_done(request: HttpRequest, message: str) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"message": message})
    messages.success(request, message)
    return redirect(next_url(request))


def action_refused(
    request: HttpRequest, error: ValidationError | str, *, status: int = 409
) -> HttpResponse:
    """Say why the action was not done; nothing was changed."""
    text = " ".join(error.messages) if isinstance(error, ValidationError) else error
    if wants_json(request):
        return JsonResponse({"error": text}, status=status)
    messages.error(request, text)
    return redirect(next_url(request))
