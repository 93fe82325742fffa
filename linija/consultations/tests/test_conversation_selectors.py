import pytest
from django.http import Http404

from linija.consultations.models import Conversation
from linija.consultations.selectors import access_conversation, conversations_visible_to


@pytest.fixture
def conversations(db, specialist, other_specialist):
    return {
        "free": Conversation.objects.create(channel="chat"),
        "mine": Conversation.objects.create(channel="email", assignee=specialist),
        "theirs": Conversation.objects.create(channel="email", assignee=other_specialist),
    }


def test_it_shows_a_specialist_the_unassigned_conversations_and_their_own(
    conversations, specialist
):
    visible = set(conversations_visible_to(specialist))

    assert visible == {conversations["free"], conversations["mine"]}
    with pytest.raises(Http404):
        access_conversation(user=specialist, pk=conversations["theirs"].pk)


def test_it_shows_a_supervisor_every_conversation(conversations, supervisor):
    assert set(conversations_visible_to(supervisor)) == set(conversations.values())
    assert access_conversation(user=supervisor, pk=conversations["theirs"].pk)


def test_it_shows_no_conversation_to_someone_without_a_role(conversations, outsider):
    assert not conversations_visible_to(outsider).exists()
    with pytest.raises(Http404):
        access_conversation(user=outsider, pk=conversations["free"].pk)
