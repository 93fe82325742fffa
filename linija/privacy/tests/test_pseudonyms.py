import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linija.privacy.pseudonyms import normalise_phone, pseudonym

MOBILE = "+37061234567"


@pytest.mark.parametrize(
    "written",
    [
        "+37061234567",
        "+370 612 34567",
        "+370 6 123 4567",
        "00370 612 34567",
        "0037061234567",
        "8 612 34567",
        "861234567",
        "8-612-34567",
        "8 (612) 34 567",
        "612 34567",
        "37061234567",
        " +370.612.34567 ",
    ],
)
def test_it_writes_every_lithuanian_form_as_e164(written):
    assert normalise_phone(written) == MOBILE


def test_it_reads_the_free_line_and_landlines():
    assert normalise_phone("8 800 20 300") == "+37080020300"
    assert normalise_phone("8 37 123456") == "+37037123456"


def test_it_keeps_other_countries_numbers():
    assert normalise_phone("+49 30 5557 1600") == "+493055571600"
    assert normalise_phone("004930 55571600") == "+493055571600"
    assert normalise_phone("493055571600") == "+493055571600"


@pytest.mark.parametrize(
    "wrong",
    [
        "",
        "anonymous",
        "112",
        "+370 612 3456",
        "+370 612 345678",
        "8612345",
        "612345678",
        "0612345678",
        "+0612345678",
        "+1234567890123456",
        "86123456a",
        "+٣٧٠٦١٢٣٤٥٦٧",
    ],
)
def test_it_refuses_what_is_not_a_phone_number(wrong):
    with pytest.raises(ValueError, match=r"\S"):
        normalise_phone(wrong)


def test_it_hashes_kind_and_normalised_value_with_the_key(settings):
    settings.PSEUDONYM_KEY = "a-secret"
    expected = hmac.new(b"a-secret", f"phone:{MOBILE}".encode(), hashlib.sha256).hexdigest()

    assert pseudonym("phone", "8 612 34567") == expected
    assert pseudonym("phone", "+370 612 34567") == expected


def test_it_gives_another_pseudonym_under_another_key(settings):
    settings.PSEUDONYM_KEY = "first"
    first = pseudonym("phone", MOBILE)
    settings.PSEUDONYM_KEY = "second"

    assert pseudonym("phone", MOBILE) != first


def test_it_trims_and_lowercases_email_addresses():
    assert pseudonym("email", "  Ona@Example.LT ") == pseudonym("email", "ona@example.lt")
    assert pseudonym("email", "ona@example.lt") != pseudonym("phone", MOBILE)


def test_it_refuses_to_pseudonymise_an_invalid_phone_number():
    with pytest.raises(ValueError):
        pseudonym("phone", "anonymous")


def test_it_keeps_kinds_apart():
    assert pseudonym("email", "x@example.lt") != pseudonym("other", "x@example.lt")


# Lithuanian numbers start with 3 to 8 after the country code (landlines, mobiles, 8 800 …).
lithuanian_national = st.builds(
    "".join,
    st.tuples(st.sampled_from("345678"), st.text(alphabet="0123456789", min_size=7, max_size=7)),
)
separators = st.sampled_from(["", " ", "-", " (", ") ", "."])


@given(number=lithuanian_national, glue=st.lists(separators, min_size=9, max_size=9))
def test_it_gives_one_pseudonym_to_every_way_of_writing_a_number(number, glue):
    def spaced(digits: str) -> str:
        return "".join(part + sep for part, sep in zip(digits, glue, strict=False))

    forms = [f"+370{spaced(number)}", f"00370{spaced(number)}", f"8{spaced(number)}", number]

    assert {normalise_phone(form) for form in forms} == {f"+370{number}"}
    assert len({pseudonym("phone", form) for form in forms}) == 1


@given(value=st.text(max_size=30))
def test_it_either_refuses_or_returns_a_stable_e164_number(value):
    try:
        normalised = normalise_phone(value)
    except ValueError:
        return
    assert normalised.startswith("+")
    assert normalised[1:].isascii() and normalised[1:].isdigit()
    assert 7 <= len(normalised) - 1 <= 15
    assert normalise_phone(normalised) == normalised


@given(value=st.text(min_size=1, max_size=60))
def test_it_always_gives_64_hex_digits(value):
    key = pseudonym("email", value)
    assert len(key) == 64
    assert int(key, 16) >= 0
