from django.urls import path

from linija.phone import views

app_name = "phone"

urlpatterns = [
    path("perskambinkite/", views.callback_request_view, name="callback_request"),
    path("perskambinkite/gauta/", views.callback_requested_view, name="callback_requested"),
    path("staff/phone/calls/", views.call_list_view, name="call_list"),
    path("staff/phone/calls/log/", views.call_log_view, name="call_log"),
    path("staff/phone/calls/live/", views.call_live_view, name="call_live"),
    path("staff/phone/calls/<int:pk>/", views.call_detail_view, name="call_detail"),
    path("staff/phone/calls/<int:pk>/take/", views.call_take_view, name="call_take"),
    path("staff/phone/calls/<int:pk>/popup/", views.call_popup_view, name="call_popup"),
    path(
        "staff/phone/calls/<int:pk>/callback/close/",
        views.call_callback_close_view,
        name="call_callback_close",
    ),
    path("staff/phone/callbacks/", views.callback_list_view, name="callback_list"),
    path("staff/phone/callbacks/<int:pk>/", views.callback_detail_view, name="callback_detail"),
    path("staff/phone/callbacks/<int:pk>/claim/", views.callback_claim_view, name="callback_claim"),
    path(
        "staff/phone/callbacks/<int:pk>/attempt/",
        views.callback_attempt_view,
        name="callback_attempt",
    ),
    path("staff/phone/callbacks/<int:pk>/close/", views.callback_close_view, name="callback_close"),
]
