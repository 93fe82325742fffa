"""The worker's chat sweep: after a crash of the ASGI server the rows still say "connected";
the sweep finds the chats whose sockets stopped beating and ends or re-queues them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from linija.chat import services
from linija.chat.models import ChatSession, EndedBy, SpecialistPresence, State
from linija.chat.selectors import active_load, session_for_token
from linija.chat.tasks import chat_sessions_expire_every_minute

pytestmark = pytest.mark.django_db


def test_it_ends_and_requeues_the_chats_a_crashed_server_left_connected(
    specialist, other_specialist, online, start_chat
):
    online(specialist)
    online(other_specialist)
    gone_visitor, gone_token = start_chat()
    services.chat_accept(session_id=gone_visitor.pk, user=specialist)
    visitor_stays, stays_token = start_chat()
    services.chat_accept(session_id=visitor_stays.pk, user=other_specialist)
    crashed = timezone.now() - timedelta(minutes=40)
    # Nothing beat since the crash, but the visitor of the second chat came back a minute ago
    # on a new server; the second specialist did not.
    ChatSession.objects.update(visitor_seen_at=crashed)
    services.chat_visitor_touch(session_id=visitor_stays.pk)
    SpecialistPresence.objects.filter(user=other_specialist).update(last_seen_at=crashed)

    assert chat_sessions_expire_every_minute.call_local() == {"ended": 1, "requeued": 1}

    gone_visitor.refresh_from_db()
    visitor_stays.refresh_from_db()
    assert (gone_visitor.state, gone_visitor.ended_by) == (State.ENDED, EndedBy.SYSTEM)
    assert session_for_token(gone_token) is None
    assert visitor_stays.state == State.WAITING
    assert session_for_token(stays_token) == visitor_stays
    assert active_load() == {}
    assert SpecialistPresence.objects.get(user=other_specialist).connections == 0
