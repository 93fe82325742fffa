"""The admin: no way around 2FA, a read-only audit log, and users with roles and 2FA status."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from linija.accounts.models import AuditEntry
from linija.accounts.roles import ROLE_NAMES
from linija.accounts.selectors import is_administrator
from linija.accounts.views import logout_view


def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """The admin has no login of its own: the staff login (with 2FA) is the only way in."""
    return redirect_to_login(
        request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index"), "accounts:login"
    )


def admin_has_permission(request: HttpRequest) -> bool:
    user = request.user
    return (
        user.is_active
        and is_administrator(user)
        and (not settings.LINIJA_REQUIRE_2FA or user.is_verified())
    )


admin.site.login = admin_login
admin.site.logout = logout_view
admin.site.has_permission = admin_has_permission


class ObjectTypeFilter(admin.AllValuesFieldListFilter):
    """Entries about no record (a search, a login) have an empty kind: the filter names it."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            yield {**choice, "display": choice["display"] or _("No record")}


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Administrators read the audit log; nobody, not even a superuser, adds, changes or
    deletes an entry."""

    list_display = ("at", "actor_name", "action", "object_type", "object_id", "object_repr")
    list_filter = ("action", ("object_type", ObjectTypeFilter), ("at", admin.DateFieldListFilter))
    search_fields = ("actor_name", "object_id")
    show_full_result_count = False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Group) -> str:
        return str(ROLE_NAMES.get(obj.name, obj.name))


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Users with their roles in plain sight: roles are ticked, not picked from a long list."""

    list_display = (
        "username",
        "first_name",
        "last_name",
        "role_list",
        "two_factor_status",
        "is_active",
        "last_login",
    )
    list_filter = ("groups", "is_active", "is_staff", "is_superuser")
    filter_horizontal = ("user_permissions",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Roles and access"),
            {
                "fields": ("groups", "is_active", "is_staff"),
                "description": _(
                    "Tick the person's roles. An administrator also needs “Staff status” "
                    "to open this administration site."
                ),
            },
        ),
        (
            _("Special permissions"),
            {"classes": ("collapse",), "fields": ("is_superuser", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Person and roles"), {"fields": ("first_name", "last_name", "groups", "is_staff")}),
    )

    def get_queryset(self, request: HttpRequest):
        devices = TOTPDevice.objects.filter(user=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .prefetch_related("groups")
            .annotate(
                totp_confirmed=Exists(devices.filter(confirmed=True)),
                totp_pending=Exists(devices.filter(confirmed=False)),
            )
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(name__in=ROLE_NAMES).order_by("name")
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["form_class"] = RoleChoiceField
            kwargs["label"] = _("Roles")
            kwargs["help_text"] = ""
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("Roles"))
    def role_list(self, obj) -> str:
        return ", ".join(str(ROLE_NAMES.get(group.name, group.name)) for group in obj.groups.all())

    @admin.display(description=_("Two-factor authentication"))
    def two_factor_status(self, obj) -> str:
        if obj.totp_confirmed:
            return str(_("set up"))
        if obj.totp_pending:
            return str(_("started, not confirmed"))
        return str(_("not set up"))
