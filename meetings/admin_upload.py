"""The admin's upload screens: choose files, review what was found, publish or cancel."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .store import staging
from .models import Letter

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
        widget=MultipleFileInput(attrs={"accept": ".txt,.md,.pdf,.docx"}),
        help_text=_("Eén of meer bestanden (.txt, .md, .pdf, .docx)."),
    )


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
        context = {**self.admin_site.each_context(request), "title": _("Brieven uploaden"), "form": form, "opts": self.model._meta}
        return TemplateResponse(request, "admin/meetings/letter/upload.html", context)

    def preview_view(self, request, token):
        self.check_upload_permission(request)
        items = staging.load(token)
        if items is None:
            raise Http404("no such upload")
        duplicates = Letter.objects.in_bulk([i.duplicate_of for i in items if i.duplicate_of])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Controleer wat er is gevonden"),
            "items": [(item, duplicates.get(item.duplicate_of)) for item in items],
            "token": token,
            "publishable": any(i.publishable for i in items),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/meetings/letter/upload_preview.html", context)

    def publish_view(self, request, token):
        self.check_upload_permission(request)
        results = staging.publish(token)
        if results is None:
            messages.warning(request, _("Deze upload is al gepubliceerd of geannuleerd; er is niets opnieuw opgeslagen."))
        for result in results or []:
            if result.written:
                log_upload(request, result)
                messages.success(request, _("Gepubliceerd: %(name)s") % {"name": result.source})
            elif result.ok:
                messages.info(request, _("%(name)s stond al in het archief.") % {"name": result.source})
            else:
                messages.error(request, _("%(name)s is niet gepubliceerd: %(error)s") % {"name": result.source, "error": result.error})
        return redirect("admin:meetings_letter_changelist")

    def cancel_view(self, request, token):
        self.check_upload_permission(request)
        staging.cancel(token)
        messages.info(request, _("Upload geannuleerd; er is niets opgeslagen."))
        return redirect("admin:meetings_letter_changelist")


def log_upload(request, result) -> None:
    """The admin history records who uploaded which file, with its SHA-256."""
    letter = result.letter
    LogEntry.objects.log_actions(
        user_id=request.user.pk,
        queryset=Letter.objects.filter(pk=letter.pk),
        action_flag=ADDITION,
        change_message=f"Geüpload als {result.source} ({result.status}), SHA-256 {letter.source_sha256}",
        single_object=True,
    )
