from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import F, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from linija.accounts import roles
from linija.accounts.selectors import is_supervisor
from linija.privacy.fields import identifying_of
from linija.privacy.models import DEFAULT_DAYS, RetentionRule, SafeguardingFlag


def identifying_fields() -> dict[type[models.Model], list[models.Field]]:
    """Every model with fields marked ``identifying``, and those fields."""
    return {model: identifying_of(model) for model in apps.get_models() if identifying_of(model)}


def retention_periods() -> dict[str, int]:
    """Days each kind of content is kept: the administrator's rules over the defaults."""
    periods = {str(kind): days for kind, days in DEFAULT_DAYS.items()}
    periods.update(RetentionRule.objects.values_list("kind", "days"))
    return periods


def locked_consultations() -> QuerySet:
    """The pks of the consultations an open safeguarding flag keeps from the purge."""
    return SafeguardingFlag.objects.filter(resolved_at__isnull=True).values("consultation_id")


def open_flags_of(consultation: Any) -> QuerySet[SafeguardingFlag]:
    return consultation.safeguarding_flags.filter(resolved_at__isnull=True)


def safeguarding_flags() -> QuerySet[SafeguardingFlag]:
    """Every flag, the open ones first, with what the supervisors' list shows."""
    return SafeguardingFlag.objects.select_related(
        "consultation", "raised_by", "resolved_by"
    ).order_by(F("resolved_at").desc(nulls_first=True), "-raised_at", "-id")


def access_safeguarding_flag(*, user: Any, pk: int) -> SafeguardingFlag:
    """The flag ``pk`` for a supervisor; ``Http404`` when missing or for anybody else."""
    if not is_supervisor(user):
        raise Http404
    return get_object_or_404(safeguarding_flags(), pk=pk)


def supervisor_addresses() -> list[str]:
    """The e-mail addresses of the active supervisors that have one."""
    return list(
        get_user_model()
        .objects.filter(groups__name=roles.SUPERVISOR, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
