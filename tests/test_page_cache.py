"""Public pages cached and validated by the archive's change marker (meetings/middleware.py,
meetings/marker.py): 304 before any view runs, a write makes every page fresh at once, the admin
and logged-in users are never served from the cache, languages are cached apart."""

from __future__ import annotations

import pytest
from django.utils.http import http_date

from meetings import marker
from meetings.models import ArchiveState, Letter, Meeting, Topic
from meetings.selectors import archive_totals
from meetings.store import import_bytes
from meetings.views.home import HomeView
from meetings.views.letters import LetterListView

pytestmark = pytest.mark.page_cache


@pytest.fixture
def one_letter(db, letter_text):
    result = import_bytes("eerste.txt", letter_text().encode())
    assert result.ok, result.error
    return result.letter


def test_a_conditional_request_is_answered_304_without_a_query_or_the_view(
    client, one_letter, django_assert_num_queries, no_rendering_after_first
):
    first = client.get("/")
    assert first.status_code == 200 and first.has_header("ETag") and first.has_header("Last-Modified")
    no_rendering_after_first()
    marker.current()  # within PAGE_MARKER_SECONDS of the first request, as a busy worker is
    with django_assert_num_queries(0):
        response = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304 and response["ETag"] == first["ETag"] and not response.content
    assert "public" in response["Cache-Control"]
    with django_assert_num_queries(0):
        assert client.get("/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


@pytest.fixture
def no_rendering_after_first(monkeypatch):
    """A function: from its call on, rendering the home or letters page fails the test."""

    def arm():
        def refuse(*args, **kwargs):
            raise AssertionError("the page was rendered")

        monkeypatch.setattr(HomeView, "get_context_data", refuse)
        monkeypatch.setattr(LetterListView, "get_context_data", refuse)

    return arm


def test_a_cached_page_is_served_without_a_query_or_the_view(
    client, one_letter, django_assert_num_queries, no_rendering_after_first
):
    first = client.get("/brieven/")
    assert one_letter.subject in first.content.decode()
    no_rendering_after_first()
    with django_assert_num_queries(0):
        again = client.get("/brieven/")
    assert again.status_code == 200 and again.content == first.content and again["ETag"] == first["ETag"]
    with pytest.raises(AssertionError, match="rendered"):
        client.get("/brieven/?page=1")  # another query string is another page


def test_a_stale_validator_gets_the_page(client, one_letter):
    response = client.get("/", HTTP_IF_NONE_MATCH='"something-else"', HTTP_IF_MODIFIED_SINCE=http_date(0))
    assert response.status_code == 200 and response.content


def test_an_import_makes_the_next_answer_fresh(client, one_letter, letter_text):
    first = client.get("/brieven/")
    result = import_bytes(
        "tweede.txt",
        letter_text(date="3 maart 2024", opening="Op 20 maart komen de NAVO-ministers van Defensie in Rome bijeen.").encode(),
    )
    assert result.ok
    changed = client.get("/brieven/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert f"/brieven/{result.letter.pk}/" in changed.content.decode()


def test_an_admin_edit_or_delete_makes_the_next_answer_fresh(client, one_letter):
    page = f"/brieven/{one_letter.pk}/"
    assert one_letter.subject in client.get(page).content.decode()
    letter = Letter.objects.get(pk=one_letter.pk)
    letter.subject = "Een onderwerp dat een beheerder verbeterde"
    letter.save()
    assert "Een onderwerp dat een beheerder verbeterde" in client.get(page).content.decode()
    assert "Een onderwerp dat een beheerder verbeterde" in client.get("/brieven/").content.decode()
    letter.delete()
    assert client.get(page).status_code == 404
    assert "Een onderwerp dat een beheerder verbeterde" not in client.get("/brieven/").content.decode()


def test_a_topic_linked_by_an_admin_changes_the_marker(one_letter):
    before = marker.current()
    topic = Topic.objects.create(name="Een nieuw onderwerp", slug="een-nieuw-onderwerp")
    after_create = marker.current()
    one_letter.topics.add(topic)
    assert len({before.value, after_create.value, marker.current().value}) == 3
    assert ArchiveState.objects.get().marker == marker.current().value


def test_admin_pages_are_never_cached(admin_client, settings, one_letter):
    url = "/" + settings.ADMIN_URL + "meetings/letter/"
    first = admin_client.get(url)
    assert "private" in first["Cache-Control"] and not first.has_header("ETag")
    Letter.objects.filter(pk=one_letter.pk).update(subject="Zonder signaal veranderd")  # no marker change
    assert "Zonder signaal veranderd" in admin_client.get(url).content.decode()


def test_a_logged_in_user_is_neither_served_nor_stored(admin_client, client, one_letter):
    client.get("/brieven/")  # cached for anonymous visitors
    Letter.objects.filter(pk=one_letter.pk).update(subject="Zonder signaal veranderd")  # no marker change
    staff = admin_client.get("/brieven/")
    assert "Zonder signaal veranderd" in staff.content.decode() and "private" in staff["Cache-Control"]
    assert "Zonder signaal veranderd" not in client.get("/brieven/").content.decode()  # the cached page
    staff_conditional = admin_client.get("/brieven/", HTTP_IF_NONE_MATCH=client.get("/brieven/")["ETag"])
    assert staff_conditional.status_code == 200


def test_answers_that_set_cookies_are_not_cached(client, one_letter, monkeypatch):
    original = HomeView.render_to_response

    def with_cookie(self, context, **kwargs):
        response = original(self, context, **kwargs)
        response.set_cookie("seen", "1")
        return response

    monkeypatch.setattr(HomeView, "render_to_response", with_cookie)
    first = client.get("/")
    assert first.cookies and not first.has_header("ETag")
    monkeypatch.undo()
    Letter.objects.filter(pk=one_letter.pk).update(subject="Zonder signaal veranderd")  # no marker change
    assert "Zonder signaal veranderd" in client.get("/").content.decode()


def test_languages_are_cached_apart(client, one_letter):
    dutch, english = client.get("/"), client.get("/en/")
    assert dutch["ETag"] != english["ETag"] and dutch.content != english.content
    assert client.get("/en/").content == english.content and client.get("/").content == dutch.content
    api_nl = client.get("/api/", HTTP_ACCEPT_LANGUAGE="nl")
    api_en = client.get("/api/", HTTP_ACCEPT_LANGUAGE="en")
    assert api_nl["ETag"] != api_en["ETag"] and "Accept-Language" in api_en["Vary"]
    assert client.get("/api/", HTTP_IF_NONE_MATCH=api_en["ETag"], HTTP_ACCEPT_LANGUAGE="nl").status_code == 200


def test_another_day_is_another_page(client, one_letter, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    first = client.get("/")
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date.today() + dt.timedelta(days=1))
    later = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert later.status_code == 200 and later["ETag"] != first["ETag"]


def test_totals_are_counted_once_per_change(one_letter, letter_text, django_assert_num_queries):
    assert archive_totals()["letters"] == 1
    with django_assert_num_queries(0):
        assert archive_totals()["letters"] == 1
    import_bytes("tweede.txt", letter_text(date="3 maart 2024").encode())
    assert archive_totals()["letters"] == 2


def test_streamed_answers_are_not_cached(client, one_letter):
    first = client.get("/bijeenkomsten/export.csv")
    assert first.streaming
    b"".join(first.streaming_content)
    Meeting.objects.update(location="Ergens anders")  # no marker change
    assert b"Ergens anders" in b"".join(client.get("/bijeenkomsten/export.csv").streaming_content)
