"""Reads of the accounts app: which role a person has, what a new 2FA device needs."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import qrcode
from django.conf import settings
from django.utils.safestring import mark_safe
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from qrcode.image.svg import SvgPathImage

from linija.accounts import roles
from linija.privacy.sessions import idle_expired


def user_roles(user: Any) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_linija_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=roles.ROLE_NAMES).values_list("name", flat=True))
        if user.is_superuser:
            cached.add(roles.ADMINISTRATOR)
        user._linija_roles = cached
    return cached


def is_staff_member(user: Any) -> bool:
    return bool(user_roles(user))


def is_supervisor(user: Any) -> bool:
    return bool(user_roles(user) & {roles.SUPERVISOR, roles.ADMINISTRATOR})


def is_administrator(user: Any) -> bool:
    return roles.ADMINISTRATOR in user_roles(user)


def totp_setup(device: Any) -> dict[str, str]:
    """What a person needs to add ``device`` to an authenticator app.

    ``qr_svg`` is inline SVG markup (no inline styles, no data: URL) of the device's
    ``otpauth://`` address; ``secret`` is the same key in base32, in groups of four for typing.
    """
    image = qrcode.make(device.config_url, image_factory=SvgPathImage, border=2)
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return {
        "qr_svg": mark_safe(image.to_string(encoding="unicode")),  # noqa: S308 - generated here
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }


def session_verified(user: Any, session: Any) -> bool:
    """Whether ``session`` was verified by one of ``user``'s confirmed 2FA devices (for places
    the OTP middleware does not reach, such as WebSocket consumers)."""
    persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
    device = Device.from_persistent_id(persistent_id) if persistent_id else None
    return device is not None and device.user_id == user.pk and device.confirmed


def staff_socket_allowed(user: Any, session: Any) -> bool:
    """A staff member may open a live connection: a role, a session not idle past the staff
    timeout, and 2FA when it is required."""
    if not is_staff_member(user) or (session is not None and idle_expired(session)):
        return False
    return not settings.LINIJA_REQUIRE_2FA or session_verified(user, session)
