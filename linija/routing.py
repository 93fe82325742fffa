"""WebSocket routes. Each channel app adds its consumers here; consumers join per-conversation
groups only."""

websocket_urlpatterns: list = []
