import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("host", "told"),
    [
        ("https://portal.example", "https://portal.example"),
        ("http://testserver", "http://testserver"),
        ("https://evil.example", None),
        ('https://portal.example" onload="x', None),
        ("", None),
    ],
)
def test_it_tells_the_framed_chat_its_host_only_when_that_site_may_frame_it(
    client, settings, host, told
):
    settings.LINIJA_CHAT_ALLOWED_ORIGINS = ["https://portal.example"]
    response = client.get("/pokalbis/", {"embed": "1", "host": host})
    body = response.content.decode()
    if told:
        assert f'data-host-origin="{told}"' in body
    else:
        assert "data-host-origin" not in body
