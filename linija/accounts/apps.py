from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from linija.accounts.navigation import NavItem
from linija.accounts.roles import ADMINISTRATOR


class AccountsConfig(AppConfig):
    default = True  # the config of "linija.accounts": this module also holds axes' (below)
    name = "linija.accounts"
    verbose_name = _("Staff accounts and audit")
    staff_nav = (
        NavItem(_("Administration"), "admin:index", order=900, roles=frozenset({ADMINISTRATOR})),
    )

    def ready(self) -> None:
        from linija.accounts.services import roles_sync

        # weak=False: nothing else holds the lambda, and a weakly held receiver may be
        # collected before migrate sends the signal (then no role groups are made).
        post_migrate.connect(
            lambda **kwargs: roles_sync(), dispatch_uid="linija-roles-sync", weak=False
        )


class AxesConfig(AxesAppConfig):
    """django-axes, named in the staff's language in the admin (it ships no Lithuanian; its
    models' and fields' names are in ``linija/packages_locale``)."""

    verbose_name = _("Login attempts")
