"""The ASGI entry point served by uvicorn: pages over HTTP, the staff socket over WebSocket."""

import json
import urllib.request

import pytest
import websockets
import websockets.sync.client as ws_client


def test_it_serves_pages_and_the_staff_socket(asgi_server, client, specialist):
    server = asgi_server()
    with urllib.request.urlopen(f"{server.url}/") as answer:
        assert answer.status == 200
        assert "Linija" in answer.read().decode()

    client.force_login(specialist)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    with ws_client.connect(
        f"{server.ws_url}/ws/staff/",
        additional_headers={"Cookie": cookie, "Origin": server.url},
    ) as socket:
        socket.send(json.dumps({"type": "ping"}))
        assert json.loads(socket.recv(timeout=5)) == {"type": "pong"}


def test_it_refuses_the_staff_socket_to_a_visitor(asgi_server):
    server = asgi_server()
    with pytest.raises(websockets.exceptions.InvalidStatus) as refused:
        ws_client.connect(f"{server.ws_url}/ws/staff/", additional_headers={"Origin": server.url})
    assert refused.value.response.status_code == 403
