"""The CTI webhook an exchange posts its call events to, and its OpenAPI description."""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from linija.phone.cti import CtiError, request_fields
from linija.phone.openapi import cti_openapi
from linija.phone.selectors import exchange_for_token
from linija.phone.services import call_event_apply
from linija.privacy import limits

# An event is a few short fields; a larger body is refused unread.
MAX_BODY_BYTES = 64 * 1024


def _length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django's own reading of the body applies its limits


def _error(error: CtiError, status: int) -> JsonResponse:
    return JsonResponse({"error": error.message, "code": error.code}, status=status)


@csrf_exempt
@require_POST
def cti_view(request: HttpRequest, token: str) -> JsonResponse:
    exchange = exchange_for_token(token)
    if exchange is None:
        # Guessing tokens is limited per address, an exchange's events per its token.
        wait = limits.rate_hit(scope="cti-unknown", who=limits.request_client(request))
        if wait:
            return limits.limited_json(wait)
        return _error(CtiError("invalid_token", _("No exchange has this token.")), 401)
    wait = limits.rate_hit(scope="cti", who=token)
    if wait:
        return limits.limited_json(wait)
    if _length(request) > MAX_BODY_BYTES:
        return _error(
            CtiError(
                "too_large",
                _("The body is larger than %(size)d bytes.") % {"size": MAX_BODY_BYTES},
            ),
            413,
        )
    try:
        result = call_event_apply(exchange=exchange, event=request_fields(request))
    except CtiError as error:
        return _error(error, 422)
    return JsonResponse(result.response)


@require_GET
def openapi_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse(cti_openapi(), json_dumps_params={"ensure_ascii": False})
