"""Admins upload letters, review what was found, and publish or cancel; corrections stick."""

import io
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Letter, Meeting, Participation
from meetings.store import Options, import_bytes

pytestmark = pytest.mark.django_db

UPLOAD = "admin:meetings_letter_upload"


@pytest.fixture
def uploader(client):
    user = User.objects.create_user("redactie", password="geheim-wachtwoord-123", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["upload_letter", "view_letter", "change_letter", "change_meeting", "view_meeting"]
        )
    )
    client.force_login(user)
    return client


def upload(client, *files):
    response = client.post(reverse(UPLOAD), {"files": list(files)})
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def text_file(name, text):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def token_of(preview_url):
    return re.search(r"/upload/([^/]+)/$", preview_url).group(1)


def test_upload_shows_a_preview_and_stores_nothing_yet(uploader, letter_text):
    preview_url = upload(uploader, text_file("agenda.txt", letter_text()))
    html = uploader.get(preview_url).content.decode()
    assert "agenda.txt" in html and "K.H. Ollongren" in html and "Brussel" in html
    assert "Publiceren" in html
    assert Letter.objects.count() == 0


def test_publish_imports_the_letter_and_records_who_uploaded_it(uploader, letter_text):
    preview_url = upload(uploader, text_file("agenda.txt", letter_text()))
    response = uploader.post(reverse("admin:meetings_letter_upload_publish", args=[token_of(preview_url)]))
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.source_name == "agenda.txt" and letter.source_file.name.endswith("agenda.txt")
    entry = LogEntry.objects.get(object_id=str(letter.pk))
    assert entry.user.username == "redactie" and letter.source_sha256 in entry.change_message


def test_cancel_stores_nothing_and_removes_the_staged_files(uploader, letter_text, media_root):
    preview_url = upload(uploader, text_file("agenda.txt", letter_text()))
    uploader.post(reverse("admin:meetings_letter_upload_cancel", args=[token_of(preview_url)]))
    assert Letter.objects.count() == 0
    assert not any(p.is_file() for p in (media_root / "staging").rglob("*"))
    assert uploader.get(preview_url).status_code == 404


def test_duplicate_upload_links_to_the_archived_letter(uploader, letter_text):
    letter = import_bytes("al-gearchiveerd.txt", letter_text().encode()).letter
    html = uploader.get(upload(uploader, text_file("kopie.txt", letter_text()))).content.decode()
    assert "staat al in het archief" in html
    assert reverse("admin:meetings_letter_change", args=[letter.pk]) in html


def test_bad_files_get_a_clear_message_and_are_not_published(uploader, letter_text, settings):
    settings.LETTER_MAX_BYTES = 5000
    files = [
        text_file("leeg.txt", ""),
        SimpleUploadedFile("nep.pdf", b"dit is geen pdf maar tekst", content_type="application/pdf"),
        SimpleUploadedFile("programma.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
        text_file("te-groot.txt", letter_text() + "x" * 6000),
        text_file("goed.txt", letter_text()),
    ]
    preview_url = upload(uploader, *files)
    html = uploader.get(preview_url).content.decode()
    assert "the file is empty" in html
    assert "named .pdf but its content is text" in html
    assert ".exe is not accepted" in html
    assert "over the limit" in html
    uploader.post(reverse("admin:meetings_letter_upload_publish", args=[token_of(preview_url)]))
    assert list(Letter.objects.values_list("source_name", flat=True)) == ["goed.txt"]


def test_preview_warns_when_something_is_missing(uploader, letter_text):
    text = letter_text(date="", opening="De ministers spreken over veel zaken.")
    html = uploader.get(upload(uploader, text_file("vaag.txt", text))).content.decode()
    assert "no letter date found" in html and "geen bijeenkomst gevonden" in html


def test_staff_without_upload_permission_cannot_upload(client, letter_text):
    user = User.objects.create_user("lezer", password="x-geheim-123", is_staff=True)
    client.force_login(user)
    assert client.get(reverse(UPLOAD)).status_code == 403
    response = client.post(reverse(UPLOAD), {"files": [text_file("a.txt", letter_text())]})
    assert response.status_code == 403 and Letter.objects.count() == 0


def test_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(reverse(UPLOAD))
    assert response.status_code == 302 and "login" in response["Location"]


def test_upload_requires_a_csrf_token(letter_text):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    user = User.objects.create_superuser("baas", password="x-geheim-123")
    client.force_login(user)
    response = client.post(reverse(UPLOAD), {"files": [text_file("a.txt", letter_text())]})
    assert response.status_code == 403


REFERENCE = "Onze referentie BS2024000777"  # an official identity: another file of it is a new version


def test_corrected_letter_field_survives_a_reimport(uploader, letter_text):
    letter = import_bytes("brief.txt", letter_text(letterhead=REFERENCE).encode()).letter
    change_url = reverse("admin:meetings_letter_change", args=[letter.pk])
    data = form_data(uploader.get(change_url))
    data["subject"] = "Gecorrigeerde titel"
    assert uploader.post(change_url, data).status_code == 302
    letter.refresh_from_db()
    assert letter.locked_fields == ["subject"]

    edited = letter_text(letterhead=REFERENCE).replace("Nederland zal", "Nederland gaat")
    assert import_bytes("brief.txt", edited.encode(), options=Options(replace=True)).status == "updated"
    letter.refresh_from_db()
    assert letter.subject == "Gecorrigeerde titel" and "Nederland gaat" in letter.body
    assert LogEntry.objects.filter(object_id=str(letter.pk), action_flag=2).exists()


def test_corrected_meeting_place_survives_a_reimport(letter_text):
    letter = import_bytes("brief.txt", letter_text(letterhead=REFERENCE).encode()).letter
    meeting = letter.meetings.get()
    meeting.location = "Mons"
    meeting.locked_fields = ["location"]
    meeting.save()
    edited = letter_text(letterhead=REFERENCE).replace("Nederland zal", "Nederland gaat")
    assert import_bytes("brief.txt", edited.encode(), options=Options(replace=True)).status == "updated"
    assert Meeting.objects.get().location == "Mons"


def test_merge_action_joins_two_meetings_and_a_reimport_keeps_them_joined(admin_client, letter_text):
    first = import_bytes(
        "a.txt", letter_text(opening="Op 13 februari komen de NAVO-ministers van Defensie in Brussel bijeen.").encode()
    ).letter
    second = import_bytes(
        "b.txt",
        letter_text(
            opening="Op 16 februari komen de NAVO-ministers van Defensie in Brussel bijeen, in aanwezigheid van de ministers van Defensie van Japan."
        ).encode(),
    ).letter
    assert Meeting.objects.count() == 2
    response = admin_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "merge_selected", "_selected_action": list(Meeting.objects.values_list("pk", flat=True))},
    )
    assert response.status_code == 302
    merged = Meeting.objects.get()
    assert set(merged.letters.all()) == {first, second}
    assert Participation.objects.filter(meeting=merged, country__code="JP").exists()

    import_bytes("b.txt", letter_text(opening="Op 16 februari komen de NAVO-ministers van Defensie in Brussel bijeen.").encode())
    assert Meeting.objects.count() == 1


def test_admin_lives_at_the_configured_path(client, settings):
    assert reverse("admin:index") == "/" + settings.ADMIN_URL
    assert client.get("/admin/").status_code == 404


def test_docx_letter_is_read(uploader, letter_text):
    from docx import Document

    document = Document()
    for paragraph in letter_text().split("\n\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    preview_url = upload(uploader, SimpleUploadedFile("brief.docx", buffer.getvalue()))
    uploader.post(reverse("admin:meetings_letter_upload_publish", args=[token_of(preview_url)]))
    letter = Letter.objects.get()
    assert letter.minister.name == "K.H. Ollongren" and letter.meetings.count() == 1


def form_data(response):
    """The admin change form's current values, as a browser would post them back."""

    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "pk"):
            value = value.pk
        if isinstance(value, (list, tuple)) or hasattr(value, "all"):
            value = [getattr(v, "pk", v) for v in (value.all() if hasattr(value, "all") else value)]
        data[name] = "" if value is None else value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management.initial.get(name, management[name].value())
        for form in formset.formset.forms:
            for name in form.fields:
                value = form.initial.get(name)
                data[f"{form.prefix}-{name}"] = "" if value is None else getattr(value, "pk", value)
    return data


# --- no 500s: repeated publishes, odd tokens, odd drill-downs ------------------------------


def test_publishing_one_preview_again_says_so_and_records_one_upload(uploader, letter_text):
    preview_url = upload(uploader, text_file("agenda.txt", letter_text()))
    publish = reverse("admin:meetings_letter_upload_publish", args=[token_of(preview_url)])
    responses = [uploader.post(publish, follow=True) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert "al gepubliceerd of geannuleerd" in responses[1].content.decode()
    letter = Letter.objects.get()
    assert LogEntry.objects.filter(object_id=str(letter.pk)).count() == 1


def test_of_simultaneous_publishes_exactly_one_claims_the_upload(uploader, letter_text):
    import threading

    from meetings.store import staging

    token = token_of(upload(uploader, text_file("agenda.txt", letter_text())))
    start, claims = threading.Barrier(3), []

    def race():
        start.wait()
        claims.append(staging.claim(token))

    threads = [threading.Thread(target=race) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(claims) == 3 and sum(claim is not None for claim in claims) == 1


@pytest.mark.parametrize("token", ["x" * 300, "a.publishing-1", "²³"])
def test_an_odd_preview_token_is_not_found(uploader, token):
    assert uploader.get(f"/beheer/meetings/letter/upload/{token}/").status_code == 404
    response = uploader.post(f"/beheer/meetings/letter/upload/{token}/publiceren/", follow=True)
    assert response.status_code == 200 and "al gepubliceerd of geannuleerd" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "date__year=99999",
        "date__year=9999&date__month=12",
        "date__year=9999&date__month=12&date__day=31",
        "date__year=-1",
        "date__year=0",
        "date__year=2024&date__month=13",
        "date__year=abc",
        "date__year=99999999999999999999",
    ],
)
def test_the_letter_list_survives_an_absurd_date_drill_down(uploader, query):
    response = uploader.get(reverse("admin:meetings_letter_changelist") + "?" + query)
    assert response.status_code in (200, 302)


# --- new versions of archived letters (issue 14 item 1) -----------------------------------


def test_the_preview_names_the_letter_a_new_version_would_replace_and_what_changes(uploader, letter_text):
    letter = import_bytes("brief.txt", letter_text(letterhead=REFERENCE).encode()).letter
    preview_url = upload(uploader, text_file("brief-v2.txt", letter_text(letterhead=REFERENCE, date="2 februari 2024")))
    html = uploader.get(preview_url).content.decode()
    assert "nieuwe versie van een brief in het archief" in html
    assert reverse("admin:meetings_letter_change", args=[letter.pk]) in html
    assert "2024-02-01" in html and "2024-02-02" in html  # the date that would change
    assert 'name="replace"' in html


def test_a_new_version_is_published_only_when_the_admin_chooses_it(uploader, letter_text):
    letter = import_bytes("brief.txt", letter_text(letterhead=REFERENCE).encode()).letter
    edited = text_file("brief-v2.txt", letter_text(letterhead=REFERENCE, date="2 februari 2024"))
    token = token_of(upload(uploader, edited))
    uploader.post(reverse("admin:meetings_letter_upload_publish", args=[token]))
    letter.refresh_from_db()
    assert letter.source_name == "brief.txt" and not letter.versions.exists()

    edited.seek(0)
    token = token_of(upload(uploader, edited))
    uploader.post(reverse("admin:meetings_letter_upload_publish", args=[token]), {"replace": ["0"]})
    letter.refresh_from_db()
    assert letter.source_name == "brief-v2.txt" and letter.versions.get().source_name == "brief.txt"
    entry = LogEntry.objects.get(object_id=str(letter.pk))
    assert entry.action_flag == 2 and "versiegeschiedenis" in entry.change_message


def test_the_letter_change_page_shows_every_earlier_version(admin_client, letter_text):
    import_bytes("brief.txt", letter_text(letterhead=REFERENCE).encode())
    letter = import_bytes(
        "brief-v2.txt", letter_text(letterhead=REFERENCE, date="2 februari 2024").encode(), options=Options(replace=True)
    ).letter
    html = admin_client.get(reverse("admin:meetings_letter_change", args=[letter.pk])).content.decode()
    assert "eerdere versie" in html.lower() and "brief.txt" in html


def test_a_near_duplicate_is_flagged_with_a_link(uploader, letter_text):
    numbered = "Nr. 450 BRIEF VAN DE MINISTER VAN DEFENSIE"
    letter = import_bytes("brief.txt", letter_text(letterhead=numbered).encode()).letter
    other = letter_text(letterhead=numbered).replace("Nederland zal", "Nederland gaat")
    html = uploader.get(upload(uploader, text_file("ander.txt", other))).content.decode()
    assert "Lijkt op een brief in het archief" in html
    assert reverse("admin:meetings_letter_change", args=[letter.pk]) in html


def test_the_public_letter_page_says_when_it_was_last_changed(client, letter_text):
    letter = import_bytes("brief.txt", letter_text().encode()).letter
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "laatst gewijzigd" in html
