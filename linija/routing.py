"""WebSocket routes, gathered from the apps that have consumers."""

from linija.inbox.routing import websocket_urlpatterns as inbox_routes

websocket_urlpatterns = [*inbox_routes]
