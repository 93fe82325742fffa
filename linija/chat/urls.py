from django.urls import path

from linija.chat import views

app_name = "chat"

urlpatterns = [
    path("pokalbis/", views.chat_page, name="page"),
    path("staff/chat/", views.console, name="console"),
    path("staff/chat/state.json", views.console_state, name="console_state"),
    path("staff/chat/<int:pk>/", views.session_detail, name="session"),
    path("staff/chat/board/", views.board, name="board"),
    path("staff/chat/board.json", views.board_state, name="board_state"),
    path("staff/chat/board/limit/", views.limit_set, name="limit"),
]
