from django import template

register = template.Library()


@register.filter
def minutes_seconds(seconds: int | None) -> str:
    """A duration in seconds as minutes:seconds ("12:05"); a dash when not known."""
    if seconds is None:
        return "—"
    minutes, rest = divmod(max(seconds, 0), 60)
    return f"{minutes}:{rest:02d}"
