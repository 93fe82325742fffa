"""Property-based tests on every parser and form that takes what a person or a machine sends:
whatever comes, no server error and no exception; what is refused gets form errors and stores
nothing; what is valid is stored as it was sent."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linija.chat import protocol
from linija.chat.forms import StartForm
from linija.chat.tests.conftest import go_online
from linija.consultations.forms import ConsultationForm
from linija.consultations.models import Consultation, Conversation
from linija.knowledge.search import search_articles
from linija.mail.models import Letter
from linija.phone import cti
from linija.phone.models import Call, Callback, Exchange
from linija.phone.tests.conftest import TOKEN, WEDNESDAY_NOON, cti_url
from linija.reports import forms as report_forms

pytestmark = pytest.mark.django_db

# Whatever a form may send: any text a browser can encode (no lone surrogates), including
# control characters, CR/LF, NUL, right-to-left marks and long runs.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\r\nBcc: x@example.lt",
        "<script>alert(1)</script>",
        '=HYPERLINK("http://x")',
        "../../etc/passwd",
        "' OR 1=1 --",
        "\u202e",
        "x" * 5000,
    ]
)
FIELD = st.one_of(ANY_TEXT, HOSTILE)
WORDS = st.text(string.ascii_letters + "ąčęėįšųūžĄČĘĖĮŠŲŪŽ .,?!-", min_size=1, max_size=200).filter(
    lambda value: value.strip()
)
EMAIL = st.from_regex(
    r"[a-z][a-z0-9]{0,10}(\.[a-z0-9]{1,10})?@[a-z]{2,10}\.(lt|eu|com)", fullmatch=True
)
NAME = WORDS.filter(lambda value: len(value) <= 100)
PHONE = st.from_regex(r"\+3706[0-9]{7}", fullmatch=True)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=10,
)
PROPERTIES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.LINIJA_RATE_LIMITS = {scope: "100000/1" for scope in settings.LINIJA_RATE_LIMITS}


@pytest.fixture
def open_line(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: WEDNESDAY_NOON)


# --- Public forms ---------------------------------------------------------------------------


@PROPERTIES
@given(name=FIELD, email=FIELD, topic=FIELD, text=FIELD, consent=FIELD)
def test_it_answers_any_contact_form_with_errors_and_stores_nothing(
    client, name, email, topic, text, consent
):
    before = Conversation.objects.count()

    response = client.post(
        "/en/rasykite/",
        {"name": name, "email": email, "topic": topic, "text": text, "consent": consent},
    )

    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert 'class="errorlist' in response.text
        assert Conversation.objects.count() == before


@PROPERTIES
@given(email=EMAIL, text=WORDS, name=NAME)
def test_it_stores_a_valid_contact_message_as_it_was_written(client, email, text, name):
    # Each example is a first message: one sent again is "already sent" (test_contact_views).
    Letter.objects.all().delete()
    response = client.post(
        "/en/rasykite/",
        {"name": name, "email": email, "topic": "", "text": text, "consent": "on", "website": ""},
    )

    assert response.status_code == 302
    conversation = Conversation.objects.order_by("-pk").first()
    assert conversation.messages.get().body == text.strip()
    assert conversation.contact_address == email


@PROPERTIES
@given(phone=FIELD, name=FIELD, preferred=FIELD, consent=FIELD)
def test_it_answers_any_callback_request_with_errors_and_stores_nothing(
    client, open_line, phone, name, preferred, consent
):
    before = Callback.objects.count()

    response = client.post(
        "/en/perskambinkite/",
        {"phone": phone, "name": name, "preferred": preferred, "consent": consent},
    )

    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert 'class="errorlist' in response.text
        assert Callback.objects.count() == before


@PROPERTIES
@given(phone=PHONE, name=NAME)
def test_it_stores_a_valid_callback_request_as_it_was_written(client, open_line, phone, name):
    response = client.post(
        "/en/perskambinkite/", {"phone": phone, "name": name, "preferred": "", "consent": "on"}
    )

    assert response.status_code == 302
    # A number with a callback already waiting updates that one.
    callback = Callback.objects.get(phone=phone)
    assert callback.name == " ".join(name.split())


@PROPERTIES
@given(username=FIELD, password=FIELD, code=FIELD)
def test_it_answers_any_login_with_errors_or_a_lockout(client, username, password, code):
    response = client.post(
        "/en/staff/login/", {"username": username, "password": password, "code": code}
    )

    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


# --- Chat -----------------------------------------------------------------------------------


@PROPERTIES
@given(nickname=FIELD, caller_category=FIELD, topic=FIELD)
def test_it_checks_any_pre_chat_form_without_an_exception(nickname, caller_category, topic):
    form = StartForm({"nickname": nickname, "caller_category": caller_category, "topic": topic})

    if form.is_valid():
        assert form.cleaned_data["nickname"] == nickname.strip()
        assert len(nickname.strip()) <= 40
    else:
        assert form.errors


@PROPERTIES
@given(raw=st.one_of(ANY_TEXT, JSON_VALUE.map(json.dumps), st.binary(max_size=100)))
def test_it_parses_any_frame_into_a_frame_or_a_clear_error(raw):
    for frames in (protocol.VISITOR_FRAMES, protocol.STAFF_FRAMES):
        try:
            frame = protocol.parse(raw, frames)
        except protocol.FrameError as error:
            assert error.code and str(error.message)
        else:
            assert frame["type"] in frames


@PROPERTIES
@given(
    kind=st.sampled_from(sorted(protocol.VISITOR_FRAMES)),
    fields=st.dictionaries(
        st.sampled_from(
            [
                "body",
                "client_id",
                "rating",
                "comment",
                "token",
                "email",
                "lang",
                "session",
                "up_to",
                "active",
            ]
        ),
        JSON_VALUE,
        max_size=6,
    ),
)
def test_it_parses_any_visitor_frame_fields_into_a_frame_or_a_clear_error(kind, fields):
    try:
        frame = protocol.parse(json.dumps({"type": kind, **fields}), protocol.VISITOR_FRAMES)
    except protocol.FrameError as error:
        assert error.code
    else:
        assert frame["type"] == kind
        assert set(frame) <= {"type", *protocol.VISITOR_FRAMES[kind]}


@PROPERTIES
@given(body=WORDS, client_id=st.from_regex(r"[a-z0-9-]{1,40}", fullmatch=True))
def test_it_keeps_a_valid_message_frame_as_it_was_sent(body, client_id):
    raw = json.dumps({"type": "message", "body": body, "client_id": client_id})

    frame = protocol.parse(raw, protocol.VISITOR_FRAMES)

    assert frame == {"type": "message", "body": body, "client_id": client_id}


@PROPERTIES
@given(rating=JSON_VALUE, comment=FIELD)
def test_it_takes_a_survey_or_refuses_it_clearly(specialist, rating, comment):
    from linija.chat import services
    from linija.chat.models import ChatSurvey
    from linija.chat.services import ChatError

    go_online(specialist)
    session, _token = services.chat_start()
    services.chat_end(session_id=session.pk, ended_by="visitor")
    raw = json.dumps({"type": "survey", "rating": rating, "comment": comment})
    try:
        frame = protocol.parse(raw, protocol.VISITOR_FRAMES)
        services.chat_survey_submit(
            session_id=session.pk, rating=frame["rating"], comment=frame["comment"]
        )
    except (protocol.FrameError, ChatError) as error:
        assert error.code
        assert not ChatSurvey.objects.filter(consultation=session.conversation.consultation)
    else:
        survey = ChatSurvey.objects.get(consultation=session.conversation.consultation)
        assert survey.rating == rating
        assert survey.comment == frame["comment"]


# --- The CTI webhook ------------------------------------------------------------------------


CTI_FIELDS = st.sampled_from(
    ["event", "from", "to", "direction", "callId", "user", "queue", "answeringNumber", "cause"]
)


@PROPERTIES
@given(data=st.dictionaries(st.one_of(CTI_FIELDS, ANY_TEXT), JSON_VALUE, max_size=9))
def test_it_parses_any_cti_event_into_an_event_or_a_clear_error(data):
    try:
        event = cti.parse_event(data)
    except cti.CtiError as error:
        assert error.code and error.message
    else:
        assert event.event in cti.EVENTS
        assert event.call_id == str(data["callId"]).strip() or event.call_id


@PROPERTIES
@given(body=st.one_of(st.binary(max_size=300), JSON_VALUE.map(json.dumps).map(str.encode)))
def test_it_answers_any_cti_body_without_a_server_error(client, body):
    Exchange.objects.get_or_create(token=TOKEN, defaults={"name": "Stotis"})
    before = Call.objects.count()

    response = client.post(cti_url(), body, content_type="application/json")

    assert response.status_code in (200, 422)
    assert response["Content-Type"] == "application/json"
    if response.status_code == 422:
        assert response.json()["error"]
        assert Call.objects.count() == before


@PROPERTIES
@given(call_id=st.from_regex(r"[A-Za-z0-9-]{1,60}", fullmatch=True), number=PHONE)
def test_it_stores_a_valid_new_call_as_it_was_sent(client, call_id, number):
    Exchange.objects.get_or_create(token=TOKEN, defaults={"name": "Stotis"})
    event = {"event": "newCall", "from": number, "to": "880020300", "direction": "in"}

    response = client.post(
        cti_url(), json.dumps({**event, "callId": call_id}), content_type="application/json"
    )

    assert response.status_code in (200, 422)
    if response.status_code == 200:
        call = Call.objects.get(call_id=call_id)
        assert call.direction == "in"
        assert not call.anonymous
    else:
        assert Call.objects.filter(call_id=call_id).count() == 1  # a repeated newCall


# --- Staff forms ----------------------------------------------------------------------------


CONSULTATION_FIELDS = st.fixed_dictionaries(
    {}, optional={name: FIELD for name in [*ConsultationForm.Meta.fields, "action"]}
)


@PROPERTIES
@given(data=CONSULTATION_FIELDS)
def test_it_answers_any_consultation_record_with_errors_or_a_stored_record(specialist_client, data):
    before = Consultation.objects.count()

    response = specialist_client.post("/en/staff/consultations/new/", data)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert 'class="errorlist' in response.text
        assert Consultation.objects.count() == before
    else:
        assert Consultation.objects.count() == before + 1


@PROPERTIES
@given(summary=WORDS)
def test_it_stores_a_valid_draft_record_as_it_was_written(specialist_client, summary):
    response = specialist_client.post(
        "/en/staff/consultations/new/",
        {
            "channel": "phone",
            "kind": "counselling",
            "started_at": "2026-03-04T13:00",
            "summary": summary,
        },
    )

    assert response.status_code == 302
    assert Consultation.objects.order_by("-pk").first().summary == summary.strip()


@PROPERTIES
@given(query=FIELD)
def test_it_searches_the_knowledge_base_for_any_query(client, specialist_client, query):
    hits = search_articles(query, language="lt")

    assert isinstance(hits, list)
    assert client.get("/en/duk/", {"q": query}).status_code == 200
    staff = specialist_client.get("/en/staff/knowledge/", {"q": query})
    assert staff.status_code in (200, 400)
    if staff.status_code == 400:
        assert 'class="errorlist' in staff.text


REPORT_FIELDS = st.fixed_dictionaries({}, optional={name: FIELD for name in report_forms.FIELDS})


@PROPERTIES
@given(query=REPORT_FIELDS)
def test_it_answers_any_report_filter_without_a_server_error(supervisor_client, query):
    response = supervisor_client.get("/en/staff/reports/statistics/", query)

    assert response.status_code in (200, 400)
    csv = supervisor_client.get("/en/staff/reports/statistics/export.csv", query)
    assert csv.status_code in (200, 400)
