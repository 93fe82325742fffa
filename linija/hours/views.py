from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from linija.hours import selectors
from linija.site.pagecache import public_cache_mark


@require_GET
@never_cache
def status_json(request):
    """The line's status as JSON, in ``?lang=`` or else the language of the cookie or the
    browser (the locale middleware would give the default language on this unprefixed URL)."""
    language = request.GET.get("lang")
    named = language in dict(settings.LANGUAGES)
    if not named:
        language = translation.get_language_from_request(request)
    with translation.override(language):
        response = JsonResponse(selectors.line_status().as_json())
    # Without ?lang= the answer follows the visitor's cookie or browser: not for everyone.
    return public_cache_mark(request, response) if named else response
