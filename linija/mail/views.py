"""Pages of the e-mail channel: the specialists' conversations and the public contact form."""

from __future__ import annotations

import logging
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, IntegrityError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST

from linija.accounts.decorators import staff_required, supervisor_required
from linija.accounts.selectors import is_supervisor
from linija.accounts.services import audit_record
from linija.consultations.models import ConversationStatus
from linija.consultations.services import conversation_claim
from linija.mail.forms import ContactForm, ConversationFilterForm, ReplyForm, StatusForm
from linija.mail.models import Letter, OutboxStatus
from linija.mail.outbox import outbox_retry
from linija.mail.rendering import letter_html_document, reply_quote
from linija.mail.replies import contact_message_create, mail_conversation_status_set, reply_send
from linija.mail.selectors import (
    access_attachment,
    access_letter,
    access_mail_conversation,
    access_outbox,
    answer_expected,
    canned_answers_for,
    contact_letter_sent,
    contact_topics,
    conversation_list,
    conversation_timeline,
    duration_text,
    first_response,
    letter_to_answer,
    letters_filtered,
    thread_claim_of,
)
from linija.mail.threads import thread_claim_link
from linija.privacy import limits

logger = logging.getLogger(__name__)

PAGE_SIZE = 25
# Served files and letters carry no script and load nothing from elsewhere.
FILE_POLICY = "default-src 'none'; sandbox"
LETTER_POLICY = "; ".join(
    [
        "default-src 'none'",
        "img-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'self'",
        "sandbox allow-popups allow-popups-to-escape-sandbox allow-same-origin",
    ]
)


# --- Staff: conversations -------------------------------------------------------------------


@staff_required
@require_http_methods(["GET"])
def list_view(request: HttpRequest) -> HttpResponse:
    filter_form = ConversationFilterForm(request.GET or {"status": "open"})
    conversations = conversation_list(user=request.user, status=filter_form.status_filter())
    return render(
        request,
        "mail/list.html",
        {
            "filter_form": filter_form,
            "page": Paginator(conversations, PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )


@supervisor_required
@require_http_methods(["GET"])
def filtered_view(request: HttpRequest) -> HttpResponse:
    letters = letters_filtered(user=request.user)
    return render(
        request,
        "mail/filtered.html",
        {"page": Paginator(letters, PAGE_SIZE).get_page(request.GET.get("page"))},
    )


def _conversation_page(request, conversation, form, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "mail/conversation.html",
        {
            "conversation": conversation,
            "timeline": conversation_timeline(conversation),
            "form": form,
            "may_change": is_supervisor(request.user)
            or conversation.assignee_id == request.user.pk,
            "canned_answers": canned_answers_for(request.user),
            "first_response": duration_text(first_response(conversation)),
            "statuses": ConversationStatus,
            "thread_claim": thread_claim_of(conversation),
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def conversation_view(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = access_mail_conversation(user=request.user, pk=pk)
    if request.method == "POST":
        form = ReplyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                reply_send(
                    conversation=conversation,
                    user=request.user,
                    body=form.cleaned_data["body"],
                    attachments=form.cleaned_data["attachments"],
                    request=request,
                )
            except ValidationError as invalid:
                form.add_error(None, invalid)
            else:
                messages.success(request, _("The answer is in the outbox and will be sent."))
                return redirect("mail:conversation", pk=conversation.pk)
        return _conversation_page(request, conversation, form, status=400)
    audit_record(actor=request.user, action="view", obj=conversation, request=request)
    letter = letter_to_answer(conversation)
    form = ReplyForm(initial={"body": reply_quote(letter) if letter else ""})
    return _conversation_page(request, conversation, form)


@staff_required
@require_POST
def status_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Open or waiting: at once. Closed: once the record is completed; until then the
    record's form opens, with the letters' times filled in."""
    conversation = access_mail_conversation(user=request.user, pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect("mail:conversation", pk=conversation.pk)
    try:
        draft = mail_conversation_status_set(
            conversation=conversation,
            user=request.user,
            status=form.cleaned_data["status"],
            request=request,
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("mail:conversation", pk=conversation.pk)
    if draft is not None:
        messages.info(request, _record_message(conversation))
        return redirect("consultations:edit", pk=draft.pk)
    messages.success(request, _("The status is changed."))
    return redirect("mail:conversation", pk=conversation.pk)


def _record_message(conversation) -> str:
    waited = duration_text(first_response(conversation)) or _("no answer yet")
    return _(
        "Time to first response: %(time)s. Complete the record, then close the conversation."
    ) % {"time": waited}


@staff_required
@require_POST
def claim_view(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = access_mail_conversation(user=request.user, pk=pk)
    try:
        conversation_claim(conversation=conversation, user=request.user, request=request)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("The conversation is yours now."))
    return redirect("mail:conversation", pk=conversation.pk)


@staff_required
@require_POST
def thread_link_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a conversation that claims another's thread into it: for whoever may change both."""
    conversation = access_mail_conversation(user=request.user, pk=pk)
    claim = thread_claim_of(conversation)
    if claim is None:
        raise Http404
    claimed = access_mail_conversation(user=request.user, pk=claim.claimed_id)
    if not (
        is_supervisor(request.user)
        or (
            (conversation.assignee_id in {None, request.user.pk})
            and (claimed.assignee_id in {None, request.user.pk})
        )
    ):
        raise PermissionDenied
    try:
        thread_claim_link(claim=claim, user=request.user, request=request)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("mail:conversation", pk=conversation.pk)
    messages.success(request, _("The letters are linked into this conversation."))
    return redirect("mail:conversation", pk=claimed.pk)


@staff_required
@require_POST
def outbox_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    outgoing = access_outbox(user=request.user, pk=pk)
    if outgoing.status == OutboxStatus.FAILED:
        outbox_retry(outgoing=outgoing)
        messages.success(request, _("The letter will be sent again."))
    return redirect("mail:conversation", pk=outgoing.conversation_id)


# --- Staff: what a letter brought -----------------------------------------------------------


def _private(response: HttpResponse, policy: str) -> HttpResponse:
    response["Content-Security-Policy"] = policy
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_http_methods(["GET"])
@xframe_options_sameorigin
def letter_html_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter's sanitised HTML as a document of its own, for a sandboxed frame."""
    letter = access_letter(user=request.user, pk=pk)
    if not letter.html:
        raise Http404
    return _private(HttpResponse(letter_html_document(letter)), LETTER_POLICY)


@staff_required
@require_http_methods(["GET"])
def letter_raw_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The original letter (.eml), for a supervisor who needs to see exactly what came."""
    letter = access_letter(user=request.user, pk=pk)
    if not letter.raw:
        raise Http404
    target = letter.conversation_message.conversation if letter.conversation_message else letter
    audit_record(
        actor=request.user, action="export", obj=target, request=request, detail={"letter": pk}
    )
    response = FileResponse(
        letter.raw.open("rb"),
        as_attachment=True,
        filename=f"letter-{letter.pk}.eml",
        content_type="message/rfc822",
    )
    return _private(response, FILE_POLICY)


@staff_required
@require_http_methods(["GET"])
def attachment_view(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = access_attachment(user=request.user, pk=pk)
    audit_record(
        actor=request.user,
        action="view",
        obj=attachment,
        request=request,
        detail={"conversation": attachment.conversation_id},
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type or "application/octet-stream",
    )
    return _private(response, FILE_POLICY)


@staff_required
@require_http_methods(["GET"])
@xframe_options_sameorigin
def attachment_image_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An inline picture of a letter, for its formatted version (pictures only)."""
    attachment = access_attachment(user=request.user, pk=pk)
    if not attachment.is_image:
        raise Http404
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    return _private(response, FILE_POLICY)


# --- Public: the contact form ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def contact_view(request: HttpRequest) -> HttpResponse:
    topics = contact_topics()
    if request.method == "POST":
        client = limits.request_client(request)
        wait = limits.rate_wait(scope="contact", who=client)
        if wait:
            return limits.limited_page(request, "mail/contact_limited.html", wait)
        form = ContactForm(request.POST, topics=topics)
        if form.is_bot:
            limits.rate_hit(scope="contact", who=client)
            return redirect("mail:contact_sent")
        if form.is_valid():
            message = {name: form.cleaned_data[name] for name in ("once", "email", "text")}
            if sent := contact_letter_sent(**message):
                return _already_sent(request, sent)
            try:
                contact_message_create(
                    **message, name=form.cleaned_data["name"], topic_code=form.cleaned_data["topic"]
                )
            except IntegrityError:
                # The same form sent twice at once: the other request stored it.
                if sent := contact_letter_sent(**message):
                    return _already_sent(request, sent)
                raise
            except DatabaseError:  # locked or unreachable for now: the person keeps the text
                logger.exception("The contact form could not store a message")
                form.add_error(
                    None,
                    _(
                        "We could not store your message just now. Your text is still here:"
                        " please send it again in a few minutes."
                    ),
                )
                return render(request, "mail/contact.html", {"form": form}, status=503)
            else:
                limits.rate_hit(scope="contact", who=client)
                return redirect("mail:contact_sent")
        return render(request, "mail/contact.html", {"form": form}, status=400)
    form = ContactForm(topics=topics, initial={"once": uuid.uuid4().hex})
    return render(request, "mail/contact.html", {"form": form})


def _already_sent(request: HttpRequest, letter: Letter) -> HttpResponse:
    """The page of a message sent again: it is with us once, nothing more is stored."""
    context = {"received_at": letter.received_at, "answer_expected": answer_expected()}
    return render(request, "mail/contact_already_sent.html", context)


@require_http_methods(["GET"])
def contact_sent_view(request: HttpRequest) -> HttpResponse:
    return render(request, "mail/contact_sent.html", {"answer_expected": answer_expected()})
