"""axe-core over every page, in real Chromium against the real ASGI server: the public pages in
both languages at a phone's and a desktop's width, and the admin's list, add and change page
of every registered model.

Each scenario walks its pages in one browser context and fails with every failing element
found (rule, element, the pages it fails on), so a new violation anywhere fails it."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from linija.accounts.services import audit_record
from linija.chat.models import SpecialistPresence
from linija.chat.services import chat_accept, chat_end, chat_start
from linija.consultations.models import CallerCategory, Consultation, Outcome, Topic
from linija.consultations.services import case_create
from linija.hours.models import HoursException
from linija.knowledge.models import Article
from linija.mail.ingest import letter_ingest
from linija.mail.quarantine import letter_failure_record
from linija.phone.services import call_log, callback_request_create
from linija.reports.services import export_job_create
from linija.site.models import Page
from linija.testing.axe import Violation, axe_context, axe_report, axe_violations
from linija.testing.browser import outside_the_browser_loop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1366, "height": 900}

LETTER = (
    "From: Ona <ona@example.lt>\r\nTo: linija@pastoge.lt\r\nSubject: Dėl globos\r\n"
    "Message-ID: <axe1@example.lt>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Kaip tapti globėju?\r\n"
)


@dataclass
class World:
    """What the pages show: one of each kind of record a staff page opens."""

    ids: dict[str, int] = field(default_factory=dict)


def world_build(*, specialist, supervisor) -> World:
    now = timezone.now()
    record = Consultation.objects.create(
        channel="phone",
        started_at=now - datetime.timedelta(minutes=40),
        ended_at=now - datetime.timedelta(minutes=30),
        completed_at=now - datetime.timedelta(minutes=25),
        caller_category=CallerCategory.objects.get(code="prospective"),
        outcome=Outcome.objects.get(code="informed"),
        contact_order="first",
        specialist=specialist,
        status="completed",
        summary="Klausė apie amžiaus ribas.",
    )
    record.topics.set(Topic.objects.filter(code="eligibility"))
    letter = letter_ingest(raw=LETTER.encode()).letter
    conversation = letter.conversation_message.conversation
    conversation.assignee = specialist
    conversation.save(update_fields=["assignee"])
    call = call_log(
        user=specialist,
        started_at=now - datetime.timedelta(minutes=20),
        ended_at=now - datetime.timedelta(minutes=15),
        direction="in",
        phone="+37061234567",
    )
    callback = callback_request_create(
        phone="+37061234568", name="Rūta", preferred_at=None, source="web_form"
    )
    case = case_create(user=specialist, consultation=record, title="Globa", consent_given=True)
    # A chat starts only while the line is open and someone is online.
    today = HoursException.objects.create(
        date=timezone.localdate(),
        closed=False,
        opens=datetime.time(0),
        closes=datetime.time(23, 59),
    )
    online = SpecialistPresence.objects.create(
        user=specialist, status="online", connections=1, last_seen_at=now
    )
    session, _token = chat_start(nickname="Jonas")
    chat_accept(session_id=session.pk, user=specialist)
    chat_end(session_id=session.pk, ended_by="visitor")
    today.delete()
    online.delete()
    job = export_job_create(user=supervisor, format="xlsx", filters={})
    with override_settings(LINIJA_MAIL_QUARANTINE_TRIES=1):
        quarantined = letter_failure_record(
            mailbox="linija", raw=LETTER.encode(), error=ValueError("Sugadintas laiškas")
        )
    # An audit entry about no record (a search) gives the audit log's filter an empty kind.
    audit_record(actor=supervisor, action="view", detail={"search": "contact", "cases": []})
    return World(
        ids={
            "record": record.pk,
            "conversation": conversation.pk,
            "call": call.pk,
            "callback": callback.pk,
            "case": case.pk,
            "chat": session.pk,
            "export": job.pk,
            "quarantined": quarantined.pk,
            "article": Article.objects.filter(published=True).first().pk,
        }
    )


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


# --- The walks: each visits its pages and yields once each page shows what is to be checked.


def public_pages(page, server, language):
    names = ["site:home", "knowledge:faq", "mail:contact", "mail:contact_sent"]
    names += ["phone:callback_request", "phone:callback_requested"]
    names += ["site:privacy", "site:contacts", "accounts:login"]
    paths = [url(name, language) for name in names]
    paths.append(url("knowledge:faq", language) + "?q=globejas")
    paths += [url("site:page", language, slug=p.slug) for p in Page.objects.all()]
    articles = Article.objects.public().filter(language=language)
    paths += [article.public_url() for article in articles]
    paths.append(url("site:home", language) + "no-such-page/")  # the project's own 404 page
    for path in dict.fromkeys(paths):
        page.goto(server.url + path)
        yield path, page


def chat_states(page, server, language, staff):
    """The visitor's chat from the offline form to the survey, with a specialist answering."""
    today = HoursException.objects.create(
        date=timezone.localdate(), closed=True, reason="Budėjimas"
    )
    chat = url("chat:page", language)
    page.goto(server.url + chat)
    expect(page.locator("#chat-offline")).to_be_visible()
    yield "offline", page
    for form in ("chat-message-form", "chat-callback-form"):
        page.locator(f"[data-toggle={form}]").click()
        page.locator(f"#{form} button[type=submit]").click()
        expect(page.locator(f"#{form} [aria-invalid=true]").first).to_be_visible()
        yield f"offline, {form} with errors", page
    today.closed, today.opens, today.closes = False, datetime.time(0), datetime.time(23, 59)
    today.save()
    staff.goto(server.url + url("chat:console", "en"))
    yield "the console, offline", staff
    staff.get_by_label("Online").check()
    expect(staff.locator("#console-presence-state")).to_contain_text("online")
    yield "the console, online", staff
    page.goto(server.url + chat)
    expect(page.locator("#chat-prechat")).to_be_visible()
    yield "lobby", page
    page.locator("#chat-start-form input[type=text]").first.fill("Rūta")
    page.locator("#chat-start-form button[type=submit]").click()
    expect(page.locator("#chat-conversation")).to_be_visible()
    expect(staff.locator(".console-queue-item", has_text="Rūta")).to_be_visible()
    yield "queued", page
    staff.locator(".console-queue-item", has_text="Rūta").get_by_role("button").first.click()
    pane = staff.locator(".chat-pane:visible")
    expect(pane).to_be_visible()
    page.locator("#chat-input").fill("Labas")
    page.locator("#chat-input").press("Enter")
    expect(pane.locator(".chat-msg-theirs")).to_have_count(1)
    pane.locator(".pane-input").fill("Laba diena")
    pane.locator(".pane-input").press("Enter")
    expect(page.locator(".chat-msg-theirs")).to_have_count(1)
    yield "active", page
    yield "the console with the chat", staff
    page.locator("#chat-end").click()
    page.locator("#chat-end-yes").click()
    expect(page.locator("#chat-ended-heading")).to_be_visible()
    yield "ended, with the survey", page


STAFF_PAGES = [
    # (URL name, the world's id it needs, the roles that open it)
    ("inbox:index", None, "specialist supervisor administrator"),
    ("inbox:conversation", "conversation", "specialist supervisor"),
    ("inbox:case_list", None, "specialist supervisor"),
    ("inbox:case_detail", "case", "specialist supervisor"),
    ("consultations:list", None, "specialist supervisor"),
    ("consultations:create", None, "specialist supervisor"),
    ("consultations:detail", "record", "specialist supervisor"),
    ("consultations:edit", "record", "specialist supervisor"),
    ("chat:console", None, "specialist supervisor"),
    ("chat:board", None, "supervisor"),
    ("mail:list", None, "specialist supervisor"),
    ("mail:filtered", None, "supervisor"),
    ("mail:quarantine", None, "supervisor administrator"),
    ("mail:quarantined", "quarantined", "supervisor administrator"),
    ("mail:conversation", "conversation", "specialist supervisor"),
    ("phone:call_list", None, "specialist supervisor"),
    ("phone:call_log", None, "specialist supervisor"),
    ("phone:call_detail", "call", "specialist supervisor"),
    ("phone:callback_list", None, "specialist supervisor"),
    ("phone:callback_detail", "callback", "specialist supervisor"),
    ("knowledge:staff_index", None, "specialist supervisor administrator"),
    ("knowledge:staff_detail", "article", "specialist supervisor administrator"),
    ("reports:dashboard", None, "supervisor administrator"),
    ("reports:statistics", None, "supervisor administrator"),
    ("reports:export_detail", "export", "supervisor"),
    ("privacy:safeguarding_list", None, "supervisor"),
    ("privacy:subject", None, "administrator"),
]


def staff_pages(page, server, world, language, role):
    for name, needs, roles in STAFF_PAGES:
        if role not in roles.split():
            continue
        kwargs = {"pk": world.ids[needs]} if needs else {}
        path = url(name, language, **kwargs)
        answer = page.goto(server.url + path)
        assert answer.status == 200, f"{path} answered {answer.status} to the {role}"
        yield path, page


ADMIN_PARTS = 4


def admin_pages(page, server, language, user, part):
    """The admin's index, and the list, add and change pages of every registered model the
    administrator may see (the add page where they may add): the ``part``-th of
    ``ADMIN_PARTS`` shares of the models, so that no one test walks a hundred pages."""
    request = RequestFactory().get("/")
    request.user = user
    paths = [url("admin:index", language)] if part == 0 else []
    registered = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
    for model, model_admin in registered[part::ADMIN_PARTS]:
        if not model_admin.has_view_permission(request):
            continue
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        paths.append(url(f"{name}_changelist", language))
        if model_admin.has_add_permission(request):
            paths.append(url(f"{name}_add", language))
        first = model_admin.get_queryset(request).first()
        if first is not None:
            paths.append(url(f"{name}_change", language, object_id=first.pk))
    for path in paths:
        answer = page.goto(server.url + path)
        assert answer.status == 200, f"{path} answered {answer.status} to the administrator"
        yield path, page


SCENARIOS = {
    "public-lt-375": ("public", "lt", PHONE),
    "public-lt-1366": ("public", "lt", DESKTOP),
    "public-en-375": ("public", "en", PHONE),
    "public-en-1366": ("public", "en", DESKTOP),
    "chat-lt-375": ("chat", "lt", PHONE),
    "chat-en-1366": ("chat", "en", DESKTOP),
    "specialist-lt-1366": ("specialist", "lt", DESKTOP),
    "supervisor-lt-1366": ("supervisor", "lt", DESKTOP),
    "supervisor-en-375": ("supervisor", "en", PHONE),
    "administrator-lt-1366": ("administrator", "lt", DESKTOP),
    **{f"admin-lt-1366-part{part}": ("admin", "lt", DESKTOP) for part in range(ADMIN_PARTS)},
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_it_finds_no_axe_violations_on_any_page(
    scenario, asgi_server, chromium, client, specialist, supervisor, administrator
):
    walk, language, viewport = SCENARIOS[scenario]
    server = asgi_server()
    contexts = []

    def context_for(user=None):
        context = axe_context(chromium, locale="lt-LT", viewport=viewport)
        contexts.append(context)
        if user is not None:
            client.force_login(user)
            cookie = client.cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": server.url}])
        return context.new_page()

    users = {"specialist": specialist, "supervisor": supervisor, "administrator": administrator}
    if walk == "public":
        pages = public_pages(context_for(), server, language)
    elif walk == "chat":
        pages = chat_states(context_for(), server, language, context_for(specialist))
    else:
        page = context_for(users.get(walk, administrator))
        world = outside_the_browser_loop(world_build, specialist=specialist, supervisor=supervisor)
        if walk == "admin":
            part = int(scenario.rpartition("part")[2])
            pages = admin_pages(page, server, language, administrator, part)
        else:
            pages = staff_pages(page, server, world, language, walk)
    found: dict[Violation, list[str]] = {}
    checked = 0
    try:
        for where, shown in pages:
            for violation in axe_violations(shown):
                found.setdefault(violation, []).append(where)
            checked += 1
    finally:
        for context in contexts:
            context.close()
    assert checked > 0
    assert not found, f"axe finds {len(found)} failing elements in {scenario}:\n" + axe_report(
        found
    )
