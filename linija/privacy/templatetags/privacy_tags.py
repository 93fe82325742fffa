from django import template
from django.utils.translation import gettext_lazy as _

from linija.privacy.forms import RevealForm, SafeguardingRaiseForm
from linija.privacy.models import RetentionKind
from linija.privacy.selectors import open_flags_of, retention_periods

register = template.Library()

# Who may see each kind of content (see the selectors' ``*_visible_to``).
CONTACT_AUDIENCE = _(
    "The specialist who handles the contact (or any specialist while nobody has taken it), "
    "supervisors and administrators"
)
AUDIENCES = {
    RetentionKind.PHONE_DATA: _(
        "Every specialist (the callback queue is shared by the team), supervisors and "
        "administrators"
    ),
    RetentionKind.AUDIT_LOG: _("Administrators"),
    RetentionKind.SAFEGUARDING: _("Supervisors and administrators"),
}


@register.inclusion_tag("privacy/_consultation.html")
def privacy_section(consultation):
    """The safeguarding flag and the reveal of the contact, on a record's page."""
    return {
        "consultation": consultation,
        "conversation": getattr(consultation, "conversation", None),
        "open_flag": open_flags_of(consultation).first(),
        "raise_form": SafeguardingRaiseForm(auto_id="safeguarding_%s"),
    }


@register.inclusion_tag("privacy/_reveal.html")
def contact_reveal_form(conversation):
    """The one way a staff page shows the name and address a person gave: behind a reveal
    with a reason, audited (a record's page and an e-mail conversation's page)."""
    return {
        "conversation": conversation,
        "has_contact": conversation is not None
        and bool(conversation.contact_name or conversation.contact_address),
        "form": RevealForm(auto_id="reveal_%s"),
    }


@register.inclusion_tag("privacy/_notice.html")
def retention_notice():
    """For the public privacy notice: how long each kind of content is kept (the retention
    rules as they are now) and who may see it."""
    periods = retention_periods()
    return {
        "kinds": [
            {
                "label": kind.label,
                "days": periods[kind.value],
                "audience": AUDIENCES.get(kind, CONTACT_AUDIENCE),
            }
            for kind in RetentionKind
        ]
    }
