"""The supervisor opens the reports, filters March 2025 and downloads the spreadsheet."""

import pytest
from openpyxl import load_workbook

from linija.testing.fixtures import PASSWORD

pytestmark = pytest.mark.browser


def test_it_filters_a_month_and_downloads_the_xlsx_with_its_numbers(
    page, live_server, supervisor, march, tmp_path, settings
):
    settings.VAR_DIR = tmp_path
    page.goto(live_server.url + "/staff/login/")
    page.fill("#id_username", supervisor.username)
    page.fill("#id_password", PASSWORD)
    page.click("form[action$='/staff/login/'] button[type=submit]")
    page.locator(".staff-user").wait_for()

    page.click(".staff-nav a:text('Ataskaitos')")
    page.wait_for_url(live_server.url + "/staff/reports/")
    assert page.locator("[data-figure='records']").inner_text() == "0"
    with page.expect_response("**/staff/reports/dashboard.json") as refreshed:
        page.evaluate("document.dispatchEvent(new Event('linija:phone.call_ended'))")
    assert refreshed.value.ok
    page.click("text=Statistika ir eksportas")

    page.locator("[data-field='start']").wait_for(state="hidden")
    page.select_option("#id_period", "month")
    page.fill("#id_on", "2025-03-15")
    page.click("#report-filters button[type=submit]")
    page.wait_for_url("**/staff/reports/statistics/?**on=2025-03-15**")
    summary = page.locator("section[aria-labelledby='table-summary'] table")
    assert summary.locator("tbody tr").first.inner_text().split("\t")[-1].strip() == "7"
    chart = page.locator("img[src*='/charts/channel.svg']")
    chart.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=chart.element_handle()
    )

    page.click("button[name='format'][value='xlsx']")
    page.wait_for_url("**/staff/reports/exports/*/")
    link = page.locator("#export-download")
    link.wait_for(state="visible")
    assert page.locator("#export-progress").get_attribute("value") == "100"
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "linija-2025-03-01_2025-03-31.xlsx"
    saved = tmp_path / "report.xlsx"
    download.save_as(saved)
    workbook = load_workbook(saved)
    summary_rows = list(workbook["Santrauka"].iter_rows(values_only=True))
    assert summary_rows[2] == ("Visi kreipiniai", 7)
    assert summary_rows[3] == ("Konsultaciniai kreipiniai", 5)
    channel_rows = list(workbook["Kanalai"].iter_rows(values_only=True))
    assert channel_rows[-1] == ("Iš viso", 5, 2, 7)
    assert ("Laikotarpis", "Mėnuo (2025-03-01 – 2025-03-31)") in list(
        workbook["Filtras"].iter_rows(values_only=True)
    )
