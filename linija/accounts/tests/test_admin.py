import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from linija.accounts import roles
from linija.accounts.models import AuditEntry
from linija.accounts.services import audit_record
from linija.accounts.tests.conftest import en_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", password="x-very-long-password")


@pytest.fixture
def admin_user(administrator):
    administrator.is_staff = True
    administrator.save()
    return administrator


def test_it_gives_nobody_add_change_or_delete_on_the_audit_log(superuser, admin_user):
    model_admin = admin.site._registry[AuditEntry]
    entry = audit_record(actor=superuser, action=AuditEntry.Action.VIEW)
    for user in (superuser, admin_user):
        request = RequestFactory().get("/")
        request.user = user
        assert model_admin.has_view_permission(request, entry)
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request, entry)
        assert not model_admin.has_delete_permission(request, entry)


def test_it_hides_the_audit_log_from_a_supervisor(supervisor):
    request = RequestFactory().get("/")
    request.user = supervisor

    assert not admin.site._registry[AuditEntry].has_view_permission(request)


def test_it_keeps_a_specialist_out_of_the_admin(specialist, client, two_factor_optional):
    specialist.is_staff = True
    specialist.save()
    client.force_login(specialist)

    response = client.get("/en/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(en_url("accounts:login"))
    assert response.status_code == 200


def test_it_sends_the_admin_login_to_the_staff_login(client):
    response = client.get("/en/admin/login/?next=/en/admin/auth/user/")

    assert response.status_code == 302
    assert response["Location"] == en_url("accounts:login") + "?next=/en/admin/auth/user/"


def test_it_lets_an_administrator_in_when_two_factor_is_off(
    client, admin_user, two_factor_optional
):
    client.force_login(admin_user)

    assert client.get("/en/admin/").status_code == 200
    assert client.get("/en/admin/accounts/auditentry/").status_code == 200
    assert client.get("/en/admin/accounts/auditentry/add/").status_code == 403


def test_it_needs_a_verified_administrator_when_two_factor_is_required(
    rf, admin_user, two_factor_required
):
    request = rf.get("/en/admin/")
    request.user = admin_user
    admin_user.is_verified = lambda: False

    assert not admin.site.has_permission(request)
    admin_user.is_verified = lambda: True
    assert admin.site.has_permission(request)


def test_it_shows_roles_and_two_factor_status_in_the_user_list(
    client, admin_user, specialist, two_factor_optional
):
    TOTPDevice.objects.create(user=specialist, name="phone", confirmed=True)
    client.force_login(admin_user)

    html = client.get("/en/admin/auth/user/").content.decode()

    assert "Specialist" in html
    assert "set up" in html
    assert "not set up" in html


def test_it_assigns_roles_with_checkboxes(client, admin_user, specialist, two_factor_optional):
    client.force_login(admin_user)

    html = client.get(f"/en/admin/auth/user/{specialist.pk}/change/").content.decode()

    assert 'type="checkbox" name="groups"' in html
    assert html.count('name="groups"') == len(roles.ROLE_NAMES)
    assert Group.objects.get(name=roles.SPECIALIST) in specialist.groups.all()


def test_it_refuses_to_change_or_delete_an_audit_entry(specialist):
    entry = audit_record(actor=specialist, action=AuditEntry.Action.VIEW)
    entry.object_repr = "changed"

    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="changed")
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).object_repr == ""


def test_it_words_the_admin_in_lithuanian_as_it_reads(client, admin_user, two_factor_optional):
    """Django's Lithuanian put the model's name, a nominative, where the sentence needs the
    accusative ("Pridėti tema"), and django-axes' section and models came in English."""
    client.force_login(admin_user)
    index = client.get("/admin/").content.decode()
    assert "Prisijungimo bandymai" in index and "Axes" not in index
    assert "prisijungimo bandymai" in index.lower() and "Access attempts" not in index
    topics = client.get("/admin/consultations/topic/").content.decode()
    assert "<h1>Pasirinkite, ką keisti: tema</h1>" in topics
    assert "Pridėti: tema" in topics and "Naujas tema" not in topics
    assert (
        "<h1>Pridėti: tema</h1>" in client.get("/admin/consultations/topic/add/").content.decode()
    )
    AccessAttempt.objects.create(
        username="aiste", ip_address="192.0.2.1", failures_since_start=3, get_data="", post_data=""
    )
    attempts = client.get("/admin/axes/accessattempt/").content.decode()
    assert "IP adresas" in attempts and "IP Address" not in attempts
