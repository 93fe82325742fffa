from django.urls import path

from linija.site import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("privatumas/", views.privacy, name="privacy"),
    path("kontaktai/", views.contacts, name="contacts"),
    path("<slug:slug>/", views.page, name="page"),
]
