import datetime

import pytest

from linija.consultations.models import Topic
from linija.knowledge.models import Article, Audience
from linija.knowledge.services import article_save


@pytest.fixture
def topic(db):
    return Topic.objects.get(code="eligibility")


@pytest.fixture
def make_article(topic):
    """A saved and indexed article; keyword arguments override the defaults."""
    counter = iter(range(1, 1000))

    def make(**fields) -> Article:
        number = next(counter)
        values = {
            "title": f"Straipsnis {number}",
            "slug": f"straipsnis-{number}",
            "body": "Tekstas.",
            "language": "lt",
            "topic": topic,
            "audience": Audience.PUBLIC,
            "checked_on": datetime.date.today(),
        } | fields
        return article_save(article=Article(**values))

    return make
