import json

import pytest
from django.test import RequestFactory

from linija.phone.cti import CtiError, parse_event, party_number, request_fields

factory = RequestFactory()


def test_it_reads_every_field_of_the_contract():
    event = parse_event(
        {
            "event": "hangup",
            "callId": "c1",
            "direction": "in",
            "from": "anonymous",
            "to": "880020300",
            "user": "Ona",
            "queue": "q",
            "answeringNumber": "101",
            "cause": "noAnswer",
        }
    )

    assert event.users == ("Ona",)
    assert (event.queue, event.answering_number, event.cause) == ("q", "101", "noAnswer")


def test_it_takes_withheld_numbers_as_no_number():
    incoming = parse_event(
        {
            "event": "newCall",
            "callId": "c",
            "direction": "in",
            "from": "anonymous",
            "to": "880020300",
        }
    )

    assert incoming.from_number == "anonymous"
    assert party_number(incoming.from_number) == ""


def test_it_needs_only_the_call_and_cause_of_a_hangup():
    event = parse_event({"event": "hangup", "callId": "c", "cause": "cancel"})

    assert (event.direction, event.from_number, event.users) == ("", "", ())


def test_it_refuses_anything_but_an_object():
    with pytest.raises(CtiError) as refused:
        parse_event(["newCall"])

    assert refused.value.code == "invalid_body"


def test_it_reads_a_form_with_repeated_user_brackets():
    request = factory.post("/", {"event": "answer", "callId": "c", "user[]": ["A", "B"]})

    assert request_fields(request) == {"event": "answer", "callId": "c", "user": ["A", "B"]}


def test_it_reads_a_json_body():
    body = {"event": "answer", "callId": "c", "user": ["A"]}
    request = factory.post("/", json.dumps(body), content_type="application/json")

    assert request_fields(request) == body


def test_it_reads_a_number_whose_plus_a_form_turned_into_a_space():
    request = factory.post(
        "/",
        "event=newCall&from=+37061234567&to=880020300&direction=in&callId=c",
        content_type="application/x-www-form-urlencoded",
    )

    assert party_number(parse_event(request_fields(request)).from_number) == "37061234567"


@pytest.mark.parametrize("spelling", ["callId", "call_id"])
def test_it_reads_the_call_id_in_either_spelling(spelling):
    event = parse_event({"event": "hangup", spelling: "c9", "cause": "cancel"})

    assert event.call_id == "c9"


@pytest.mark.parametrize("word", ["Anonymous", "RESTRICTED", "unknown", "Private"])
def test_it_takes_the_words_exchanges_write_for_a_withheld_number_in_any_case(word):
    event = parse_event(
        {"event": "newCall", "callId": "c", "direction": "in", "from": word, "to": "880020300"}
    )

    assert party_number(event.from_number) == ""


def test_it_reads_fields_from_the_query_string_under_those_of_the_body():
    request = factory.post(
        "/?event=newCall&call_id=q&user[]=A&direction=in",
        {"event": "answer", "from": "+37061234567"},
    )

    assert request_fields(request) == {
        "event": "answer",
        "call_id": "q",
        "direction": "in",
        "from": "+37061234567",
        "user": ["A"],
    }


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("+37061234567", "+37061234567"),
        (" 37061234567", "37061234567"),
        ("sip:+37061234567@pbx.example.lt", "+37061234567"),
        ("SIP:101@10.0.0.1;transport=udp", "101"),
        ("sips:ona@pbx.example.lt", "ona"),
        ("tel:+370-612-34567;phone-context=lt", "+370-612-34567"),
        ("sip:anonymous@anonymous.invalid", ""),
        ("Unknown", ""),
        ("**21", "**21"),
        ("", ""),
    ],
)
def test_it_finds_the_number_in_whatever_an_exchange_writes_for_a_party(written, number):
    event = parse_event(
        {"event": "newCall", "callId": "c", "direction": "in", "from": written, "to": "1"}
    )

    assert event.from_number == written
    assert party_number(event.from_number) == number


@pytest.mark.parametrize(
    "fields", [{"user": "voicemail"}, {"user": ["Voicemail"]}, {"answeringNumber": "VOICEMAIL "}]
)
def test_it_knows_an_answer_by_voicemail(fields):
    assert parse_event({"event": "answer", "callId": "c", **fields}).by_voicemail
    assert not parse_event({"event": "answer", "callId": "c", "user": "Ona"}).by_voicemail
