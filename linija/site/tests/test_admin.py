import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import override

from linija.site.models import Page
from linija.site.tests.files import EXE_BYTES, PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_for_site(client, administrator, settings):
    settings.LINIJA_REQUIRE_2FA = False
    administrator.is_staff = True
    administrator.save()
    client.force_login(administrator)
    return client


def form_data(page: Page, **changes) -> dict:
    data = {
        "slug": page.slug,
        "order": page.order,
        "in_nav": "on" if page.in_nav else "",
        "title_lt": page.title_lt,
        "body_lt": page.body_lt,
        "title_en": page.title_en,
        "body_en": page.body_en,
        "attachment_label_lt": page.attachment_label_lt,
        "attachment_label_en": page.attachment_label_en,
    }
    data.update(changes)
    return data


def test_it_lists_pages_with_preview_links_in_both_languages(admin_client_for_site):
    response = admin_client_for_site.get(reverse("admin:site_page_changelist"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Privatumo pranešimas" in content
    assert 'href="/kokybe/" target="_blank" rel="noopener">LT</a>' in content
    assert 'href="/en/kokybe/" target="_blank" rel="noopener">EN</a>' in content


def test_it_edits_both_languages_and_uploads_a_certificate(admin_client_for_site, media_root):
    page = Page.objects.get(slug="kokybe")
    url = reverse("admin:site_page_change", args=[page.pk])

    response = admin_client_for_site.post(
        url,
        form_data(
            page,
            title_en="Quality assurance",
            attachment=SimpleUploadedFile("equass.pdf", PDF_BYTES, "application/pdf"),
        ),
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title_en == "Quality assurance"
    assert page.attachment.name.startswith("site/equass")
    assert (media_root / page.attachment.name).read_bytes() == PDF_BYTES


def test_it_refuses_an_exe_renamed_pdf_and_changes_nothing(admin_client_for_site, media_root):
    page = Page.objects.get(slug="kokybe")
    with override("en"):
        url = reverse("admin:site_page_change", args=[page.pk])

    response = admin_client_for_site.post(
        url,
        form_data(
            page,
            title_en="Changed",
            attachment=SimpleUploadedFile("equass.pdf", EXE_BYTES, "application/pdf"),
        ),
    )

    assert response.status_code == 200
    assert "The file&#x27;s content is not a real PDF file." in response.content.decode()
    page.refresh_from_db()
    assert page.title_en == "Quality"
    assert not page.attachment
    assert list(media_root.iterdir()) == []


def test_it_keeps_specialists_out(client, specialist):
    client.force_login(specialist)

    response = client.get(reverse("admin:site_page_changelist"))

    assert response.status_code in {302, 403}
    assert "Privatumo pranešimas" not in response.content.decode()
