"""What the webhook refuses is noted for the administrator (never the token or a number), and
an outgoing call is answered with the caller ID the administrator's rules give."""

import json

import pytest

from linija.phone.models import BlockedNumber, CallerIdRule, RefusedEvent
from linija.phone.tests.conftest import CALLER, TOKEN, cti_url, hangup, new_call
from linija.privacy.pseudonyms import pseudonym
from linija.privacy.services import personal_purge

pytestmark = pytest.mark.django_db

WRONG = "wrong-token-abcdefghijklmnop"


def outgoing(call_id: str, to: str) -> dict:
    return new_call(call_id, direction="out", **{"from": "101", "to": to})


# --- Caller IDs of outgoing calls -------------------------------------------------------------


def test_it_answers_an_outgoing_call_with_nothing_without_rules(exchange, post):
    assert post(outgoing("o1", CALLER)).json() == {}


@pytest.mark.parametrize(
    ("to", "caller_id"),
    [
        ("8 612 34567", "37080020301"),  # a Lithuanian mobile, written nationally
        ("+37061234567", "37080020301"),
        ("sip:+37052123456@pbx.example.lt", "37052000000"),
        ("4930123456789", "37080020300"),  # no rule of its own: the default
        ("**21", "37080020300"),
    ],
)
def test_it_tells_the_exchange_which_caller_id_to_dial_with(exchange, post, to, caller_id):
    CallerIdRule.objects.create(prefix="", caller_id="37080020300", note="default")
    CallerIdRule.objects.create(prefix="370", caller_id="37080020399")
    CallerIdRule.objects.create(prefix="3706", caller_id="37080020301", note="mobiles")
    CallerIdRule.objects.create(prefix="37052", caller_id="37052000000", note="Vilnius")

    answer = post(outgoing("o1", to)).json()

    assert answer == {"action": "dial", "caller_id": caller_id, "number": to}


def test_it_gives_no_caller_id_to_an_incoming_call(exchange, post):
    CallerIdRule.objects.create(prefix="", caller_id="37080020300")

    assert post(new_call("c1")).json() == {}


def test_it_lets_the_administrator_edit_the_caller_id_rules(administrator_client):
    added = administrator_client.post(
        "/en/admin/phone/calleridrule/add/",
        {"prefix": "3706", "caller_id": "37080020301", "note": "mobiles"},
    )
    wrong = administrator_client.post(
        "/en/admin/phone/calleridrule/add/", {"prefix": "86*", "caller_id": "x"}
    )

    assert added.status_code == 302
    assert wrong.status_code == 200
    assert list(CallerIdRule.objects.values_list("prefix", "caller_id")) == [
        ("3706", "37080020301")
    ]


# --- Refused requests ------------------------------------------------------------------------


def test_it_notes_every_refusal_with_its_reason_and_no_secret(exchange, client, post):
    BlockedNumber.objects.create(exchange=exchange, caller_key=pseudonym("phone", CALLER))
    client.post(cti_url(WRONG), new_call("c0"))
    post({**new_call("c1"), "direction": "sideways"})
    post(hangup("nobody-knows"))
    client.post(cti_url(), "{not json", content_type="application/json")
    client.post(cti_url(), "x" * 70_000, content_type="application/json")
    rejected = post(new_call("c2"))

    assert rejected.json()["action"] == "reject"
    noted = list(
        RefusedEvent.objects.order_by("id").values_list(
            "status", "code", "event", "call_id", "exchange"
        )
    )
    assert noted == [
        (401, "invalid_token", "", "", None),
        (422, "invalid_field", "newCall", "c1", exchange.pk),
        (422, "unknown_call", "hangup", "nobody-knows", exchange.pk),
        (422, "invalid_body", "", "", exchange.pk),
        (413, "too_large", "", "", exchange.pk),
        (200, "rejected", "newCall", "c2", exchange.pk),
    ]
    assert "direction" in RefusedEvent.objects.get(call_id="c1").reason
    stored = json.dumps(list(RefusedEvent.objects.values()), default=str)
    for secret in (TOKEN, WRONG, CALLER, CALLER.lstrip("+")):
        assert secret not in stored
    assert RefusedEvent.objects.filter(client="127.0.0.1").count() == 6


def test_it_shows_the_refusals_to_the_administrator_read_only(
    exchange, post, client, administrator
):
    post(hangup("nobody-knows"))
    client.force_login(administrator)

    page = client.get("/en/admin/phone/refusedevent/").content.decode()
    noted = RefusedEvent.objects.get()

    assert "unknown_call" in page and "nobody-knows" in page
    assert client.get("/en/admin/phone/refusedevent/add/").status_code == 403
    change = client.post(f"/en/admin/phone/refusedevent/{noted.pk}/change/", {"code": "x"})
    assert change.status_code in (302, 403)
    noted.refresh_from_db()
    assert noted.code == "unknown_call"


def test_it_lets_the_retention_purge_delete_old_refusals(exchange, post, clock):
    post(hangup("old"))
    clock.tick(3600)
    post(hangup("new"))

    arguments = {"personal": RefusedEvent.personal, "kind": "audit_log", "before": clock.now}
    locked = RefusedEvent.objects.none()
    assert personal_purge(**arguments, locked=locked, dry_run=True) == 1
    personal_purge(**arguments, locked=locked, dry_run=False)

    assert list(RefusedEvent.objects.values_list("call_id", flat=True)) == ["new"]
