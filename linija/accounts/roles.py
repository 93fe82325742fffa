"""The three staff roles and what each may do.

Roles are Django groups; their permissions are kept in step with this table after every
migration (``roles_sync``), so an administrator only assigns people to groups in the admin.
"""

from django.utils.translation import gettext_lazy as _

SPECIALIST = "specialist"
SUPERVISOR = "supervisor"
ADMINISTRATOR = "administrator"

ROLE_NAMES = {
    SPECIALIST: _("Specialist"),
    SUPERVISOR: _("Supervisor"),
    ADMINISTRATOR: _("Administrator"),
}

# "app_label.codename" permissions per role. An administrator has every permission of the
# project's apps except changing or deleting audit entries, which nobody has.
PERMISSIONS = {
    SPECIALIST: {
        "consultations.view_consultation",
        "consultations.add_consultation",
        "consultations.change_consultation",
        "consultations.view_conversation",
        "consultations.view_message",
    },
    SUPERVISOR: {
        "consultations.view_consultation",
        "consultations.add_consultation",
        "consultations.change_consultation",
        "consultations.view_conversation",
        "consultations.view_message",
        "consultations.view_all_consultations",
    },
}

ADMINISTRATOR_APPS = {
    "accounts",
    "hours",
    "site",
    "consultations",
    "privacy",
    "auth",
    "axes",
    "inbox",
    "chat",
    "mail",
    "phone",
    "knowledge",
    "reports",
}
NOBODY = {"accounts.change_auditentry", "accounts.delete_auditentry", "accounts.add_auditentry"}
