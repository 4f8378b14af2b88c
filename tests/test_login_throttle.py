"""Admin login throttling (django-axes, meetings/client_address.py): per client address, across
user names, behind a configured number of trusted proxies; nobody can lock another person out."""

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

from meetings.client_address import client_address

pytestmark = pytest.mark.django_db
PASSWORD = "het-juiste-wachtwoord-1"


@pytest.fixture
def admin_user():
    return User.objects.create_superuser("baas", password=PASSWORD)


def log_in(client, username, password, **meta):
    return client.post(reverse("admin:login"), {"username": username, "password": password}, **meta)


def fail_until_locked(client, settings, username="baas", **meta):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        log_in(client, username, "fout", **meta)


def test_an_address_that_failed_too_often_is_refused_even_with_the_right_password(client, settings, admin_user):
    fail_until_locked(client, settings, REMOTE_ADDR="198.51.100.9")
    response = log_in(client, "baas", PASSWORD, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_under_different_user_names_count_together(client, settings, admin_user):
    for n in range(settings.LOGIN_FAILURE_LIMIT):
        log_in(client, f"gok-{n}", "fout", REMOTE_ADDR="198.51.100.9")
    assert log_in(client, "baas", PASSWORD, REMOTE_ADDR="198.51.100.9").status_code == 429


def test_someone_elses_failures_do_not_lock_the_user_out(client, settings, admin_user):
    fail_until_locked(client, settings, REMOTE_ADDR="198.51.100.9")  # an attacker trying "baas"
    response = log_in(client, "baas", PASSWORD, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(admin_user.pk)


def test_behind_a_trusted_proxy_clients_are_told_apart_by_the_address_it_forwards(client, settings, admin_user):
    settings.TRUSTED_PROXIES = 1
    fail_until_locked(client, settings, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    response = log_in(client, "baas", PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(admin_user.pk)


def test_a_forged_forwarded_entry_does_not_escape_the_lock(client, settings, admin_user):
    settings.TRUSTED_PROXIES = 1
    fail_until_locked(client, settings, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    forged = log_in(client, "baas", PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7, 198.51.100.9")
    assert forged.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.1"),  # no proxy: the header is the client's own invention
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the entry our proxy appended
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.1"),  # did not come through both proxies: the peer
        (1, "", "10.0.0.1"),
    ],
)
def test_client_address_counts_trusted_proxies_from_the_right(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_a_request_without_a_valid_address_has_none(settings):
    settings.TRUSTED_PROXIES = 1
    assert client_address(RequestFactory().get("/", REMOTE_ADDR="")) is None
    forged = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_address(forged) == "10.0.0.1"
