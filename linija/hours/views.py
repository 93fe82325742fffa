from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from linija.hours import selectors


@require_GET
@never_cache
def status_json(request):
    """The line's status as JSON, in ``?lang=`` or else the language of the cookie or the
    browser (the locale middleware would give the default language on this unprefixed URL)."""
    language = request.GET.get("lang")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language_from_request(request)
    with translation.override(language):
        return JsonResponse(selectors.line_status().as_json())
