"""The address a request really comes from, behind a known number of trusted proxies.

Each proxy appends the address it received the request from to X-Forwarded-For, and the last
one is the peer Django sees (REMOTE_ADDR). Behind TRUSTED_PROXIES proxies the client is
therefore the TRUSTED_PROXIES-th entry from the right: entries to its left were sent by the
client and can be forged. A request with fewer entries did not pass through every proxy, so
its peer address is the only one to trust. (django-ipware's proxy count returns no address at
all for such requests, which would put every one of them under a single login counter.)
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The client's IP address; None for a request that has none (a test client's login)."""
    peer = valid(request.META.get("REMOTE_ADDR"))
    proxies = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return peer
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return (valid(forwarded[-proxies]) if len(forwarded) >= proxies else None) or peer


def valid(address: str | None) -> str | None:
    """The address if it is one (the database stores it as an IP address), else None."""
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None
