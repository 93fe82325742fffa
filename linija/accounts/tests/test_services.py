import json
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import RequestFactory
from django.utils import timezone

from linija.accounts import roles
from linija.accounts.models import AuditEntry
from linija.accounts.services import (
    audit_record,
    demo_staff_ensure,
    roles_sync,
    sessions_expired_clear,
)
from linija.mail.models import Attachment, Letter

pytestmark = pytest.mark.django_db


def permission_names(role):
    group = Group.objects.get(name=role)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_it_gives_the_role_groups_their_permissions():
    Group.objects.get(name=roles.SPECIALIST).permissions.clear()

    roles_sync()

    specialist = permission_names(roles.SPECIALIST)
    assert "consultations.add_consultation" in specialist
    assert specialist <= roles.PERMISSIONS[roles.SPECIALIST]
    assert "consultations.view_all_consultations" not in specialist
    administrator = permission_names(roles.ADMINISTRATOR)
    assert {"accounts.view_auditentry", "auth.change_user"} <= administrator
    assert not administrator & roles.NOBODY


def test_it_records_who_did_what_to_which_record_from_where(specialist):
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Firefox")

    entry = audit_record(
        actor=specialist,
        action=AuditEntry.Action.EXPORT,
        obj=specialist,
        request=request,
        detail={"rows": 3},
    )

    entry.refresh_from_db()
    assert entry.actor == specialist
    assert entry.actor_name == "ona"
    assert entry.action == "export"
    assert (entry.object_type, entry.object_id) == ("auth.user", str(specialist.pk))
    assert entry.object_repr == f"user #{specialist.pk}"
    assert (entry.ip_address, entry.user_agent) == ("10.1.2.3", "Firefox")
    assert entry.detail == {"rows": 3}


def test_it_records_an_anonymous_actor_without_a_name():
    entry = audit_record(actor=None, action=AuditEntry.Action.LOGIN_FAILED)

    assert (entry.actor, entry.actor_name, entry.object_type) == (None, "", "")


def test_it_clears_expired_sessions_and_old_failed_logins():
    now = timezone.now()
    Session.objects.create(session_key="old", session_data="", expire_date=now - timedelta(1))
    Session.objects.create(session_key="live", session_data="", expire_date=now + timedelta(1))
    for username, age in (("old", timedelta(hours=1)), ("fresh", timedelta(minutes=1))):
        AccessAttempt.objects.create(
            username=username,
            ip_address="127.0.0.1",
            user_agent="",
            get_data="",
            post_data="",
            http_accept="",
            path_info="/staff/login/",
            failures_since_start=2,
        )
        AccessAttempt.objects.filter(username=username).update(attempt_time=now - age)

    counts = sessions_expired_clear()

    assert counts == {"sessions": 1, "access_attempts": 1}
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["fresh"]


def test_it_gives_the_demo_accounts_their_roles(settings, django_user_model):
    settings.PRODUCTION = False

    accounts = demo_staff_ensure()

    for account in accounts:
        user = django_user_model.objects.get(username=account.username)
        assert list(user.groups.values_list("name", flat=True)) == [account.role]
        assert user.is_staff is (account.role == roles.ADMINISTRATOR)
        assert user.get_full_name() == f"{account.first_name} {account.last_name}"


def test_it_keeps_no_attachment_name_in_the_audit_log(specialist):
    letter = Letter.objects.create(dedupe_key="one", from_address="ona@example.lt")
    attachment = Attachment.objects.create(letter=letter, filename="Jono_diagnoze.pdf")

    entry = audit_record(actor=specialist, action="view", obj=attachment)

    stored = json.dumps([entry.object_repr, entry.detail, str(entry)])
    assert "Jono" not in stored
    assert (entry.object_type, entry.object_id) == ("mail.attachment", str(attachment.pk))
