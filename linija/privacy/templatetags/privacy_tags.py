from django import template

from linija.privacy.forms import RevealForm, SafeguardingRaiseForm
from linija.privacy.selectors import open_flags_of

register = template.Library()


@register.inclusion_tag("privacy/_consultation.html")
def privacy_section(consultation):
    """The safeguarding flag and the reveal of the contact, on a record's page."""
    conversation = getattr(consultation, "conversation", None)
    return {
        "consultation": consultation,
        "open_flag": open_flags_of(consultation).first(),
        "raise_form": SafeguardingRaiseForm(auto_id="safeguarding_%s"),
        "has_contact": conversation is not None
        and bool(conversation.contact_name or conversation.contact_address),
        "reveal_form": RevealForm(auto_id="reveal_%s"),
    }
