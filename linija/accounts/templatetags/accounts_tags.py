import math
from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value: timedelta | None) -> int:
    """A duration in whole minutes, rounded up (a 90-second wait is "2 minutes")."""
    if not value:
        return 0
    return math.ceil(value.total_seconds() / 60)
