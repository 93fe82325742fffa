from django.urls import path

from linija.inbox.consumers import StaffConsumer

websocket_urlpatterns = [path("ws/staff/", StaffConsumer.as_asgi())]
