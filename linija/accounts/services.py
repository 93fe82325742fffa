"""Writes of the accounts app: logging in and out, two-factor devices, the audit log, the
roles' permissions and the nightly clean-up."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module
from typing import Any

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from linija.accounts import roles
from linija.accounts.models import AuditEntry
from linija.accounts.selectors import is_staff_member


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    request: HttpRequest | None = None,
    detail: dict | None = None,
) -> AuditEntry:
    """Append one entry to the audit log: who, what kind of record and its id, never what the
    record says (``object_repr`` is the kind and id, not ``str(obj)``, which may be a file's
    name or a person's; ``detail`` holds ids, counts and categories)."""
    return AuditEntry.objects.create(**_audit_fields(actor, action, obj, request, detail))


def audit_records(*, action: str, objs: Sequence[models.Model]) -> list[AuditEntry]:
    """``audit_record`` by the system (no actor, no request, no detail) for each of ``objs``, in
    one insert."""
    return AuditEntry.objects.bulk_create(
        [AuditEntry(**_audit_fields(None, action, obj, None, None)) for obj in objs]
    )


def _audit_fields(
    actor: Any,
    action: str,
    obj: models.Model | None,
    request: HttpRequest | None,
    detail: dict | None,
) -> dict[str, Any]:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return dict(
        actor=user,
        actor_name=user.get_username() if user else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=f"{obj._meta.model_name} #{obj.pk}"[:200] if obj is not None else "",
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request else ""),
        detail=detail or {},
    )


@transaction.atomic
def roles_sync() -> None:
    """Create the role groups and give each exactly the permissions of ``roles``."""
    every = Permission.objects.select_related("content_type")
    by_name = {f"{p.content_type.app_label}.{p.codename}": p for p in every}
    wanted = {
        roles.SPECIALIST: roles.PERMISSIONS[roles.SPECIALIST],
        roles.SUPERVISOR: roles.PERMISSIONS[roles.SUPERVISOR],
        roles.ADMINISTRATOR: {
            name
            for name in by_name
            if name.split(".")[0] in roles.ADMINISTRATOR_APPS and name not in roles.NOBODY
        },
    }
    for role, names in wanted.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([by_name[name] for name in names if name in by_name])


# --- Logging in and out ---------------------------------------------------------------------


class LoginOutcome(enum.Enum):
    SIGNED_IN = "signed_in"
    ENROL = "enrol"  # password checked, the two-factor device is still to be set up
    FAILED = "failed"
    LOCKED_OUT = "locked_out"  # django-axes answers with its lockout page (HTTP 429)


def _login_refused(
    *, request: HttpRequest, username: str, user: Any, reason: str, signal: bool
) -> LoginOutcome:
    """Count a refused login with django-axes (unless ``authenticate`` already did) and log it."""
    if signal:
        user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
    locked_out = bool(getattr(request, "axes_locked_out", False))
    audit_record(
        actor=user,
        action=AuditEntry.Action.LOGIN_FAILED,
        request=request,
        detail={"username": username[:150], "reason": reason, "locked_out": locked_out},
    )
    return LoginOutcome.LOCKED_OUT if locked_out else LoginOutcome.FAILED


@transaction.atomic
def staff_login(*, request: HttpRequest, username: str, password: str, token: str) -> LoginOutcome:
    """Check a staff member's password and, when they have a device, their one-time code.

    Every refusal counts as a failed login for django-axes, whichever part was wrong.
    With 2FA required and no device yet, the person is logged in unverified and must enrol.
    """
    user = authenticate(request=request, username=username, password=password)
    if user is None:
        return _login_refused(
            request=request, username=username, user=None, reason="password", signal=False
        )
    if not is_staff_member(user):
        return _login_refused(
            request=request, username=username, user=user, reason="not_staff", signal=True
        )
    device = None
    if django_otp.user_has_device(user):
        device = django_otp.match_token(user, token) if token else None
        if device is None:
            return _login_refused(
                request=request, username=username, user=user, reason="code", signal=True
            )
    auth_login(request, user)
    if device is not None:
        django_otp.login(request, device)
    audit_record(
        actor=user,
        action=AuditEntry.Action.LOGIN,
        request=request,
        detail={"two_factor": device is not None},
    )
    if device is None and settings.LINIJA_REQUIRE_2FA:
        return LoginOutcome.ENROL
    return LoginOutcome.SIGNED_IN


@transaction.atomic
def two_factor_verify(*, request: HttpRequest, token: str) -> LoginOutcome:
    """Verify a logged-in but unverified staff member with a code from one of their devices.

    A wrong code counts as a failed login; at the lockout the session ends.
    """
    user = request.user
    username = user.get_username()
    if AxesProxyHandler.is_locked(request, {"username": username}):
        request.axes_locked_out = True
        outcome = LoginOutcome.LOCKED_OUT
    else:
        device = django_otp.match_token(user, token)
        if device is not None:
            django_otp.login(request, device)
            audit_record(
                actor=user,
                action=AuditEntry.Action.LOGIN,
                request=request,
                detail={"two_factor": True},
            )
            return LoginOutcome.SIGNED_IN
        outcome = _login_refused(
            request=request, username=username, user=user, reason="code", signal=True
        )
    if outcome is LoginOutcome.LOCKED_OUT:
        auth_logout(request)
    return outcome


@transaction.atomic
def staff_logout(*, request: HttpRequest) -> None:
    if request.user.is_authenticated:
        audit_record(actor=request.user, action=AuditEntry.Action.LOGOUT, request=request)
    auth_logout(request)


# --- Two-factor devices ---------------------------------------------------------------------


@transaction.atomic
def totp_device_prepare(*, user: Any) -> TOTPDevice:
    """The person's unconfirmed authenticator device, created on the first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Linija", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Confirm a new device with its first code and verify the session with it."""
    if device.confirmed or not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    django_otp.login(request, device)
    audit_record(
        actor=device.user, action=AuditEntry.Action.TWO_FACTOR, obj=device, request=request
    )
    return True


# --- Housekeeping ---------------------------------------------------------------------------


@transaction.atomic
def sessions_expired_clear() -> dict[str, int]:
    """Delete expired sessions and the failed-login counts older than the lockout cool-off."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    now = timezone.now()
    sessions = 0
    if hasattr(store, "get_model_class"):
        sessions = store.get_model_class().objects.filter(expire_date__lt=now).count()
    store.clear_expired()
    cool_off: timedelta | None = get_cool_off()
    attempts = 0
    if cool_off is not None:
        attempts, _ = AccessAttempt.objects.filter(attempt_time__lt=now - cool_off).delete()
    return {"sessions": sessions, "access_attempts": attempts}


# --- Demo accounts --------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str

    @property
    def email(self) -> str:
        """Where the demo's mail to this person goes (the knowledge base's review reminders)."""
        return f"{self.username}@linija-demo.example"


DEMO_ACCOUNTS = (
    DemoAccount("specialistas", "Aistė", "Kazlauskienė", roles.SPECIALIST),
    DemoAccount("specialistas2", "Tomas", "Petrauskas", roles.SPECIALIST),
    DemoAccount("vadovas", "Rasa", "Jankauskienė", roles.SUPERVISOR),
    DemoAccount("administratorius", "Mindaugas", "Stankevičius", roles.ADMINISTRATOR),
)
DEMO_PASSWORD = "linija-demo"  # noqa: S105 - the published password of the demo accounts


@transaction.atomic
def demo_staff_ensure() -> tuple[DemoAccount, ...]:
    """Create or reset the demo staff accounts. Never on a production server."""
    if settings.PRODUCTION:
        raise PermissionDenied("Demo accounts are never created in production.")
    user_model = get_user_model()
    for account in DEMO_ACCOUNTS:
        user, _ = user_model.objects.get_or_create(username=account.username)
        user.first_name = account.first_name
        user.last_name = account.last_name
        user.email = account.email
        user.is_active = True
        user.is_staff = account.role == roles.ADMINISTRATOR
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=account.role)])
    return DEMO_ACCOUNTS
