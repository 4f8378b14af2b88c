"""HTTP caching for a read-only public site.

Public GET answers carry Cache-Control (shared caches may keep them for a few minutes);
Django's ConditionalGetMiddleware, after this one, adds an ETag from the content and answers
If-None-Match with 304, so a page changes its ETag exactly when an import or edit changes it.
The admin, logged-in staff and answers that set cookies stay private.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


class PublicCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self.is_public(request, response):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
            patch_vary_headers(response, ["Accept-Language"])
        elif (
            request.path.startswith("/" + settings.ADMIN_URL) or getattr(request, "user", None) and request.user.is_authenticated
        ):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def is_public(request, response) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not request.path.startswith("/" + settings.ADMIN_URL)
            and not response.cookies
            and not response.has_header("Cache-Control")
            and not (getattr(request, "user", None) and request.user.is_authenticated)
        )


class AdminLanguageMiddleware:
    """The admin's address has no language prefix, so LocaleMiddleware gives it the site's
    default language (Dutch); here staff get it in the language their browser asks for
    (the language cookie, else Accept-Language), Dutch when it is neither of ours."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/" + settings.ADMIN_URL):
            language = translation.get_language_from_request(request)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if request.path.startswith("/" + settings.ADMIN_URL):
            patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response
