"""The webhook's OpenAPI description is served, and the webhook keeps to it: schemathesis
posts what the description allows (JSON and form bodies, known and unknown calls, wrong tokens)
and checks every answer against it."""

import json

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from linija.phone.models import Call
from linija.phone.openapi import cti_openapi
from linija.phone.tests.conftest import TOKEN

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
SCHEMA = schemathesis.openapi.from_dict(cti_openapi())
OPERATION = SCHEMA["/api/v1/cti/{token}"]["POST"]
HEADER_OPERATION = SCHEMA["/api/v1/cti"]["POST"]
# A few call ids the examples share, so that answers and hangups meet calls that exist.
KNOWN_IDS = st.sampled_from(["call-a", "call-b", "call-c"])
FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
APP = WSGIHandler()


@pytest.fixture(autouse=True)
def _connection_kept_open():
    """The WSGI app closes the database connection after each request (as in production);
    here the test's transaction must stay, as Django's test client arranges it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_it_serves_its_openapi_description(client):
    response = client.get("/api/v1/cti/openapi.json")

    assert response.status_code == 200
    described = json.loads(response.content)
    assert described == cti_openapi()
    assert described["openapi"].startswith("3.")
    assert set(described["paths"]["/api/v1/cti/{token}"]["post"]["responses"]) == {
        "200",
        "401",
        "413",
        "422",
    }


@pytest.mark.parametrize("media_type", ["application/json", "application/x-www-form-urlencoded"])
def test_it_keeps_to_its_description_for_every_allowed_event(exchange, media_type):
    @FUZZ
    @given(
        case=OPERATION.as_strategy(path_parameters={"token": TOKEN}, media_type=media_type),
        call_id=KNOWN_IDS,
        reuse=st.booleans(),
    )
    def fuzz(case, call_id, reuse):
        if reuse:
            case.body["callId"] = call_id
        case.call_and_validate(app=APP, checks=CHECKS)

    fuzz()

    assert Call.objects.exists()


def test_it_keeps_to_its_description_with_a_wrong_token(exchange):
    @settings(FUZZ, max_examples=20)
    @given(case=OPERATION.as_strategy(media_type="application/json"))
    def fuzz(case):
        response = case.call_and_validate(app=APP, checks=CHECKS)
        assert response.status_code == 401

    fuzz()

    assert not Call.objects.exists()


def test_it_keeps_to_its_description_with_the_token_in_the_header(exchange):
    @settings(FUZZ, max_examples=30)
    @given(
        case=HEADER_OPERATION.as_strategy(
            headers={"Authorization": f"Bearer {TOKEN}"}, media_type="application/json"
        ),
        call_id=KNOWN_IDS,
    )
    def fuzz(case, call_id):
        case.body["callId"] = call_id
        response = case.call_and_validate(app=APP, checks=CHECKS)
        assert response.status_code != 401

    fuzz()

    assert Call.objects.exists()
