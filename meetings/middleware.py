"""HTTP caching for a read-only public site, keyed by the archive's change marker (marker.py).

A public page is the same for everyone until the archive changes (or the day does: the home
page splits past and coming meetings by today's date). So its validators and its cache key
come from what it is asked for (scheme, host, path, query, language) and the marker, not from
the rendered bytes:

- a conditional request (If-None-Match, If-Modified-Since) that still holds is answered 304
  before any view, template or query runs;
- a rendered public page is kept in the "pages" cache (settings.CACHES; per-process memory
  by default) under that key, so the next request for it is answered from there; a write
  changes the marker, so every page rendered before it becomes unreachable at once;
- public answers carry Cache-Control (shared caches may keep them for PUBLIC_CACHE_SECONDS),
  the ETag and Last-Modified, and Vary: Accept-Language (the API's language follows it).

The admin, requests with a session (logged-in staff), answers that set cookies, streamed
answers (CSV, original files) and anything but a 200 to GET or HEAD are never cached; the
admin's and logged-in users' answers are marked private.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, time
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language_from_request

from . import marker

COPIED_TO_304 = ("Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Last-Modified", "Vary")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches[settings.PAGE_CACHE]
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        if not self.may_cache(request):
            return self.uncached(request)
        state = marker.current()
        key = page_key(request, state.value)
        etag = f'"{key[:24]}"'
        modified = last_modified(state.changed_at)
        if not_modified(request, etag, modified):
            response = HttpResponseNotModified()
            self.set_headers(response, etag, modified)
            return response
        response = self.cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self.is_public(request, response):
            self.set_headers(response, etag, modified)
            if not response.streaming:
                self.cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    def may_cache(self, request) -> bool:
        """Anonymous reads of public pages: a session cookie may mean a logged-in admin."""
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(self.admin_prefix)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    def uncached(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.admin_prefix) or getattr(request, "user", None) and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        elif request.method in ("GET", "HEAD") and self.is_public(request, response):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
            patch_vary_headers(response, ["Accept-Language"])
        return response

    def is_public(self, request, response) -> bool:
        return (
            response.status_code == 200
            and not response.cookies
            and not response.has_header("Cache-Control")
            and not (getattr(request, "user", None) and request.user.is_authenticated)
        )

    @staticmethod
    def set_headers(response, etag: str, modified: int) -> None:
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        patch_vary_headers(response, ["Accept-Language"])
        response["ETag"] = etag
        response["Last-Modified"] = http_date(modified)


def page_key(request, marker_value: int) -> str:
    """What a public page depends on, hashed: the request's URL and language, the archive's
    marker, today's date and the code's release."""
    meta = request.META
    parts = (
        request.scheme,
        meta.get("HTTP_HOST", ""),
        request.path,
        meta.get("QUERY_STRING", ""),
        get_language_from_request(request, check_path=True),
        marker_value,
        timezone.localdate().isoformat(),
        release(),
    )
    return hashlib.blake2b("\n".join(map(str, parts)).encode(), digest_size=20).hexdigest()


def last_modified(changed_at: datetime) -> int:
    """The later of the last write and today's start (the day changes the home page), in seconds."""
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time()))
    return int(max(changed_at, midnight).timestamp())


def not_modified(request, etag: str, modified: int) -> bool:
    """RFC 9110 13.2.2: If-None-Match decides when given; else If-Modified-Since."""
    meta = request.META
    if_none_match = meta.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since = meta.get("HTTP_IF_MODIFIED_SINCE")
    if since is not None:
        seconds = parse_http_date_safe(since)
        return seconds is not None and modified <= seconds
    return False


@cache
def release() -> str:
    """The code that renders the pages, as the size and time of its templates, static files,
    translations and modules: a new release never answers with a page (or a 304) of the old one.
    ARCHIVE_RELEASE, when set (a deployment's version), is used instead."""
    if os.environ.get("ARCHIVE_RELEASE"):
        return os.environ["ARCHIVE_RELEASE"]
    base = Path(settings.BASE_DIR)
    stamps = hashlib.blake2b(digest_size=8)
    for folder in ("templates", "static", "locale", "meetings", "archive"):
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in {".html", ".css", ".js", ".svg", ".mo", ".py", ".txt", ".xml"}:
                info = path.stat()
                stamps.update(f"{path}:{info.st_size}:{info.st_mtime_ns}".encode())
    return stamps.hexdigest()


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
