from django.urls import path

from linija.chat.consumers import StaffChatConsumer, VisitorConsumer

websocket_urlpatterns = [
    path("ws/chat/", VisitorConsumer.as_asgi()),
    path("ws/chat/staff/", StaffChatConsumer.as_asgi()),
]
