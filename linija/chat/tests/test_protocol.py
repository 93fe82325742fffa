import json

import pytest
from django.utils import translation

from linija.chat.protocol import (
    MAX_FRAME_CHARS,
    STAFF_FRAMES,
    VISITOR_FRAMES,
    FrameError,
    SlidingWindow,
    parse,
)


def refused(raw, frames=VISITOR_FRAMES):
    with pytest.raises(FrameError) as error:
        parse(raw, frames)
    return error.value.code


def test_it_reads_a_valid_message_frame():
    frame = parse(
        json.dumps({"type": "message", "client_id": "c-1", "body": "Labas"}), VISITOR_FRAMES
    )

    assert frame == {"type": "message", "client_id": "c-1", "body": "Labas"}


def test_it_fills_in_the_optional_fields():
    assert parse('{"type": "hello"}', VISITOR_FRAMES) == {
        "type": "hello",
        "token": None,
        "lang": "lt",
    }
    assert parse('{"type": "end"}', VISITOR_FRAMES) == {"type": "end", "quick_exit": False}


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("not json", "bad_json"),
        ("[1, 2]", "bad_frame"),
        ('"message"', "bad_frame"),
        ("{}", "unknown_type"),
        ('{"type": "shout"}', "unknown_type"),
        ('{"type": 7}', "unknown_type"),
        ('{"type": "message", "client_id": "c-1"}', "bad_frame"),
        ('{"type": "message", "client_id": "c-1", "body": ""}', "empty"),
        ('{"type": "message", "client_id": "c-1", "body": "  \\n "}', "empty"),
        ('{"type": "message", "client_id": "c-1", "body": 42}', "bad_frame"),
        ('{"type": "message", "client_id": "bad id!", "body": "x"}', "bad_frame"),
        ('{"type": "message", "client_id": "c-1", "body": "x", "session": 9}', "bad_frame"),
        ('{"type": "typing", "active": "yes"}', "bad_frame"),
        ('{"type": "read", "up_to": -1}', "bad_frame"),
        ('{"type": "read", "up_to": true}', "bad_frame"),
        ('{"type": "survey", "rating": 6}', "invalid"),
        ('{"type": "hello", "lang": "fr"}', "bad_frame"),
    ],
)
def test_it_refuses_a_wrong_frame_with_a_clear_code(raw, code):
    assert refused(raw) == code


def test_it_refuses_a_message_over_four_thousand_characters():
    raw = json.dumps({"type": "message", "client_id": "c-1", "body": "x" * 4001})

    assert refused(raw) == "too_long"
    assert parse(raw.replace("x" * 4001, "x" * 4000), VISITOR_FRAMES)["body"] == "x" * 4000


def test_it_refuses_a_frame_too_large_to_read_and_binary_frames():
    assert refused("x" * (MAX_FRAME_CHARS + 1)) == "too_large"
    assert refused(b'{"type": "ping"}') == "bad_frame"


def test_it_checks_the_staff_frames_chat_id():
    assert refused('{"type": "accept", "session": "7"}', STAFF_FRAMES) == "bad_frame"
    assert parse('{"type": "transfer", "session": 7}', STAFF_FRAMES) == {
        "type": "transfer",
        "session": 7,
        "to": None,
        "note": "",
    }


def test_it_carries_a_message_that_names_the_field():
    with pytest.raises(FrameError) as error:
        parse('{"type": "message", "client_id": "c-1"}', VISITOR_FRAMES)

    assert "body" in str(error.value.message)


def test_it_allows_a_limited_number_of_frames_in_a_sliding_window():
    now = [0.0]
    window = SlidingWindow(3, 10, clock=lambda: now[0])

    assert [window.allow() for _ in range(4)] == [True, True, True, False]
    now[0] = 10.0
    assert window.allow()


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("lt", "„body“ gali būti ne ilgesnis nei 4\u00a0000 simbolių."),
        ("en", "“body” can have at most 4,000 characters."),
    ],
)
def test_it_says_the_limit_as_the_language_writes_numbers(language, said):
    raw = json.dumps({"type": "message", "client_id": "c-1", "body": "x" * 4001})

    with translation.override(language), pytest.raises(FrameError) as error:
        parse(raw, VISITOR_FRAMES)

    assert str(error.value.message) == said
