"""WebSocket routes, gathered from the apps that have consumers."""

from linija.chat.routing import websocket_urlpatterns as chat_routes
from linija.inbox.routing import websocket_urlpatterns as inbox_routes

websocket_urlpatterns = [*inbox_routes, *chat_routes]
