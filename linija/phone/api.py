"""The CTI webhook an exchange posts its call events to, and its OpenAPI description."""

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from linija.phone.cti import CtiError, request_fields
from linija.phone.models import Exchange
from linija.phone.openapi import cti_openapi
from linija.phone.selectors import exchange_for_token
from linija.phone.services import REJECT, call_event_apply, refused_event_record
from linija.privacy import limits

# An event is a few short fields; a larger body is refused unread.
MAX_BODY_BYTES = 64 * 1024


def _length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django's own reading of the body applies its limits


def _bearer(request: HttpRequest) -> str:
    """The token an exchange sends in ``Authorization: Bearer …`` (kept out of access logs)."""
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _error(error: CtiError, status: int) -> JsonResponse:
    return JsonResponse({"error": error.message, "code": error.code}, status=status)


def _refuse(
    request: HttpRequest,
    error: CtiError,
    status: int,
    *,
    exchange: Exchange | None,
    fields: Mapping[str, Any] | None = None,
) -> JsonResponse:
    refused_event_record(
        exchange=exchange,
        status=status,
        code=error.code,
        reason=error.message,
        fields=fields or {},
        client=limits.request_client(request),
    )
    return _error(error, status)


@csrf_exempt
@require_POST
def cti_view(request: HttpRequest, token: str = "") -> JsonResponse:
    """The webhook, with the token in the address or (``token`` empty) in the header. What it
    refuses, and the calls it tells the exchange to reject, are noted for the administrator."""
    token = token or _bearer(request)
    exchange = exchange_for_token(token) if token else None
    if exchange is None:
        # Guessing tokens is limited per address, an exchange's events per its token.
        wait = limits.rate_hit(scope="cti-unknown", who=limits.request_client(request))
        if wait:
            return limits.limited_json(wait)
        error = CtiError("invalid_token", _("No exchange has this token."))
        return _refuse(request, error, 401, exchange=None)
    wait = limits.rate_hit(scope="cti", who=token)
    if wait:
        return limits.limited_json(wait)
    if _length(request) > MAX_BODY_BYTES:
        error = CtiError(
            "too_large", _("The body is larger than %(size)d bytes.") % {"size": MAX_BODY_BYTES}
        )
        return _refuse(request, error, 413, exchange=exchange)
    fields: dict[str, Any] = {}
    try:
        fields = request_fields(request)
        result = call_event_apply(exchange=exchange, event=fields)
    except CtiError as error:
        return _refuse(request, error, 422, exchange=exchange, fields=fields)
    if result.response == REJECT:
        refused_event_record(
            exchange=exchange,
            status=200,
            code="rejected",
            reason=_("A blocked number: the exchange was told to reject the call."),
            fields=fields,
            client=limits.request_client(request),
        )
    return JsonResponse(result.response)


@require_GET
def openapi_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse(cti_openapi(), json_dumps_params={"ensure_ascii": False})
