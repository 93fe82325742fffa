from django.urls import path

from linija.hours import views

app_name = "hours"

urlpatterns = [
    path("status.json", views.status_json, name="status"),
]
