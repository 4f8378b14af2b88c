"""The admin's upload screens: choose files, review what was found, publish or cancel."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .models import Letter
from .store import Status, staging
from .store.staging import StagedFile

UPLOAD_PERMISSION = "meetings.upload_letter"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f] or super().clean(None, initial)


class UploadForm(forms.Form):
    files = MultipleFileField(
        allow_empty_file=True,  # an empty file gets its own clear message in the preview
        label=_("Brieven"),
        widget=MultipleFileInput(attrs={"accept": ".txt,.md,.pdf,.docx,.xml"}),
        help_text=_("Eén of meer bestanden (.txt, .md, .pdf, .docx, of de officiële .xml van een Kamerstuk)."),
    )


@dataclass(frozen=True)
class PreviewRow:
    """One uploaded file in the preview, with the archived letters it relates to."""

    index: int
    item: StagedFile
    duplicate: Letter | None  # the same bytes are archived
    replaces: Letter | None  # it is a new version of this letter
    similar: Letter | None  # same kind, date and number: perhaps the same letter


class LetterUploadMixin:
    """Adds the upload screens to LetterAdmin; only users with the upload permission see them."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="meetings_letter_upload"),
            path("upload/<str:token>/", wrap(self.preview_view), name="meetings_letter_upload_preview"),
            path("upload/<str:token>/publiceren/", wrap(require_POST(self.publish_view)), name="meetings_letter_upload_publish"),
            path("upload/<str:token>/annuleren/", wrap(require_POST(self.cancel_view)), name="meetings_letter_upload_cancel"),
            *super().get_urls(),
        ]

    def check_upload_permission(self, request):
        if not request.user.has_perm(UPLOAD_PERMISSION):
            raise PermissionDenied

    def changelist_view(self, request, extra_context=None):
        extra = {"can_upload": request.user.has_perm(UPLOAD_PERMISSION), **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra)

    def upload_view(self, request):
        self.check_upload_permission(request)
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            token, staged = staging.stage(form.cleaned_data["files"])
            return redirect("admin:meetings_letter_upload_preview", token=token)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Brieven uploaden"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/meetings/letter/upload.html", context)

    def preview_view(self, request, token):
        self.check_upload_permission(request)
        items = staging.load(token)
        if items is None:
            raise Http404("no such upload")
        archived = Letter.objects.in_bulk({pk for i in items for pk in (i.duplicate_of, i.replaces, i.similar_to) if pk})
        rows = [
            PreviewRow(index, item, archived.get(item.duplicate_of), archived.get(item.replaces), archived.get(item.similar_to))
            for index, item in enumerate(items)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Controleer wat er is gevonden"),
            "rows": rows,
            "token": token,
            "publishable": any(i.publishable or i.replaceable for i in items),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/meetings/letter/upload_preview.html", context)

    def publish_view(self, request, token):
        self.check_upload_permission(request)
        chosen = frozenset(int(i) for i in request.POST.getlist("replace") if i.isascii() and i.isdigit())
        results = staging.publish(token, replace=chosen)
        if results is None:
            messages.warning(request, _("Deze upload is al gepubliceerd of geannuleerd; er is niets opnieuw opgeslagen."))
        for result in results or []:
            if result.written:
                log_upload(request, result)
                messages.success(request, _("Gepubliceerd: %(name)s") % {"name": result.source})
            elif result.status == Status.NEW_VERSION:
                messages.info(
                    request, _("%(name)s is niet gepubliceerd: het archief houdt de bestaande versie.") % {"name": result.source}
                )
            elif result.ok:
                messages.info(request, _("%(name)s stond al in het archief.") % {"name": result.source})
            else:
                messages.error(
                    request, _("%(name)s is niet gepubliceerd: %(error)s") % {"name": result.source, "error": result.error}
                )
        return redirect("admin:meetings_letter_changelist")

    def cancel_view(self, request, token):
        self.check_upload_permission(request)
        staging.cancel(token)
        messages.info(request, _("Upload geannuleerd; er is niets opgeslagen."))
        return redirect("admin:meetings_letter_changelist")


def log_upload(request, result) -> None:
    """The admin history records who uploaded which file, with its SHA-256, and whether it
    replaced an earlier version of the letter."""
    letter = result.letter
    replaced = result.status == Status.UPDATED
    message = f"Geüpload als {result.source}, SHA-256 {letter.source_sha256}"
    if replaced:
        message = f"Nieuwe versie geüpload als {result.source}, SHA-256 {letter.source_sha256}; de vorige staat in de versiegeschiedenis"
    LogEntry.objects.log_actions(
        user_id=request.user.pk,
        queryset=Letter.objects.filter(pk=letter.pk),
        action_flag=CHANGE if replaced else ADDITION,
        change_message=message,
        single_object=True,
    )
