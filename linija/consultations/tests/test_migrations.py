import importlib

import pytest
from django.apps import apps

from linija.consultations.models import (
    CallerCategory,
    Conversation,
    Direction,
    HeardFrom,
    Message,
    Municipality,
    Outcome,
    ReferralTarget,
    Topic,
)

seed_migration = importlib.import_module("linija.consultations.migrations.0002_seed_taxonomies")
answers_migration = importlib.import_module("linija.consultations.migrations.0006_first_answered")

TAXONOMIES = [CallerCategory, Topic, Municipality, Outcome, ReferralTarget, HeardFrom]


def test_it_seeds_the_thirteen_caller_categories(db):
    assert set(CallerCategory.objects.values_list("code", flat=True)) == {
        "guardian",
        "kinship_guardian",
        "duty_carer",
        "permanent_carer",
        "adoptive_parent",
        "family_home",
        "care_home_staff",
        "prospective",
        "child_or_care_leaver",
        "birth_family",
        "professional",
        "interested",
        "unknown",
    }


def test_it_seeds_exactly_sixty_municipalities_by_their_official_names(db):
    names = list(Municipality.objects.values_list("name_lt", "name_en"))

    assert len(names) == 60
    assert len({lt for lt, _en in names}) == 60
    assert all(lt.endswith("savivaldybė") for lt, _en in names)
    assert all(en.endswith("Municipality") for _lt, en in names)
    assert ("Kauno miesto savivaldybė", "Kaunas City Municipality") in names
    assert ("Kauno rajono savivaldybė", "Kaunas District Municipality") in names
    assert ("Kazlų Rūdos savivaldybė", "Kazlų Rūda Municipality") in names
    assert ("Palangos miesto savivaldybė", "Palanga City Municipality") in names
    assert [lt for lt, _en in names if "miesto" in lt] == [
        "Alytaus miesto savivaldybė",
        "Kauno miesto savivaldybė",
        "Klaipėdos miesto savivaldybė",
        "Palangos miesto savivaldybė",
        "Panevėžio miesto savivaldybė",
        "Šiaulių miesto savivaldybė",
        "Vilniaus miesto savivaldybė",
    ]


def test_it_seeds_topics_in_two_levels(db):
    top = Topic.objects.filter(parent=None)

    assert top.count() == 12
    assert not Topic.objects.filter(parent__parent__isnull=False).exists()
    assert [t.code for t in top if not t.children.exists()] == ["other"]
    assert set(
        Topic.objects.get(code="becoming_carer").children.values_list("code", flat=True)
    ) == {
        "eligibility",
        "documents",
        "assessment",
        "kinship_care",
        "temporary_permanent",
        "waiting_matching",
    }
    assert set(
        Topic.objects.get(code="non_counselling").children.values_list("code", flat=True)
    ) == {
        "about_line",
        "feedback",
    }


def test_it_marks_only_the_safeguarding_subtopic(db):
    marked = Topic.objects.get(safeguarding=True)

    assert (marked.code, marked.parent.code) == ("safeguarding", "crisis")


def test_it_seeds_the_outcomes_that_need_a_referral_target(db):
    assert set(Outcome.objects.values_list("code", flat=True)) == {
        "informed",
        "consulted",
        "referred",
        "follow_up",
        "safeguarding_referral",
    }
    assert set(
        Outcome.objects.filter(needs_referral_target=True).values_list("code", flat=True)
    ) == {"referred", "safeguarding_referral"}


def test_it_seeds_referral_targets_and_sources(db):
    assert ReferralTarget.objects.count() == 9
    assert HeardFrom.objects.count() == 9
    assert ReferralTarget.objects.filter(code="vvtaat").exists()
    assert HeardFrom.objects.filter(code="friends_family").exists()


@pytest.mark.parametrize("model", TAXONOMIES, ids=lambda m: m.__name__)
def test_it_names_every_entry_in_both_languages_in_order(db, model):
    entries = list(model.objects.all())
    places = [(getattr(entry, "parent_id", None), entry.order) for entry in entries]

    assert entries
    assert all(entry.name_lt.strip() and entry.name_en.strip() for entry in entries)
    assert all(entry.active for entry in entries)
    assert len(set(places)) == len(places)


def test_it_seeds_again_without_duplicates_or_overwriting(db):
    category = CallerCategory.objects.get(code="unknown")
    category.name_en = "Did not say"
    category.save()
    before = {model: model.objects.count() for model in TAXONOMIES}

    seed_migration.seed(apps, None)

    assert {model: model.objects.count() for model in TAXONOMIES} == before
    assert CallerCategory.objects.get(code="unknown").name_en == "Did not say"


def test_it_finds_the_first_answers_of_the_conversations_there_were(db):
    conversation = Conversation.objects.create(channel="email")
    first = Message.objects.create(conversation=conversation, direction=Direction.OUT, body="1")
    Message.objects.create(conversation=conversation, direction=Direction.OUT, body="2")
    unanswered = Conversation.objects.create(channel="email")
    Message.objects.create(conversation=unanswered, direction=Direction.IN, body="?")
    Conversation.objects.update(first_answered_at=None)  # as before the migration

    answers_migration.first_answers(apps, None)
    assert Conversation.objects.get(pk=conversation.pk).first_answered_at == first.created_at
    assert Conversation.objects.get(pk=unanswered.pk).first_answered_at is None
