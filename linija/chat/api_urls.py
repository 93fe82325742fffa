from django.urls import path

from linija.chat import views

app_name = "chat_api"

urlpatterns = [
    path("chat/widget.js", views.widget_js, name="widget"),
    path("chat/leave/", views.leave, name="leave"),
]
