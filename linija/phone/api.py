"""The CTI webhook an exchange posts its call events to, and its OpenAPI description."""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from linija.phone.cti import CtiError, request_fields
from linija.phone.openapi import cti_openapi
from linija.phone.selectors import exchange_for_token
from linija.phone.services import call_event_apply


def _error(error: CtiError, status: int) -> JsonResponse:
    return JsonResponse({"error": error.message, "code": error.code}, status=status)


@csrf_exempt
@require_POST
def cti_view(request: HttpRequest, token: str) -> JsonResponse:
    exchange = exchange_for_token(token)
    if exchange is None:
        return _error(CtiError("invalid_token", _("No exchange has this token.")), 401)
    try:
        result = call_event_apply(exchange=exchange, event=request_fields(request))
    except CtiError as error:
        return _error(error, 422)
    return JsonResponse(result.response)


@require_GET
def openapi_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse(cti_openapi(), json_dumps_params={"ensure_ascii": False})
