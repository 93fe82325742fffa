from django.urls import path

from linija.reports import views

app_name = "reports"

urlpatterns = [
    path("staff/reports/", views.dashboard_view, name="dashboard"),
    path("staff/reports/dashboard.json", views.dashboard_data_view, name="dashboard_data"),
    path("staff/reports/statistics/", views.statistics_view, name="statistics"),
    path("staff/reports/statistics/charts/<slug:key>.svg", views.chart_view, name="chart"),
    path("staff/reports/statistics/export.csv", views.export_csv_view, name="export_csv"),
    path("staff/reports/exports/", views.export_create_view, name="export_create"),
    path("staff/reports/exports/<int:pk>/", views.export_detail_view, name="export_detail"),
    path("staff/reports/exports/<int:pk>.json", views.export_status_view, name="export_status"),
    path(
        "staff/reports/exports/<int:pk>/download/",
        views.export_download_view,
        name="export_download",
    ),
]
