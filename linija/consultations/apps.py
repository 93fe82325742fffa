from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linija.accounts.navigation import NavItem


class ConsultationsConfig(AppConfig):
    name = "linija.consultations"
    verbose_name = _("Consultations")
    staff_nav = (
        NavItem(_("Consultations"), "consultations:list", order=50),
        NavItem(_("New record"), "consultations:create", order=51),
    )
