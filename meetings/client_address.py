"""The address a request really comes from, behind a known number of trusted proxies.

Each proxy appends the address it received the request from to X-Forwarded-For, and the last
one is the peer Django sees (REMOTE_ADDR). Behind TRUSTED_PROXIES proxies the client is
therefore the TRUSTED_PROXIES-th entry from the right: entries to its left were sent by the
client and can be forged. A request with fewer entries did not pass through every proxy, so
its peer address is the only one to trust. (django-ipware's proxy count returns no address at
all for such requests, which would put every one of them under a single login counter.)
"""
from __future__ import annotations

from django.conf import settings


def client_address(request) -> str:
    peer = request.META.get("REMOTE_ADDR") or "unknown"
    proxies = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return peer
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return forwarded[-proxies] if len(forwarded) >= proxies else peer
