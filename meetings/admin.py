"""Admin registrations: the staff's window on every archive row, where corrections are made.

Every change an admin saves to an extracted field is recorded in the admin history (Django's
LogEntry) and locks that field against later re-imports (meetings/store/corrections.py).
"""

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ERROR_FLAG
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .admin_upload import LetterUploadMixin
from .models import (
    Citation,
    Country,
    Footnote,
    Letter,
    LetterMeeting,
    LetterVersion,
    Meeting,
    Minister,
    Participation,
    Session,
    Topic,
)
from .store.corrections import LETTER_FIELDS, MEETING_FIELDS, lock, merge_meetings


# The letter form's inlines are stacked: each field has its own label (a tabular inline's
# fields have none, only a column header, and axe-core counts them unlabelled).
class FootnoteInline(admin.StackedInline):
    model = Footnote
    extra = 0


class CitationInline(admin.StackedInline):
    model = Citation
    fk_name = "letter"
    extra = 0
    raw_id_fields = ["cited_letter"]


class LetterMeetingInline(admin.StackedInline):
    model = LetterMeeting
    extra = 0
    raw_id_fields = ["letter", "meeting"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["order", "title", "heading", "subject", "letter"]
    raw_id_fields = ["letter"]


class LetterVersionInline(admin.StackedInline):
    """Every earlier version of the letter, as it stood when a new file replaced it; history
    is not edited, so the inline only shows."""

    model = LetterVersion
    extra = 0
    can_delete = False
    fields = ["source_name", "source_sha256", "source_file", "imported_at", "replaced_at", "extracted"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["country"]


class CorrectionsMixin:
    """Saving a changed field or inline in the admin locks it against re-imports."""

    lockable_fields: set[str] = set()
    inline_locks: dict[type, tuple[str, str]] = {}  # inline model -> (row to lock: "self"/"meetings", name)

    def save_model(self, request, obj, form, change):
        if change:
            lock(obj, set(form.changed_data) & self.lockable_fields)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        names = set(form.changed_data) & self.lockable_fields & {"topics", "cosigners"}
        names |= {self.inline_locks[fs.model] for fs in formsets if fs.model in self.inline_locks and fs.has_changed()}
        if change and names:
            lock(obj, names)
            obj.save(update_fields=["locked_fields"])


class SafeDrillDownMixin:
    """Django's date drill-down builds the day after the chosen period, which fails with a
    500 for a year past 9998 or a month or day that does not exist; such an address gets the
    change list's own "invalid filter" answer instead (?e=1)."""

    def changelist_view(self, request, extra_context=None):
        if self.date_hierarchy and not valid_drill_down(request.GET, self.date_hierarchy):
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return super().changelist_view(request, extra_context)


def valid_drill_down(params, field: str) -> bool:
    parts = [params.get(f"{field}__{unit}") for unit in ("year", "month", "day")]
    given = [p for p in parts if p is not None]
    if not given:
        return True
    if not all(p.isascii() and p.isdigit() and len(p) <= 4 for p in given):
        return False
    year, month, day = (int(p) if p is not None else 1 for p in parts)
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return year < dt.MAXYEAR


@admin.register(Letter)
class LetterAdmin(SafeDrillDownMixin, LetterUploadMixin, CorrectionsMixin, admin.ModelAdmin):
    list_display = ["subject", "kind", "date", "number", "minister", "is_sample", "imported_at"]
    list_filter = ["kind", "is_sample", "minister", "topics"]
    search_fields = ["subject", "reference", "source_name", "source_sha256"]
    date_hierarchy = "date"
    list_select_related = ["minister"]
    # Checkboxes, not filter_horizontal: its script adds ARIA attributes a span may not have.
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = ["source_sha256", "source_name", "source_file", "imported_at", "updated_at", "warnings", "locked_fields"]
    inlines = [LetterMeetingInline, FootnoteInline, CitationInline, LetterVersionInline]
    lockable_fields = LETTER_FIELDS
    inline_locks = {LetterMeeting: "meetings"}


@admin.register(Meeting)
class MeetingAdmin(SafeDrillDownMixin, CorrectionsMixin, admin.ModelAdmin):
    list_display = ["title", "series", "start_date", "end_date", "location", "extraordinary", "virtual"]
    list_filter = ["series", "extraordinary", "virtual"]
    search_fields = ["title", "location"]
    date_hierarchy = "start_date"
    readonly_fields = ["locked_fields", "merged_spans"]
    inlines = [LetterMeetingInline, ParticipationInline, SessionInline]
    actions = ["merge_selected"]
    lockable_fields = MEETING_FIELDS
    inline_locks = {Participation: "participants", Session: "sessions"}

    @admin.action(description=_("Geselecteerde bijeenkomsten samenvoegen tot één"), permissions=["change"])
    def merge_selected(self, request, queryset):
        meetings = list(queryset)
        if len(meetings) < 2:
            self.message_user(request, _("Kies ten minste twee bijeenkomsten om samen te voegen."), messages.WARNING)
            return
        names = ", ".join(str(m) for m in meetings)
        kept = merge_meetings(meetings)
        self.log_change(request, kept, f"Samengevoegd uit: {names}")
        self.message_user(
            request,
            ngettext(
                "%(count)d bijeenkomst samengevoegd in %(kept)s.",
                "%(count)d bijeenkomsten samengevoegd in %(kept)s.",
                len(meetings),
            )
            % {"count": len(meetings), "kept": kept},
        )


@admin.register(Minister)
class MinisterAdmin(admin.ModelAdmin):
    list_display = ["name", "role"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_en"]
    search_fields = ["code", "name_nl", "name_en"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "letter", "order"]
    search_fields = ["title"]
    list_select_related = ["meeting", "letter"]
    raw_id_fields = ["meeting", "letter"]
    filter_horizontal = ["topics"]
