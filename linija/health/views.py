from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from linija.accounts.decorators import supervisor_required
from linija.health.checks import health_checks
from linija.health.selectors import serving


@never_cache
@require_http_methods(["GET", "HEAD"])
def healthz_view(request: HttpRequest) -> HttpResponse:
    """For the proxy: 200 while this server can answer (database and Redis), 503 otherwise;
    no details."""
    if serving():
        return HttpResponse("ok\n", content_type="text/plain")
    return HttpResponse("unavailable\n", content_type="text/plain", status=503)


@never_cache
@supervisor_required
@require_http_methods(["GET"])
def status_view(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    return render(
        request,
        "health/status.html",
        {
            "checks": health_checks(now=now),
            "updated": now,
            "stall_minutes": settings.LINIJA_STALL_MINUTES,
        },
    )
