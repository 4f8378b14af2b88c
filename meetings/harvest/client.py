"""A polite HTTP client for the official source: one request at a time, a pause between
requests, a timeout per request, and retries with growing waits when the server is busy (429),
fails (5xx) or drops the connection. It raises SourceUnreachable, with one line saying why, when
the source cannot be reached at all, and SourceError for an answer that retrying cannot change.

urllib from the standard library: one GET at a time needs no more. Only http(s) addresses are
followed, so an address taken from a record can never open a local file.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

USER_AGENT = "nato-letters-archive harvest (one request at a time)"
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 120.0  # seconds: a longer Retry-After is capped, the run goes on
MAX_BYTES = 32 * 1024 * 1024  # one answer; a letter's XML is some tens of kB, an SRU page of 50 records under 1 MB


class SourceError(Exception):
    """An answer that retrying will not change (a 404, a 400, a non-http address)."""


class SourceUnreachable(SourceError):
    """The source could not be reached, or kept failing, after every retry."""


@dataclass
class PoliteClient:
    pause: float = 1.0  # seconds between the start of one request and the next
    timeout: float = 30.0  # seconds for one request
    retries: int = 4  # attempts after the first
    backoff: float = 2.0  # the first wait after a failure; doubled each time
    sleep: Callable[[float], None] | None = None  # default: wait() (tests replace it)
    requests: int = 0  # made so far, for the summary
    _last_start: float | None = field(default=None, repr=False)

    def get(self, url: str, params: dict[str, str | int] | None = None) -> bytes:
        """The body of a GET of `url` (with `params` as its query string)."""
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise SourceError(f"not an http(s) address: {url}")
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        wait = self.backoff
        for attempt in range(self.retries + 1):
            try:
                return self.attempt(url)
            except RetryableError as exc:
                if attempt == self.retries:
                    raise SourceUnreachable(f"{exc.reason} ({url}; tried {attempt + 1} times)") from None
                self.pause_for(min(max(exc.retry_after or 0.0, wait), MAX_RETRY_AFTER))
                wait *= 2
        raise AssertionError("unreachable")  # the loop returns or raises

    def attempt(self, url: str) -> bytes:
        self.keep_pace()
        self.requests += 1
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/xml, text/xml"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - scheme checked in get()
                body = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            if exc.code in RETRY_STATUSES:
                raise RetryableError(f"the server answered {exc.code} {exc.reason}", retry_after(exc.headers)) from None
            raise SourceError(f"the server answered {exc.code} {exc.reason} for {url}") from None
        except urllib.error.URLError as exc:
            raise RetryableError(f"cannot connect: {getattr(exc.reason, 'strerror', None) or exc.reason}") from None
        except TimeoutError:
            raise RetryableError(f"no answer within {self.timeout:g} seconds") from None
        except (http.client.HTTPException, ConnectionError) as exc:
            raise RetryableError(f"the connection was dropped ({type(exc).__name__})") from None
        if len(body) > MAX_BYTES:
            raise SourceError(f"the answer is larger than {MAX_BYTES // 1_048_576} MB: {url}")
        return body

    def pause_for(self, seconds: float) -> None:
        (self.sleep or wait)(seconds)

    def keep_pace(self) -> None:
        now = time.monotonic()
        if self._last_start is not None and now - self._last_start < self.pause:
            self.pause_for(self.pause - (now - self._last_start))
        self._last_start = time.monotonic()


def wait(seconds: float) -> None:
    time.sleep(seconds)


class RetryableError(Exception):
    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def retry_after(headers) -> float | None:
    """Retry-After in seconds (RFC 9110, 10.2.3); the date form is ignored."""
    value = (headers or {}).get("Retry-After", "") if headers is not None else ""
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
