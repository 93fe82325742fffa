"""Staff pages of the reports: the dashboard, the statistics with their charts, the exports."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linija.accounts.decorators import supervisor_required
from linija.accounts.services import audit_record
from linija.reports import providers
from linija.reports.access import access_export_job
from linija.reports.charts import chart_svg
from linija.reports.counting import drafts_count
from linija.reports.dashboard import dashboard_today, month_comparison
from linija.reports.exports import csv_lines, file_name
from linija.reports.forms import ReportFilterForm
from linija.reports.models import ExportFormat
from linija.reports.pages import page_table, page_tables
from linija.reports.services import export_download_record, export_job_create, export_storage
from linija.reports.tables import display

PRIVATE = "private, no-store"
PAGE = "page"  # the query parameter of a chart: the token of the page it is on


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = PRIVATE
    return response


# --- The dashboard ------------------------------------------------------------------------------


def _dashboard_data() -> dict:
    today = dashboard_today()
    comparison = month_comparison()
    return {
        "figures": {figure.key: display(figure.value, "count") for figure in today},
        "comparison": [
            [
                display(value, column.kind)
                for value, column in zip(row.values, comparison.columns, strict=True)
            ]
            for row in comparison.rows
        ],
        "updated": f"{timezone.localtime():%H:%M:%S}",
    }


@supervisor_required
@require_http_methods(["GET"])
def dashboard_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/dashboard.html",
        {
            "today": dashboard_today(),
            "comparison": month_comparison(),
            "updated": timezone.localtime(),
            "refresh_events": " ".join(providers.dashboard_events()),
        },
    )


@supervisor_required
@require_http_methods(["GET"])
def dashboard_data_view(request: HttpRequest) -> JsonResponse:
    return _no_store(JsonResponse(_dashboard_data()))


# --- Statistics ---------------------------------------------------------------------------------


def _filter_form(request: HttpRequest) -> ReportFilterForm:
    return ReportFilterForm(request.GET)


def _invalid(form: ReportFilterForm) -> HttpResponse:
    return HttpResponse(
        _("The filter is not valid: %(errors)s") % {"errors": form.errors.as_text()},
        status=400,
        content_type="text/plain; charset=utf-8",
    )


@supervisor_required
@require_http_methods(["GET"])
def statistics_view(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    context = {"form": form}
    if not form.is_bound or form.is_valid():
        report = form.report_filter()
        token, tables = page_tables(report, user=request.user)
        context.update(
            {
                "report": report,
                "filters": report.describe(),
                "tables": tables,
                "chart_query": urlencode({**report.query, PAGE: token}),
                "drafts": drafts_count(report),
                "query": urlencode(report.query),
                "export_formats": ExportFormat.choices,
            }
        )
    return _no_store(
        render(
            request, "reports/statistics.html", context, status=200 if "report" in context else 400
        )
    )


@supervisor_required
@require_http_methods(["GET"])
def chart_view(request: HttpRequest, key: str) -> HttpResponse:
    form = _filter_form(request)
    if form.is_bound and not form.is_valid():
        return _invalid(form)
    table = page_table(
        form.report_filter(), key, user=request.user, token=request.GET.get(PAGE, "")
    )
    if table.chart is None:
        raise Http404
    return _no_store(HttpResponse(chart_svg(table), content_type="image/svg+xml"))


@supervisor_required
@require_http_methods(["GET"])
def export_csv_view(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    if form.is_bound and not form.is_valid():
        return _invalid(form)
    report = form.report_filter()
    audit_record(
        actor=request.user,
        action="export",
        request=request,
        detail={"format": "csv", "filters": dict(report.describe())},
    )
    response = StreamingHttpResponse(csv_lines(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name(report, "csv")}"'
    return _no_store(response)


# --- Exports prepared by the worker -------------------------------------------------------------


@supervisor_required
@require_POST
def export_create_view(request: HttpRequest) -> HttpResponse:
    filters = {
        name: value
        for name, value in request.POST.items()
        if name not in {"csrfmiddlewaretoken", "format"}
    }
    try:
        job = export_job_create(
            user=request.user,
            format=request.POST.get("format", ""),
            filters=filters,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("reports:statistics") + "?" + urlencode(filters))
    return redirect("reports:export_detail", pk=job.pk)


def _job_data(job) -> dict:
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "progress": job.progress,
        "finished": job.is_finished,
        "ready": job.is_ready,
        "download_url": reverse("reports:export_download", args=[job.pk]) if job.is_ready else "",
        "error": job.error,
    }


@supervisor_required
@require_http_methods(["GET"])
def export_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_export_job(user=request.user, pk=pk)
    return _no_store(
        render(
            request,
            "reports/export.html",
            {
                "job": job,
                "statistics_url": reverse("reports:statistics") + "?" + urlencode(job.filters),
            },
        )
    )


@supervisor_required
@require_http_methods(["GET"])
def export_status_view(request: HttpRequest, pk: int) -> JsonResponse:
    return _no_store(JsonResponse(_job_data(access_export_job(user=request.user, pk=pk))))


@supervisor_required
@require_http_methods(["GET"])
def export_download_view(request: HttpRequest, pk: int) -> FileResponse:
    job = access_export_job(user=request.user, pk=pk)
    if not job.is_ready:
        raise Http404
    export_download_record(job=job, user=request.user, request=request)
    response = FileResponse(
        export_storage().open(job.file_name, "rb"),
        as_attachment=True,
        filename=job.download_name,
        content_type=job.content_type,
    )
    return _no_store(response)
