from django.urls import path

from linija.inbox import case_views, views

app_name = "inbox"

urlpatterns = [
    path("staff/inbox/", views.index_view, name="index"),
    path("staff/inbox/rows/", views.rows_view, name="rows"),
    path("staff/inbox/waiting/", views.waiting_view, name="waiting"),
    path("staff/inbox/conversations/<int:pk>/", views.conversation_view, name="conversation"),
    path("staff/inbox/conversations/<int:pk>/claim/", views.claim_view, name="claim"),
    path("staff/inbox/conversations/<int:pk>/assign/", views.assign_view, name="assign"),
    path("staff/inbox/conversations/<int:pk>/status/", views.status_view, name="status"),
    path("staff/cases/", case_views.case_list_view, name="case_list"),
    path("staff/cases/find/", case_views.case_find_view, name="case_find"),
    path("staff/cases/new/", case_views.case_create_view, name="case_create"),
    path("staff/cases/<int:pk>/", case_views.case_detail_view, name="case_detail"),
    path("staff/cases/<int:pk>/note/", case_views.case_note_view, name="case_note"),
    path("staff/cases/<int:pk>/link/", case_views.case_link_view, name="case_link"),
    path("staff/cases/<int:pk>/manage/", case_views.case_manage_view, name="case_manage"),
]
