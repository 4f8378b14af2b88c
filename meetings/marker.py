"""The archive's change marker: one cheap value that changes with every write that can alter a
public page, so that pages can be cached and conditional requests answered without rendering
(middleware.py) and totals kept without counting (selectors.archive_totals).

Written in one place: `changed()` sets a new marker in the writing transaction. The store's
writer calls it for every batch (its bulk statements send no signals), and `connect` calls it
for every saved, deleted or re-linked row of the app's models (admin edits and deletes, a
restore, removing the sample letters), so no other code needs to remember it.

Read through `current()`, which keeps the value in the process for PAGE_MARKER_SECONDS: a
cached page or a 304 then costs no query at all. A write in this process is seen at once; a
write in another process (an import, an admin in another worker) within that many seconds.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Marker:
    value: int
    changed_at: dt.datetime


_memo: tuple[float, Marker] | None = None  # (monotonic time it expires, marker)


def current() -> Marker:
    """The marker as the database has it, read at most once per PAGE_MARKER_SECONDS."""
    global _memo
    now = time.monotonic()
    memo = _memo
    if memo is not None and memo[0] > now:
        return memo[1]
    marker = read()
    _memo = (now + settings.PAGE_MARKER_SECONDS, marker)
    return marker


def read() -> Marker:
    from .models import ArchiveState

    try:
        row = ArchiveState.objects.filter(pk=ArchiveState.ROW).values_list("marker", "changed_at").first()
    except DatabaseError:  # not migrated yet: nothing is cached for long
        row = None
    return Marker(*row) if row else Marker(0, EPOCH)


def forget() -> None:
    global _memo
    _memo = None


def changed() -> None:
    """A write that can alter a public page: a new marker, in the current transaction."""
    from .models import ArchiveState

    values = {"marker": secrets.randbits(62), "changed_at": timezone.now()}
    if not ArchiveState.objects.filter(pk=ArchiveState.ROW).update(**values):
        ArchiveState.objects.update_or_create(pk=ArchiveState.ROW, defaults=values)
    forget()  # this process reads its own write at once (in the transaction too) ...
    transaction.on_commit(forget)  # ... and the committed value after it


_deferred = threading.local()


@contextmanager
def one_change():
    """Rows written inside count as one change, made at the end (the store's writer: its
    signals for new ministers or replaced letters would each write the marker)."""
    outer = getattr(_deferred, "active", False)
    _deferred.active = True
    try:
        yield
        if not outer:
            changed()
    finally:
        _deferred.active = outer


def row_changed(sender, **kwargs) -> None:
    if kwargs.get("action", "post_").startswith("post_") and not getattr(_deferred, "active", False):
        changed()


def connect(app_config) -> None:
    """Every model of the app but the marker's own, so that no edit can be forgotten."""
    from .models import ArchiveState

    for model in app_config.get_models():
        if model is ArchiveState:
            continue
        uid = f"marker_{model.__name__}"
        post_save.connect(row_changed, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(row_changed, sender=model, dispatch_uid=f"{uid}_deleted")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(row_changed, sender=through, dispatch_uid=f"{uid}_{field.name}_changed")
