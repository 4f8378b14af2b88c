"""`manage.py remove_sample_letters` takes out the fictional letters and only what they brought."""

from io import StringIO

import pytest
from django.core.management import call_command

from meetings.models import Letter, Meeting
from meetings.search.service import Search
from meetings.store import import_bytes

pytestmark = pytest.mark.django_db


def test_sample_letters_and_their_meetings_and_files_go_and_real_ones_stay(
    letter_text, media_root, django_capture_on_commit_callbacks
):
    real = import_bytes("echt.txt", letter_text().encode()).letter
    sample_shared = import_bytes("voorbeeld-1.txt", ("VOORBEELDBRIEF\n\n" + letter_text(date="3 februari 2024")).encode()).letter
    sample_alone = import_bytes(
        "voorbeeld-2.txt",
        (
            "VOORBEELDBRIEF\n\n"
            + letter_text(opening="Op 20 en 21 maart komen de NAVO-ministers van Defensie in Brussel bijeen.")
        ).encode(),
    ).letter
    assert sample_shared.is_sample and sample_alone.is_sample and not real.is_sample
    shared_meeting = real.meetings.get()
    files = [media_root / letter.source_file.name for letter in (sample_shared, sample_alone)]

    out = StringIO()
    call_command("remove_sample_letters", "--dry-run", stdout=out)
    assert "Would remove 2 sample letters, 1 meetings and 2 files." in out.getvalue()
    assert Letter.objects.count() == 3

    with django_capture_on_commit_callbacks(execute=True):  # the files go once the rows are gone for good
        call_command("remove_sample_letters", stdout=StringIO())
    assert list(Letter.objects.all()) == [real]
    assert list(Meeting.objects.all()) == [shared_meeting]  # the real letter still names it
    assert not any(path.exists() for path in files) and (media_root / real.source_file.name).exists()
    assert Search({"q": "afschrikking"}).run(limit=10, hits=False).ids == [real.pk]
