from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "linija.accounts"
    verbose_name = _("Staff accounts and audit")

    def ready(self) -> None:
        from linija.accounts.services import roles_sync

        post_migrate.connect(lambda **kwargs: roles_sync(), dispatch_uid="linija-roles-sync")
