import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import override

from linija.site.models import Page
from linija.site.tests.files import EXE_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES
from linija.site.validators import MAX_ATTACHMENT_BYTES, validate_attachment


def page_with(body: str, **fields) -> Page:
    return Page(slug="test", title_lt="Bandymas", body_lt=body, **fields)


def test_it_renders_markdown_headings_lists_and_tables():
    html = page_with(
        "## Antraštė\n\n- vienas\n- du\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    ).body_html()

    assert "<h2>Antraštė</h2>" in html
    assert "<li>vienas</li>" in html
    assert "<table>" in html
    assert "<td>1</td>" in html


def test_it_strips_script_tags_and_their_content():
    html = page_with("Labas <script>alert('x')</script> pasauli").body_html()

    assert "<script" not in html
    assert "alert" not in html
    assert "Labas" in html


def test_it_strips_event_handler_attributes():
    html = page_with(
        '<img src="x" onerror="alert(1)"> <a href="/" onclick="steal()">a</a>'
    ).body_html()

    assert "onerror" not in html
    assert "onclick" not in html
    assert "<img" not in html


def test_it_drops_javascript_links():
    html = page_with(
        "[spausk](javascript:alert(1)) <a href='JaVaScRiPt:alert(2)'>b</a>"
    ).body_html()

    assert "javascript:" not in html.lower()
    assert "spausk" in html


def test_it_marks_links_noopener_noreferrer():
    html = page_with('[VDAI](https://vdai.lrv.lt/ "Inspekcija")').body_html()

    assert 'href="https://vdai.lrv.lt/"' in html
    assert 'title="Inspekcija"' in html
    assert 'rel="noopener noreferrer"' in html


def test_it_drops_a_first_level_heading_but_keeps_its_text():
    html = page_with("# Per didelė antraštė").body_html()

    assert "<h1" not in html
    assert "Per didelė antraštė" in html


def test_it_shows_english_title_and_body_in_english():
    page = page_with("Lietuviškai", title_en="In English", body_en="English text")

    with override("en"):
        assert page.title == "In English"
        assert page.body == "English text"
        assert page.is_lithuanian_only is False
    with override("lt"):
        assert page.title == "Bandymas"
        assert page.body == "Lietuviškai"
        assert page.is_lithuanian_only is False


def test_it_falls_back_to_lithuanian_when_english_is_blank():
    page = page_with("Tik lietuviškai", title_en="", body_en="  \n")

    with override("en"):
        assert page.title == "Bandymas"
        assert page.body == "Tik lietuviškai"
        assert page.is_lithuanian_only is True
        assert "Tik lietuviškai" in page.body_html()


def test_it_labels_the_attachment_by_language_with_lithuanian_fallback():
    page = page_with("x", attachment_label_lt="Sertifikatas", attachment_label_en="")

    with override("en"):
        assert page.attachment_label == "Sertifikatas"
    page.attachment_label_en = "Certificate"
    with override("en"):
        assert page.attachment_label == "Certificate"


def test_it_links_to_the_page_in_the_active_language():
    page = page_with("x")
    page.slug = "apie-mus"

    with override("lt"):
        assert page.get_absolute_url() == "/apie-mus/"
    with override("en"):
        assert page.get_absolute_url() == "/en/apie-mus/"


def test_it_summarises_the_first_paragraph_as_plain_text():
    page = page_with("## Antraštė\n\nPirma **pastraipa** " + "žodis " * 40 + "\n\nAntra pastraipa.")

    summary = page.summary(words=5)

    assert summary == "Pirma pastraipa žodis žodis žodis…"
    assert "<" not in summary


def test_it_summarises_without_escaped_entities_or_a_dangling_full_stop():
    page = page_with("Tom & „Jerry“. Antras sakinys.")

    assert page.summary(words=3) == "Tom & „Jerry“…"
    assert page.summary() == "Tom & „Jerry“. Antras sakinys."


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cert.pdf", PDF_BYTES),
        ("cert.PNG", PNG_BYTES),
        ("cert.jpg", JPEG_BYTES),
        ("c.jpeg", JPEG_BYTES),
    ],
)
def test_it_accepts_pdf_png_and_jpeg_attachments(name, content):
    validate_attachment(SimpleUploadedFile(name, content))


def test_it_refuses_an_exe_renamed_pdf():
    with pytest.raises(ValidationError) as error:
        validate_attachment(SimpleUploadedFile("sertifikatas.pdf", EXE_BYTES))

    assert error.value.code == "attachment_content"
    assert "PDF" in error.value.messages[0]


def test_it_refuses_a_png_named_pdf():
    with pytest.raises(ValidationError) as error:
        validate_attachment(SimpleUploadedFile("sertifikatas.pdf", PNG_BYTES))

    assert error.value.code == "attachment_content"


def test_it_refuses_other_extensions():
    with pytest.raises(ValidationError) as error:
        validate_attachment(SimpleUploadedFile("programa.exe", EXE_BYTES))

    assert error.value.code == "attachment_type"
    with override("en"):
        assert error.value.messages == ["Only PDF, PNG or JPEG files can be attached."]


def test_it_refuses_files_over_10_mb():
    big = SimpleUploadedFile("didelis.pdf", PDF_BYTES + b"0" * MAX_ATTACHMENT_BYTES)

    with pytest.raises(ValidationError) as error:
        validate_attachment(big)

    assert error.value.code == "attachment_size"


@pytest.mark.django_db
def test_it_refuses_a_bad_attachment_on_full_clean_and_saves_nothing(media_root):
    page = Page.objects.get(slug="kokybe")
    page.attachment = SimpleUploadedFile("sertifikatas.pdf", EXE_BYTES)

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    assert "attachment" in error.value.message_dict
    page.refresh_from_db()
    assert not page.attachment
    assert list(media_root.iterdir()) == []


@pytest.mark.django_db
def test_it_keeps_a_stored_attachment_valid_on_later_edits(media_root):
    page = Page.objects.get(slug="kokybe")
    page.attachment = SimpleUploadedFile("sertifikatas.pdf", PDF_BYTES)
    page.full_clean()
    page.save()

    stored = Page.objects.get(pk=page.pk)
    stored.title_en = "Quality and certificate"
    stored.full_clean()

    assert stored.attachment.name.startswith("site/")
