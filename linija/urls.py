from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from linija.health.views import healthz_view

admin.site.site_header = "Linija"
admin.site.site_title = "Linija"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz_view, name="healthz"),
    path("hours/", include("linija.hours.urls")),
    path("", include("linija.phone.api_urls")),
    path("", include("linija.chat.api_urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("staff/", include("linija.accounts.urls")),
    path("staff/consultations/", include("linija.consultations.urls")),
    path("", include("linija.inbox.urls")),
    path("", include("linija.chat.urls")),
    path("", include("linija.mail.urls")),
    path("", include("linija.phone.urls")),
    path("", include("linija.knowledge.urls")),
    path("", include("linija.reports.urls")),
    path("", include("linija.health.urls")),
    path("", include("linija.privacy.urls")),
    path("", include("linija.site.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "linija.errors.bad_request_view"
handler403 = "linija.errors.permission_denied_view"
handler404 = "linija.errors.not_found_view"
handler500 = "linija.errors.server_error_view"
