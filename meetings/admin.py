"""Admin registrations: the staff's window on every archive row."""
from django.contrib import admin

from .models import (
    Citation, Country, Footnote, Letter, LetterMeeting, Meeting, Minister, Participation, Session, Topic,
)


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 0


class CitationInline(admin.TabularInline):
    model = Citation
    fk_name = "letter"
    extra = 0
    raw_id_fields = ["cited_letter"]


class LetterMeetingInline(admin.TabularInline):
    model = LetterMeeting
    extra = 0
    raw_id_fields = ["letter", "meeting"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["order", "title", "heading", "subject", "letter"]
    raw_id_fields = ["letter"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "date", "number", "minister", "is_sample", "imported_at"]
    list_filter = ["kind", "is_sample", "minister", "topics"]
    search_fields = ["subject", "reference", "source_name", "source_sha256"]
    date_hierarchy = "date"
    list_select_related = ["minister"]
    filter_horizontal = ["topics", "cosigners"]
    readonly_fields = ["source_sha256", "imported_at", "updated_at", "warnings"]
    inlines = [LetterMeetingInline, FootnoteInline, CitationInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "series", "start_date", "end_date", "location", "extraordinary", "virtual"]
    list_filter = ["series", "extraordinary", "virtual"]
    search_fields = ["title", "location"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["series"]}
    inlines = [LetterMeetingInline, ParticipationInline, SessionInline]


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
    list_display = ["name", "slug"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "letter", "order"]
    search_fields = ["title"]
    list_select_related = ["meeting", "letter"]
    raw_id_fields = ["meeting", "letter"]
    filter_horizontal = ["topics"]
