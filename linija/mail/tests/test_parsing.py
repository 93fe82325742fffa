"""The parser reads any letter: every charset, encoded headers, nested and broken MIME,
HTML-only mail, attachments; and random bytes never make it fail."""

import binascii

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linija.mail.charsets import text_decode
from linija.mail.headers import addresses_of, header_decode
from linija.mail.parsing import (
    html_sanitise,
    html_to_text,
    parse_letter,
    unflow,
    warning_text,
)
from linija.mail.tests.corpus import ATTACHMENT_LIMIT, corpus, filled_bytes

LETTERS = corpus()


def test_it_has_a_corpus_of_at_least_forty_letters():
    assert len(LETTERS) >= 40
    assert len({letter.file for letter in LETTERS}) == len(LETTERS)


@pytest.mark.parametrize("expected", LETTERS, ids=[letter.file for letter in LETTERS])
def test_it_reads_each_corpus_letter(expected):
    letter = parse_letter(expected.raw, attachment_max_bytes=ATTACHMENT_LIMIT)
    assert letter.from_address == expected.sender
    if "{{" not in expected.subject:
        assert letter.subject == expected.subject
    assert expected.text in letter.text
    assert "\x00" not in letter.text
    if expected.warning and expected.warning != "tag_ignored":
        assert expected.warning in {warning["code"] for warning in letter.warnings}
    if expected.kind in {"person", "duplicate", "own"}:
        assert letter.kind == "person"
    else:
        assert letter.kind == expected.kind


def by_file(prefix: str):
    letter = next(letter for letter in LETTERS if letter.file.startswith(prefix))
    return parse_letter(letter.raw, attachment_max_bytes=ATTACHMENT_LIMIT)


def test_it_sanitises_html_only_mail_and_derives_its_text():
    letter = by_file("12-")
    assert "<script" not in letter.html and "alert" not in letter.html
    assert "onclick" not in letter.html
    assert "tracker.example" not in letter.html
    assert "position" not in letter.html
    assert 'href="https://example.lt/info"' in letter.html
    assert 'target="_blank"' in letter.html
    assert "mso" not in letter.text and "MsoNormal" not in letter.text
    assert "Nuoroda (https://example.lt/info)" in letter.text


def test_it_keeps_inline_images_with_their_content_id():
    letter = by_file("13-")
    [image] = letter.attachments
    assert image.inline and image.content_id == "<pazyma@apple>"
    assert image.data.startswith(b"\x89PNG")
    assert 'src="cid:pazyma@apple"' in letter.html


def test_it_finds_every_part_of_nested_multiparts():
    letter = by_file("14-")
    names = [(item.filename, item.inline, item.refused) for item in letter.attachments]
    assert names == [("attachment-1.jpg", True, ""), ("Sveikatos pažyma.pdf", False, "")]
    assert "<i>sveikatos pažymą</i>" in letter.html


def test_it_refuses_dangerous_files_but_keeps_the_letter():
    letter = by_file("16-")
    refused = {item.filename: item.refused for item in letter.attachments}
    assert refused == {
        "setup.exe": "dangerous",
        "saskaita.pdf.js": "dangerous",
        "forma.html": "dangerous",
    }
    assert all(item.data == b"" for item in letter.attachments)
    assert letter.text == "Atsiunciu dokumentus."


def test_it_refuses_an_executable_named_pdf_and_strips_the_path_from_its_name():
    [attachment] = by_file("17-").attachments
    assert attachment.filename == "saskaita.pdf"
    assert attachment.refused == "dangerous"


def test_it_refuses_an_attachment_over_the_size_limit():
    [attachment] = by_file("18-").attachments
    assert attachment.refused == "too_large"


def test_it_reads_a_multipart_whose_boundary_is_missing():
    letter = by_file("19-")
    assert [item.filename for item in letter.attachments] == ["a.pdf"]
    assert letter.text == "Laiskas be ribos parametro."


def test_it_reads_a_bounce_and_finds_the_returned_message():
    bounce = next(letter for letter in LETTERS if letter.file.startswith("32-"))
    raw = filled_bytes(bounce.raw, lambda kind, thread: "<ack-d@pastoge.lt>")
    letter = parse_letter(raw)
    assert letter.kind == "bounce"
    assert letter.bounced_ids == ["<ack-d@pastoge.lt>"]
    assert "5.1.1" in letter.bounce_reason
    assert "petras@example.lt" in letter.bounce_reason


def test_it_reads_a_plain_text_bounce():
    letter = by_file("33-")
    assert letter.kind == "bounce"
    assert letter.bounced_ids == ["<not-ours@pastoge.lt>"]


def test_it_shows_a_forwarded_letter_inside_the_text():
    letter = by_file("31-")
    assert "---------- Forwarded message ----------" in letter.text
    assert "Subject: Kvietimas į mokymus" in letter.text
    assert letter.attachments == []


def test_it_keeps_a_text_attachment_out_of_the_text():
    letter = by_file("43-")
    assert "Slapta pastaba" not in letter.text
    assert [item.filename for item in letter.attachments] == ["pastabos.txt"]


def test_it_ignores_signatures_and_warns_about_encrypted_mail():
    assert by_file("45-").attachments == []
    assert "encrypted" in {warning["code"] for warning in by_file("46-").warnings}


def test_it_threads_by_the_identifiers_it_reads():
    letter = by_file("25-")
    assert letter.message_id == "<CAGmail25=ona@mail.gmail.com>"
    assert letter.references[0] == "<c01.ona@example.lt>"
    assert by_file("24-").message_id == "<c24.dovile@example.lt>"
    assert by_file("23-").message_id == ""


def test_it_fingerprints_a_letter_without_message_id_by_its_content():
    first = parse_letter(b"From: a@example.lt\r\n\r\nLabas\r\n")
    same = parse_letter(b"From: a@example.lt\r\n\r\nLabas\r\n")
    other = parse_letter(b"From: a@example.lt\r\n\r\nLabas!\r\n")
    assert first.dedupe_key == same.dedupe_key != other.dedupe_key


def test_it_reads_the_reply_address_and_the_name_with_a_comma():
    assert by_file("44-").reply_to == "monika@example.lt"
    assert by_file("12-").from_name == "Kazlauskas, Jonas"
    assert by_file("50-").from_name == "Šarūnė Žukauskaitė"


@pytest.mark.parametrize(
    ("raw", "declared", "expected", "warning"),
    [
        ("Ąžuolas".encode(), "utf-8", "Ąžuolas", None),
        ("Ąžuolas".encode("cp1257"), "windows-1257", "Ąžuolas", None),
        ("Ąžuolas".encode("iso-8859-13"), "ISO-8859-13", "Ąžuolas", None),
        ("Šiauliai".encode("iso-8859-4"), "iso-8859-4", "Šiauliai", None),
        ("„Ąžuolas“".encode("cp1257"), "iso-8859-1", "„Ąžuolas“", "charset_guessed"),
        ("Ąžuolas".encode("cp1257"), "iso-8859-1", "Àþuolas", None),
        ("Jørn Støylen".encode("latin-1"), "iso-8859-1", "Jørn Støylen", None),
        ("Jørn Støylen".encode("latin-1"), "windows-1252", "Jørn Støylen", None),
        ("Ąžuolas".encode(), "us-ascii", "Ąžuolas", "charset_guessed"),
        ("Ąžuolas".encode("cp1257"), "utf-8", "Ąžuolas", "charset_guessed"),
        ("Ąžuolas".encode(), "no-such-charset", "Ąžuolas", "charset_unknown"),
        ("Ąžuolas".encode("cp1257"), None, "Ąžuolas", None),
        ("Grüße".encode("latin-1"), "iso-8859-1", "Grüße", None),
    ],
)
def test_it_decodes_text_in_any_charset(raw, declared, expected, warning):
    text, found = text_decode(raw, declared)
    assert text == expected
    assert (found or {}).get("code") == warning


def test_it_replaces_what_no_charset_can_read():
    raw = b"A\x81\x83B\xff"
    text, warning = text_decode(raw, "utf-8")
    assert text == raw.decode("utf-8", errors="replace")
    assert warning["code"] == "undecodable"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=?utf-8?Q?Lab=C4=85?= =?utf-8?Q?_diena?=", "Labą diena"),
        ("=?UTF-8?B?xIU=?==?UTF-8?B?xI0=?=", "ąč"),
        ("=?utf-8?b?xA==?= =?utf-8?b?hQ==?=", "ą"),
        ("Re: =?iso-8859-13?Q?=E0=E8?= ir", "Re: ąč ir"),
        ("=?utf-8*lt?Q?=C5=BE?=", "ž"),
        ("=?no-such?Q?Labas?=", "Labas"),
        ("Plain\r\n folded", "Plain folded"),
        ("", ""),
    ],
)
def test_it_decodes_headers(value, expected):
    assert header_decode(value) == expected


def test_it_turns_html_into_text_with_quotes_lists_and_links():
    html = (
        "<p>Labas</p><ul><li>vienas</li><li>du</li></ul>"
        "<blockquote><p>cituota</p></blockquote><a href='https://x.lt/a'>čia</a>"
        "<style>p{}</style><script>x()</script>"
    )
    assert html_to_text(html) == "Labas\n- vienas\n- du\n> cituota\nčia (https://x.lt/a)"


def test_it_resolves_inline_images_and_drops_unknown_ones():
    html = '<img src="cid:a@b"><img src="cid:missing@b"><img src="https://x/y.png">'
    cleaned = html_sanitise(html, images={"<a@b>": "/staff/mail/attachments/1/image/"})
    assert cleaned.count("<img") == 3
    assert 'src="/staff/mail/attachments/1/image/"' in cleaned
    assert cleaned.count("src=") == 1


def test_it_joins_flowed_lines():
    assert unflow("one \ntwo\n> a \n> b\n-- \nsig", delete_space=False) == (
        "one two\n> a b\n-- \nsig"
    )


def test_it_words_every_warning():
    with translation.override("en"):
        text = warning_text(
            {"code": "attachment_refused", "detail": "a.exe", "reason": "dangerous"}
        )
    assert text == "An attachment was not kept: a.exe (a dangerous file type)."
    assert warning_text({"code": "nonsense"})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_it_never_fails_on_random_bytes(raw):
    letter = parse_letter(raw)
    assert isinstance(letter.text, str) and isinstance(letter.subject, str)
    assert "\x00" not in letter.text
    letter.text.encode("utf-8")
    letter.subject.encode("utf-8")


MIME_PIECES = st.sampled_from(
    [
        b"Content-Type: multipart/mixed; boundary=XX\r\n",
        b"Content-Type: multipart/alternative\r\n",
        b"Content-Type: text/plain; charset=utf-8\r\n",
        b"Content-Type: text/html; charset=x-unknown\r\n",
        b"Content-Type: message/rfc822\r\n",
        b"Content-Type: multipart/report; report-type=delivery-status; boundary=XX\r\n",
        b"Content-Transfer-Encoding: base64\r\n",
        b"Content-Transfer-Encoding: quoted-printable\r\n",
        b"Content-Disposition: attachment; filename*=utf-8''%C4%85.pdf\r\n",
        b"Subject: =?utf-8?B?xA==?= =?bad?Q?=ZZ?=\r\n",
        b"From: =?utf-8?Q?=C4=85?= <a@b.lt>, broken <\r\n",
        b"Date: Mon, 99 Foo 2024 99:99\r\n",
        b"\r\n",
        b"--XX\r\n",
        b"--XX--\r\n",
        b"<p>\xc4\x85<img src=cid:x>\r\n",
        b"=C4=85=\r\n",
        b"xIU=\r\n",
        b"\xff\xfe\x00\r\n",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MIME_PIECES, max_size=40))
def test_it_never_fails_on_random_mime_structures(pieces):
    letter = parse_letter(b"".join(pieces))
    assert isinstance(letter.text, str)
    assert "unreadable" not in {warning["code"] for warning in letter.warnings}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<power quadrant system@example.com>", [("", "")]),
        ("power quadrant system@example.com", [("power quadrant system@example.com", "")]),
        ('"Jonas "Joe" Jonaitis" <j@example.lt>', [("Jonas Joe Jonaitis", "j@example.lt")]),
        ('Ruta" Petraite <ruta@example.lt>', [("Ruta Petraite", "ruta@example.lt")]),
        ("jonas@example.lt (Jonas Jonaitis)", [("Jonas Jonaitis", "jonas@example.lt")]),
        ('"Jonas (darbas)" <j@example.lt>', [("Jonas (darbas)", "j@example.lt")]),
        ("Jonas (darbas) <j@example.lt> (Vilnius)", [("Jonas", "j@example.lt")]),
        ("tadas@mokykla", [("", "tadas@mokykla")]),
        ("Admin <root@localhost>", [("Admin", "root@localhost")]),
        ("jdöe@mächine.example", [("", "jdöe@mächine.example")]),
        ("Undisclosed recipients:;", []),
        ("Grupė: a@example.lt, b@example.lt;", [("", "a@example.lt"), ("", "b@example.lt")]),
        ("Jonas <jonas@example.lt", [("Jonas", "jonas@example.lt")]),
        ("<mailto:a@example.lt>", [("", "a@example.lt")]),
        ("=?utf-8?Q?Ieva?= <=?utf-8?Q?ieva=40example.lt?=>", [("Ieva", "ieva@example.lt")]),
        ("=?utf-8?B?SWV2YSBLxJcgPGlldmFAZXhhbXBsZS5sdD4=?=", [("Ieva Kė", "ieva@example.lt")]),
        (
            '"Kazlauskas, Jonas" <jk@example.lt>, ona@example.lt',
            [("Kazlauskas, Jonas", "jk@example.lt"), ("", "ona@example.lt")],
        ),
    ],
)
def test_it_reads_addresses_as_they_come_and_never_a_part_of_a_broken_one(value, expected):
    assert addresses_of(value) == expected


def test_it_starts_the_body_where_only_the_body_follows_a_line_that_is_no_header():
    letter = parse_letter(
        b"From: a@example.lt\r\nSubject: Be tarpo\r\nLaba diena,\r\n\r\nprasau pagalbos.\r\n"
    )
    assert letter.subject == "Be tarpo"
    assert letter.text.startswith("Laba diena,")
    assert "prasau pagalbos." in letter.text


def test_it_names_the_other_senders_and_answers_to_reply_to_when_from_has_no_address():
    two = by_file("62-")
    assert two.from_name == "Kotryna"
    assert {"code": "several_senders", "detail": "kita@example.com"} in two.warnings
    nameless = by_file("63-")
    assert (nameless.from_name, nameless.from_address) == (
        "Marius Petrauskas",
        "marius.p@example.lt",
    )
    quoted = by_file("64-")
    assert quoted.from_name == "Egle Kazlauske"
    assert quoted.cc == (
        "Tomas Tomukas Kazlauskas <tomas.k@example.lt>, Jonas Jonaitis <jonas@example.lt>"
    )
    encoded = by_file("66-")
    assert (encoded.from_name, encoded.reply_to) == ("Ieva Kėžaitė", "ieva.atsakymai@example.lt")
    assert by_file("67-").from_address == ""


def test_it_reads_asian_charsets_and_guesses_raw_headers_from_the_declared_charsets():
    japanese = by_file("70-")
    assert (japanese.from_name, japanese.subject) == ("山田太郎", "相談のお願い")
    raw_jis = b"Subject: " + "相談".encode("iso-2022-jp") + b"\r\n\r\nx"
    assert parse_letter(raw_jis).subject == "相談"
    assert by_file("71-").from_name == "王喆"
    assert by_file("72-").from_name == "Ольга Иванова"
    assert by_file("73-").from_name == "Jørn Støylen"


def test_it_reads_a_named_text_part_as_text_but_keeps_a_text_attachment_apart():
    assert not by_file("74-").attachments
    assert [item.filename for item in by_file("43-").attachments]


def test_it_keeps_what_only_one_version_says_in_the_text():
    letter = parse_letter(
        b"From: a@example.lt\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n"
        b"--b\r\nContent-Type: text/plain\r\n\r\nTik tekste.\r\n"
        b"--b\r\nContent-Type: text/html\r\n\r\n<p>Tik HTML versijoje.</p>\r\n--b--\r\n"
    )
    assert "Tik tekste." in letter.text
    assert "Tik HTML versijoje." in letter.text
    assert by_file("75-").text.count("Sveiki") == 1


def test_it_decodes_uuencoded_files_inline_and_as_a_transfer_encoding():
    inline = by_file("76-")
    assert [(item.filename, item.data) for item in inline.attachments] == [
        ("pazyma.txt", "Pažyma apie pajamas\n".encode())
    ]
    assert "begin 644" not in inline.text and "Ačiū." in inline.text
    encoded = b"begin 644 a.txt\r\n" + binascii.b2a_uu(b"Hello") + b"`\r\nend\r\n"
    letter = parse_letter(
        b"From: a@example.lt\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
        b"Content-Type: text/plain\r\n\r\nLabas\r\n--b\r\n"
        b"Content-Type: application/octet-stream\r\n"
        b"Content-Transfer-Encoding: x-uuencode\r\n"
        b'Content-Disposition: attachment; filename="a.txt"\r\n\r\n' + encoded + b"--b--\r\n"
    )
    assert [item.data for item in letter.attachments] == [b"Hello"]
