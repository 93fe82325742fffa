from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "linija.site"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from linija.site.pagecache import public_content_connect

        public_content_connect()
