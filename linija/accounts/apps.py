from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from linija.accounts.navigation import NavItem
from linija.accounts.roles import ADMINISTRATOR


class AccountsConfig(AppConfig):
    name = "linija.accounts"
    verbose_name = _("Staff accounts and audit")
    staff_nav = (
        NavItem(_("Administration"), "admin:index", order=900, roles=frozenset({ADMINISTRATOR})),
    )

    def ready(self) -> None:
        from linija.accounts.services import roles_sync

        post_migrate.connect(lambda **kwargs: roles_sync(), dispatch_uid="linija-roles-sync")
