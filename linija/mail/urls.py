from django.urls import path

from linija.mail import views

app_name = "mail"

urlpatterns = [
    path("rasykite/", views.contact_view, name="contact"),
    path("rasykite/issiusta/", views.contact_sent_view, name="contact_sent"),
    path("staff/mail/", views.list_view, name="list"),
    path("staff/mail/filtered/", views.filtered_view, name="filtered"),
    path("staff/mail/<int:pk>/", views.conversation_view, name="conversation"),
    path("staff/mail/<int:pk>/status/", views.status_view, name="status"),
    path("staff/mail/<int:pk>/take/", views.claim_view, name="claim"),
    path("staff/mail/letters/<int:pk>/html/", views.letter_html_view, name="letter_html"),
    path("staff/mail/letters/<int:pk>/original/", views.letter_raw_view, name="letter_raw"),
    path("staff/mail/attachments/<int:pk>/", views.attachment_view, name="attachment"),
    path(
        "staff/mail/attachments/<int:pk>/image/",
        views.attachment_image_view,
        name="attachment_image",
    ),
    path("staff/mail/outbox/<int:pk>/retry/", views.outbox_retry_view, name="outbox_retry"),
]
