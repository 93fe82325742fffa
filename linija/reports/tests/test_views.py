import csv
import io
import re

import pytest
from django.apps import apps
from django.urls import reverse

from linija.accounts.models import AuditEntry
from linija.reports import pages
from linija.reports.models import ExportJob, ExportStatus
from linija.testing.fixtures import logged_in

pytestmark = pytest.mark.django_db

MARCH = {"period": "month", "on": "2025-03-15"}
PAGES = [
    ("reports:dashboard", ()),
    ("reports:dashboard_data", ()),
    ("reports:statistics", ()),
    ("reports:chart", ("channel",)),
    ("reports:export_csv", ()),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_it_hides_reports_from_specialists(specialist_client, name, args):
    assert specialist_client.get(reverse(name, args=args)).status_code == 404


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_it_refuses_people_without_a_staff_role(outsider_client, name, args):
    assert outsider_client.get(reverse(name, args=args)).status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("reports:statistics"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_shows_the_reports_entry_only_to_supervisors(supervisor_client, specialist, client):
    url = reverse("reports:dashboard")
    assert f'href="{url}"' in supervisor_client.get(url).content.decode()
    client.force_login(specialist)
    assert f'href="{url}"' not in client.get(reverse("consultations:list")).content.decode()


def test_it_shows_the_dashboard(supervisor_client, march):
    response = supervisor_client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-figure="waiting"' in page
    assert 'data-cell="0-0"' in page
    assert "reports/dashboard.js" in page
    assert "<script>" not in page and "style=" not in page


def test_it_refreshes_the_dashboard_after_every_channel_s_events(supervisor_client, monkeypatch):
    monkeypatch.setattr(
        apps.get_app_config("knowledge"), "inbox_events", ("knowledge.changed",), raising=False
    )
    response = supervisor_client.get(reverse("reports:dashboard"))
    events = set(re.search(r'data-refresh-events="([^"]*)"', response.content.decode())[1].split())
    assert events >= {
        "inbox.changed",
        "phone.call_incoming",
        "chat.queue_changed",
        "chat.presence_changed",
        "knowledge.changed",
    }


def test_it_serves_the_dashboard_figures_as_json(supervisor_client, march):
    data = supervisor_client.get(reverse("reports:dashboard_data")).json()
    assert set(data["figures"]) >= {"waiting", "answered", "records", "specialists_online"}
    assert len(data["comparison"]) == 9
    assert all(isinstance(value, str) for value in data["figures"].values())


def test_it_shows_the_statistics_of_the_month_asked(supervisor_client, march):
    response = supervisor_client.get(reverse("reports:statistics"), {**MARCH, "language": "en"})
    assert response.status_code == 200
    tables = {table.key: table for table in response.context["tables"]}
    assert tables["summary"].rows[0].values == (7,)
    assert response.context["drafts"] == 1
    page = response.content.decode()
    assert reverse("reports:chart", args=["heatmap"]) + "?period=month&amp;on=2025-03-15" in page
    assert "style=" not in page and "<script>" not in page


def test_it_explains_a_bad_filter_and_counts_nothing(supervisor_client, march):
    response = supervisor_client.get(
        reverse("reports:statistics"),
        {"period": "custom", "start": "2025-03-31", "end": "2025-03-01"},
    )
    assert response.status_code == 400
    assert "tables" not in response.context
    assert response.context["form"].errors["end"]


def test_it_draws_a_chart_as_svg(supervisor_client, march):
    response = supervisor_client.get(reverse("reports:chart", args=["channel"]), MARCH)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<?xml")
    assert b"<svg" in response.content
    assert response["Cache-Control"] == "private, no-store"


def test_it_draws_the_charts_of_a_page_from_the_page_own_count(
    client, supervisor, administrator, march, monkeypatch
):
    logged_in(client, supervisor)
    page = client.get(reverse("reports:statistics"), MARCH).content.decode()
    token = re.search(r"page=([\w-]+)", page).group(1)
    counted, count = [], pages.report_table
    monkeypatch.setattr(
        pages, "report_table", lambda report, key: counted.append(key) or count(report, key)
    )
    chart = reverse("reports:chart", args=["channel"])
    response = client.get(chart, {**MARCH, "page": token})
    assert response.status_code == 200 and b"<svg" in response.content
    assert counted == []
    client.get(chart, {"period": "month", "on": "2025-02-15", "page": token})
    assert counted == ["channel"]  # another filter than the page's: counted for itself
    logged_in(client, administrator)
    client.get(chart, {**MARCH, "page": token})
    assert counted == ["channel", "channel"]  # somebody else's page: counted for them


def test_it_has_no_chart_for_a_table_without_one(supervisor_client, march):
    response = supervisor_client.get(reverse("reports:chart", args=["talk_time"]), MARCH)
    assert response.status_code == 404
    assert supervisor_client.get(reverse("reports:chart", args=["nope"])).status_code == 404


def test_it_refuses_a_chart_of_a_bad_filter(supervisor_client):
    response = supervisor_client.get(reverse("reports:chart", args=["channel"]), {"period": "x"})
    assert response.status_code == 400


def test_it_streams_the_csv_and_writes_the_audit_log(supervisor_client, supervisor, march):
    response = supervisor_client.get(reverse("reports:export_csv"), {**MARCH, "channel": "phone"})
    assert response.status_code == 200
    assert response.streaming
    assert (
        response["Content-Disposition"] == 'attachment; filename="linija-2025-03-01_2025-03-31.csv"'
    )
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert ["Visi kreipiniai", "4"] in lines
    entry = AuditEntry.objects.get(action="export", actor=supervisor)
    assert entry.detail["format"] == "csv"
    assert entry.detail["filters"]["Kanalas"] == "Telefonas"


def test_it_prepares_an_xlsx_in_the_worker_and_lets_only_its_owner_download_it(
    supervisor_client,
    supervisor,
    administrator,
    client,
    march,
    tmp_path,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.VAR_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        response = supervisor_client.post(
            reverse("reports:export_create"), {**MARCH, "format": "xlsx"}
        )
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:export_detail", args=[job.pk])
    assert job.status == ExportStatus.DONE
    assert job.filters == MARCH
    status = supervisor_client.get(reverse("reports:export_status", args=[job.pk])).json()
    assert status["ready"] and status["progress"] == 100
    assert status["download_url"] == reverse("reports:export_download", args=[job.pk])
    page = supervisor_client.get(reverse("reports:export_detail", args=[job.pk]))
    assert page.status_code == 200
    download = supervisor_client.get(status["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"PK")
    assert download["Content-Disposition"].startswith("attachment")
    steps = list(
        AuditEntry.objects.filter(action="export", object_id=str(job.pk)).values_list(
            "detail__step", flat=True
        )
    )
    assert sorted(steps) == ["downloaded", "requested"]
    client.force_login(administrator)
    for name in ("export_detail", "export_status", "export_download"):
        assert client.get(reverse(f"reports:{name}", args=[job.pk])).status_code == 404


def test_it_refuses_an_unknown_export_format_and_creates_nothing(supervisor_client, march):
    response = supervisor_client.post(reverse("reports:export_create"), {**MARCH, "format": "doc"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("reports:statistics"))
    assert not ExportJob.objects.exists()
    assert not AuditEntry.objects.filter(action="export").exists()


def test_it_does_not_offer_an_expired_export(supervisor_client, supervisor):
    job = ExportJob.objects.create(
        user=supervisor, format="pdf", status=ExportStatus.EXPIRED, file_name=""
    )
    assert (
        supervisor_client.get(reverse("reports:export_download", args=[job.pk])).status_code == 404
    )


def test_it_refuses_exports_to_specialists(specialist_client, march):
    response = specialist_client.post(reverse("reports:export_create"), {**MARCH, "format": "xlsx"})
    assert response.status_code == 404
    assert not ExportJob.objects.exists()
