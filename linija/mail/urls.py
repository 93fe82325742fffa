from django.urls import path

from linija.mail import quarantine_views, views

app_name = "mail"

urlpatterns = [
    path("rasykite/", views.contact_view, name="contact"),
    path("rasykite/issiusta/", views.contact_sent_view, name="contact_sent"),
    path("staff/mail/", views.list_view, name="list"),
    path("staff/mail/filtered/", views.filtered_view, name="filtered"),
    path("staff/mail/<int:pk>/", views.conversation_view, name="conversation"),
    path("staff/mail/<int:pk>/status/", views.status_view, name="status"),
    path("staff/mail/<int:pk>/take/", views.claim_view, name="claim"),
    path("staff/mail/<int:pk>/link/", views.thread_link_view, name="thread_link"),
    path("staff/mail/letters/<int:pk>/html/", views.letter_html_view, name="letter_html"),
    path("staff/mail/letters/<int:pk>/original/", views.letter_raw_view, name="letter_raw"),
    path("staff/mail/attachments/<int:pk>/", views.attachment_view, name="attachment"),
    path(
        "staff/mail/attachments/<int:pk>/image/",
        views.attachment_image_view,
        name="attachment_image",
    ),
    path("staff/mail/outbox/<int:pk>/retry/", views.outbox_retry_view, name="outbox_retry"),
    path("staff/mail/quarantine/", quarantine_views.quarantine_view, name="quarantine"),
    path("staff/mail/quarantine/<int:pk>/", quarantine_views.quarantined_view, name="quarantined"),
    path(
        "staff/mail/quarantine/<int:pk>/retry/",
        quarantine_views.quarantined_retry_view,
        name="quarantined_retry",
    ),
    path(
        "staff/mail/quarantine/<int:pk>/open/",
        quarantine_views.quarantined_open_view,
        name="quarantined_open",
    ),
    path(
        "staff/mail/quarantine/<int:pk>/original/",
        quarantine_views.quarantined_raw_view,
        name="quarantined_raw",
    ),
]
