from django.urls import path

from linija.health import views

app_name = "health"
urlpatterns = [path("staff/health/", views.status_view, name="status")]
