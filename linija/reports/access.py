"""Who may see the reports and their exports."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from linija.accounts.selectors import is_supervisor
from linija.reports.models import ExportJob


def access_reports(user: Any) -> None:
    """Only supervisors and administrators see reports: ``Http404`` for everybody else."""
    if not is_supervisor(user):
        raise Http404


def access_export_job(*, user: Any, pk: int) -> ExportJob:
    """An export of ``user``'s own; ``Http404`` when missing, somebody else's, or when the
    person may no longer see reports."""
    access_reports(user)
    return get_object_or_404(ExportJob, pk=pk, user=user)
