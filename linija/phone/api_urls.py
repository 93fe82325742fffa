from django.urls import path

from linija.phone import api

app_name = "phone_api"

urlpatterns = [
    path("api/v1/cti/openapi.json", api.openapi_view, name="openapi"),
    path("api/v1/cti", api.cti_view, name="cti_header"),
    path("api/v1/cti/<str:token>", api.cti_view, name="cti"),
]
