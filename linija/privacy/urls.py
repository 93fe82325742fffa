from django.urls import path

from linija.privacy import views

app_name = "privacy"

urlpatterns = [
    path("staff/privacy/safeguarding/", views.safeguarding_list_view, name="safeguarding_list"),
    path(
        "staff/privacy/safeguarding/raise/<int:pk>/",
        views.safeguarding_raise_view,
        name="safeguarding_raise",
    ),
    path(
        "staff/privacy/safeguarding/<int:pk>/resolve/",
        views.safeguarding_resolve_view,
        name="safeguarding_resolve",
    ),
    path("staff/privacy/subject/", views.subject_view, name="subject"),
    path("staff/privacy/reveal/<int:pk>/", views.contact_reveal_view, name="contact_reveal"),
]
