"""Admin login throttling: after repeated failures from one address for one user name,
further attempts are refused for a while, whether or not the password is right."""
from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _


def client_address(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "unknown") if request is not None else "unknown"


def failure_key(request, username: str) -> str:
    digest = hashlib.sha256(f"{client_address(request)}|{(username or '').lower()}".encode()).hexdigest()
    return f"login-failures:{digest}"


def is_locked_out(request, username: str) -> bool:
    return cache.get(failure_key(request, username), 0) >= settings.LOGIN_FAILURE_LIMIT


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs):
    key = failure_key(request, credentials.get("username", ""))
    cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "locked_out": _("Te veel mislukte pogingen. Probeer het over een kwartier opnieuw."),
    }

    def clean(self):
        if is_locked_out(self.request, self.cleaned_data.get("username", "")):
            raise ValidationError(self.error_messages["locked_out"], code="locked_out")
        return super().clean()
