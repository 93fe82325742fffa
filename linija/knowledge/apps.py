from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linija.accounts.navigation import NavItem


class KnowledgeConfig(AppConfig):
    name = "linija.knowledge"
    verbose_name = _("Knowledge base")
    staff_nav = (NavItem(_("Knowledge base"), "knowledge:staff_index", order=60),)
    public_nav = (NavItem(_("FAQ"), "knowledge:faq", order=50),)
