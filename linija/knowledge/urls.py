from django.urls import path

from linija.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("duk/", views.faq, name="faq"),
    path("duk/<slug:slug>/", views.faq_article, name="faq_article"),
    path("staff/knowledge/", views.staff_index, name="staff_index"),
    path("staff/knowledge/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/knowledge/<int:pk>/checked/", views.staff_mark_checked, name="staff_mark_checked"),
]
