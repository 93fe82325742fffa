"""Every URL and WebSocket route of the project, with the answer each role gets.

A URL without an entry in ``EXPECTED`` fails the test: whoever adds a URL decides who may use it.
Each URL gets one GET per role; object URLs get a real object of the specialist's (or a pk that
does not exist where "missing" is the point). The admin site is checked through its index and
one change list: its own permission system guards every page under it.
"""

from __future__ import annotations

import datetime

import pytest
from channels.testing import WebsocketCommunicator
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from linija.asgi import application
from linija.chat import services as chat_services
from linija.chat.tests.conftest import go_online
from linija.consultations.models import Case, Consultation
from linija.consultations.services import conversation_open
from linija.knowledge.models import Article
from linija.mail.models import QuarantinedLetter
from linija.privacy.models import SafeguardingFlag
from linija.routing import websocket_urlpatterns
from linija.site.models import Page
from linija.testing.aio import SAME_ORIGIN, run_async

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "specialist", "supervisor", "administrator")
MISSING = 999999
LOGIN = "login"  # 302 to the login page
ADMIN_LOGIN = "admin login"  # 302 to the admin's login page


def url_patterns() -> dict[str, URLPattern]:
    """Every URL pattern by "namespace:name" (the pattern's text for an unnamed one)."""
    return {key: pattern for key, _route, pattern in walk(get_resolver().url_patterns)}


def walk(patterns, namespace: str = "", prefix: str = ""):
    """(key, full route, pattern) of every URL pattern under ``patterns``."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from walk(pattern.url_patterns, inner, route)
        else:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name or route, route, pattern


@pytest.fixture
def objects(specialist):
    now = timezone.now() - datetime.timedelta(hours=1)
    consultation = Consultation.objects.create(
        channel="phone", started_at=now, specialist=specialist
    )
    email = conversation_open(channel="email", contact_address="ona@example.lt")
    case = Case.objects.create(title="Globėja", owner=specialist, consent_given_at=now)
    flag = SafeguardingFlag.objects.create(
        consultation=consultation, raised_by=specialist, note="Pavojus"
    )
    article = Article.objects.filter(published=True, audience="public").first()
    quarantined = QuarantinedLetter(
        mailbox="linija@imap", key="q" * 64, reason="RuntimeError", quarantined_at=now
    )
    quarantined.raw.save("q.eml", ContentFile(b"From: ona@example.lt\r\n\r\nHi"))
    return {
        "consultation": consultation.pk,
        "conversation": email.pk,
        "case": case.pk,
        "flag": flag.pk,
        "article": article.pk,
        "quarantined": quarantined.pk,
        "article_slug": article.slug,
        "page_slug": Page.objects.first().slug,
    }


# Which object each parametrised URL is given; other ``pk``s are a pk that does not exist.
OBJECT_OF = {
    "consultations:detail": "consultation",
    "consultations:edit": "consultation",
    "privacy:safeguarding_raise": "consultation",
    "privacy:contact_reveal": "conversation",
    "privacy:safeguarding_resolve": "flag",
    "inbox:conversation": "conversation",
    "inbox:claim": "conversation",
    "inbox:assign": "conversation",
    "inbox:status": "conversation",
    "mail:conversation": "conversation",
    "mail:status": "conversation",
    "mail:claim": "conversation",
    "mail:thread_link": "conversation",
    "mail:quarantined": "quarantined",
    "mail:quarantined_retry": "quarantined",
    "mail:quarantined_open": "quarantined",
    "mail:quarantined_raw": "quarantined",
    "inbox:case_detail": "case",
    "inbox:case_note": "case",
    "inbox:case_link": "case",
    "inbox:case_manage": "case",
    "knowledge:staff_detail": "article",
    "knowledge:staff_mark_checked": "article",
    "knowledge:faq_article": "article_slug",
    "site:page": "page_slug",
}


def url_of(key: str, pattern: URLPattern, objects: dict) -> str:
    kwargs = {}
    for name, converter in getattr(pattern.pattern, "converters", {}).items():
        if key in OBJECT_OF:
            kwargs[name] = objects[OBJECT_OF[key]]
        elif converter.regex == "[0-9]+":
            kwargs[name] = MISSING
        else:
            kwargs[name] = "nothing-here"
    return reverse(key, kwargs=kwargs)


def answer(response) -> int | str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("accounts:login")):
            return LOGIN
        if location.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
    return response.status_code


# The answer to a GET by: anonymous visitor, specialist, supervisor, administrator.
EXPECTED = {
    "set_language": (302, 302, 302, 302),
    "hours:status": (200, 200, 200, 200),
    "phone_api:openapi": (200, 200, 200, 200),
    "phone_api:cti": (405, 405, 405, 405),
    "phone_api:cti_header": (405, 405, 405, 405),
    "healthz": (200, 200, 200, 200),
    "health:status": (LOGIN, 404, 200, 200),
    "chat_api:widget": (200, 200, 200, 200),
    "chat_api:leave": (405, 405, 405, 405),
    "admin:index": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    "admin:privacy_retentionrule_changelist": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    "javascript-catalog": (200, 200, 200, 200),
    "accounts:login": (200, 200, 200, 200),
    "accounts:logout": (405, 405, 405, 405),
    "accounts:two_factor": (LOGIN, 200, 200, 200),
    "consultations:list": (LOGIN, 200, 200, 200),
    "consultations:create": (LOGIN, 200, 200, 200),
    "consultations:detail": (LOGIN, 200, 200, 200),
    "consultations:edit": (LOGIN, 200, 200, 200),
    "inbox:index": (LOGIN, 200, 200, 200),
    "inbox:rows": (LOGIN, 200, 200, 200),
    "inbox:waiting": (LOGIN, 200, 200, 200),
    "inbox:conversation": (LOGIN, 200, 200, 200),
    "inbox:claim": (LOGIN, 405, 405, 405),
    "inbox:assign": (LOGIN, 405, 405, 405),
    "inbox:status": (LOGIN, 405, 405, 405),
    "inbox:case_list": (LOGIN, 200, 200, 200),
    "inbox:case_find": (LOGIN, 405, 405, 405),
    "inbox:case_create": (LOGIN, 404, 404, 404),
    "inbox:case_detail": (LOGIN, 200, 200, 200),
    "inbox:case_note": (LOGIN, 405, 405, 405),
    "inbox:case_link": (LOGIN, 405, 405, 405),
    "inbox:case_manage": (LOGIN, 405, 405, 405),
    "chat:page": (200, 200, 200, 200),
    "chat:console": (LOGIN, 200, 200, 200),
    "chat:console_state": (LOGIN, 200, 200, 200),
    "chat:session": (LOGIN, 404, 404, 404),
    "chat:board": (LOGIN, 404, 200, 200),
    "chat:board_state": (LOGIN, 404, 200, 200),
    "chat:limit": (LOGIN, 404, 405, 405),
    "mail:contact": (200, 200, 200, 200),
    "mail:contact_sent": (200, 200, 200, 200),
    "mail:list": (LOGIN, 200, 200, 200),
    "mail:filtered": (LOGIN, 404, 200, 200),
    "mail:conversation": (LOGIN, 200, 200, 200),
    "mail:status": (LOGIN, 405, 405, 405),
    "mail:claim": (LOGIN, 405, 405, 405),
    "mail:thread_link": (LOGIN, 405, 405, 405),
    "mail:letter_html": (LOGIN, 404, 404, 404),
    "mail:letter_raw": (LOGIN, 404, 404, 404),
    "mail:attachment": (LOGIN, 404, 404, 404),
    "mail:attachment_image": (LOGIN, 404, 404, 404),
    "mail:outbox_retry": (LOGIN, 405, 405, 405),
    "mail:quarantine": (LOGIN, 404, 200, 200),
    "mail:quarantined": (LOGIN, 404, 200, 200),
    "mail:quarantined_retry": (LOGIN, 405, 405, 405),
    "mail:quarantined_open": (LOGIN, 405, 405, 405),
    "mail:quarantined_raw": (LOGIN, 404, 200, 200),
    "phone:callback_request": (200, 200, 200, 200),
    "phone:callback_requested": (200, 200, 200, 200),
    "phone:call_list": (LOGIN, 200, 200, 200),
    "phone:call_log": (LOGIN, 200, 200, 200),
    "phone:call_live": (LOGIN, 200, 200, 200),
    "phone:call_detail": (LOGIN, 404, 404, 404),
    "phone:call_take": (LOGIN, 405, 405, 405),
    "phone:call_callback_close": (LOGIN, 405, 405, 405),
    "phone:call_popup": (LOGIN, 404, 404, 404),
    "phone:callback_list": (LOGIN, 200, 200, 200),
    "phone:callback_detail": (LOGIN, 404, 404, 404),
    "phone:callback_claim": (LOGIN, 405, 405, 405),
    "phone:callback_attempt": (LOGIN, 405, 405, 405),
    "phone:callback_close": (LOGIN, 405, 405, 405),
    "knowledge:faq": (200, 200, 200, 200),
    "knowledge:faq_article": (302, 302, 302, 302),
    "knowledge:staff_index": (LOGIN, 200, 200, 200),
    "knowledge:staff_detail": (LOGIN, 200, 200, 200),
    "knowledge:staff_mark_checked": (405, 405, 405, 405),
    "reports:dashboard": (LOGIN, 404, 200, 200),
    "reports:dashboard_data": (LOGIN, 404, 200, 200),
    "reports:statistics": (LOGIN, 404, 200, 200),
    "reports:chart": (LOGIN, 404, 404, 404),
    "reports:export_csv": (LOGIN, 404, 200, 200),
    "reports:export_create": (LOGIN, 404, 405, 405),
    "reports:export_detail": (LOGIN, 404, 404, 404),
    "reports:export_status": (LOGIN, 404, 404, 404),
    "reports:export_download": (LOGIN, 404, 404, 404),
    "privacy:safeguarding_list": (LOGIN, 404, 200, 200),
    "privacy:safeguarding_raise": (LOGIN, 200, 200, 200),
    "privacy:safeguarding_resolve": (LOGIN, 404, 200, 200),
    "privacy:subject": (LOGIN, 404, 404, 200),
    "privacy:contact_reveal": (LOGIN, 405, 405, 405),
    "site:home": (200, 200, 200, 200),
    "site:privacy": (200, 200, 200, 200),
    "site:contacts": (200, 200, 200, 200),
    "site:page": (200, 200, 200, 200),
}
ADMIN_CHECKED = ("admin:index", "admin:privacy_retentionrule_changelist")


def checked_patterns() -> dict[str, URLPattern]:
    """Every URL but the admin site's own pages (checked by two of them) and DEBUG's media."""
    return {
        key: pattern
        for key, pattern in url_patterns().items()
        if (not key.startswith("admin:") or key in ADMIN_CHECKED)
        and not str(pattern.pattern).startswith("^media/")
    }


def test_it_has_an_answer_for_every_url():
    keys = set(checked_patterns())

    assert keys - set(EXPECTED) == set(), "add the new URLs to EXPECTED"
    assert set(EXPECTED) - keys == set(), "remove the URLs that are gone from EXPECTED"


def test_it_keeps_the_admin_site_under_its_own_prefix():
    routes = [
        route for key, route, _p in walk(get_resolver().url_patterns) if key.startswith("admin:")
    ]

    assert len(routes) > 50
    assert all(route.startswith("admin/") for route in routes)


def test_it_gives_each_role_exactly_the_expected_answer(
    client, objects, specialist, supervisor, administrator
):
    users = {
        "anonymous": None,
        "specialist": specialist,
        "supervisor": supervisor,
        "administrator": administrator,
    }
    wrong = []
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        for key, pattern in checked_patterns().items():
            got = answer(client.get(url_of(key, pattern, objects)))
            expected = EXPECTED[key][ROLES.index(role)]
            if got != expected:
                wrong.append(f"{key} as {role}: {got}, expected {expected}")
    assert wrong == []


# Whether a WebSocket connection is accepted, for the same four roles. The chat visitor's
# socket accepts anyone and asks for the chat token in its first message.
EXPECTED_SOCKETS = {
    "ws/staff/": (False, True, True, True),
    "ws/chat/": (True, True, True, True),
    "ws/chat/staff/": (False, True, True, True),
}


def test_it_has_an_answer_for_every_websocket_route():
    assert {str(route.pattern) for route in websocket_urlpatterns} == set(EXPECTED_SOCKETS)


@pytest.mark.django_db(transaction=True)
def test_it_lets_each_role_open_exactly_the_expected_sockets(specialist, supervisor, administrator):
    cookies = [[]]
    for user in (specialist, supervisor, administrator):
        client = Client()
        client.force_login(user)
        cookies.append([(b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())])

    async def connect(route: str, extra: list) -> bool:
        socket = WebsocketCommunicator(application, f"/{route}", headers=[*SAME_ORIGIN, *extra])
        connected, _code = await socket.connect()
        await socket.disconnect()
        return connected

    async def scenario() -> dict[str, tuple[bool, ...]]:
        return {
            route: tuple([await connect(route, extra) for extra in cookies])
            for route in EXPECTED_SOCKETS
        }

    assert run_async(scenario()) == EXPECTED_SOCKETS


# The chat visitor holds their chat's token and proves it in the first frame of the visitor's
# socket, never to an HTTP view: to every URL they are an anonymous visitor, whatever they send
# along. Over the sockets, the token opens their own chat only.
EXPECTED_CHAT_VISITOR_SOCKETS = {
    "ws/staff/": "refused",
    "ws/chat/": "own chat",
    "ws/chat/staff/": "refused",
}


@pytest.fixture
def chat_visitor(specialist):
    """Two visitors' chats, each with a message: the token of the first."""
    go_online(specialist)
    tokens = []
    for body in ("Mano pokalbis", "Kito pokalbis"):
        session, token = chat_services.chat_start(nickname=body)
        chat_services.chat_visitor_message_send(session_id=session.pk, body=body, client_id="c-1")
        tokens.append(token)
    return tokens[0]


def test_it_answers_a_chat_visitor_with_a_token_as_an_anonymous_visitor(
    client, objects, chat_visitor
):
    token = chat_visitor
    wrong = []
    for key, pattern in checked_patterns().items():
        url = url_of(key, pattern, objects)
        got = answer(client.get(url, {"token": token}, HTTP_AUTHORIZATION=f"Bearer {token}"))
        if got != EXPECTED[key][0]:
            wrong.append(f"{key} as chat visitor: {got}, expected {EXPECTED[key][0]}")
    assert wrong == []


@pytest.mark.django_db(transaction=True)
def test_it_lets_a_chat_visitor_open_only_their_own_chat(chat_visitor):
    token = chat_visitor

    async def connect(route: str) -> str:
        socket = WebsocketCommunicator(application, f"/{route}?token={token}", headers=SAME_ORIGIN)
        connected, _code = await socket.connect()
        if not connected:
            return "refused"
        await socket.send_json_to({"type": "hello", "token": token, "lang": "en"})
        frame = await socket.receive_json_from(timeout=5)
        await socket.disconnect()
        bodies = [message["body"] for message in frame.get("messages", [])]
        return "own chat" if frame["type"] == "chat" and bodies == ["Mano pokalbis"] else str(frame)

    async def scenario() -> dict[str, str]:
        return {route: await connect(route) for route in EXPECTED_CHAT_VISITOR_SOCKETS}

    assert set(EXPECTED_CHAT_VISITOR_SOCKETS) == set(EXPECTED_SOCKETS)
    assert run_async(scenario()) == EXPECTED_CHAT_VISITOR_SOCKETS
