from django import forms
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from linija.consultations.models import Topic
from linija.knowledge.models import Audience, Language
from linija.knowledge.search import MAX_QUERY_LENGTH


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return obj.full_name


def topics_in_tree_order():
    """Each top-level topic followed by its subtopics."""
    return Topic.objects.select_related("parent").order_by(
        Coalesce("parent__order", "order"), F("parent").asc(nulls_first=True), "order", "code"
    )


class StaffFilterForm(forms.Form):
    """Search and filters of the staff list. Without any, the Lithuanian articles are listed."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH, strip=True)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All languages")), *Language.choices],
        required=False,
        initial=Language.LITHUANIAN,
    )
    topic = TopicChoiceField(
        label=_("Topic"),
        queryset=topics_in_tree_order(),
        required=False,
        empty_label=_("All topics"),
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=[("", _("All audiences")), *Audience.choices],
        required=False,
    )
    stale = forms.BooleanField(label=_("Only those needing a check"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
