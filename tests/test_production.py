"""Production readiness: deploy checks, security headers, HTTP caching."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from meetings.store import import_bytes

PROJECT = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
    "DJANGO_PRODUCTION": "1",
    "SECRET_KEY": "a-long-random-production-secret-key-with-enough-entropy-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "archief.example.org",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
}


def manage(*args, env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment never has it.
    unset = ("DJANGO_PRODUCTION", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_security_headers_on_public_pages(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_production_sends_hsts_and_secure_cookies():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("DJANGO_PRODUCTION", "SECRET_KEY")}
    env = {**clean, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "archive.settings"}
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60)
    hsts, session_secure, csrf_secure, httponly, redirect = result.stdout.split()
    assert int(hsts) >= 31536000 and session_secure == csrf_secure == httponly == redirect == "True"


@pytest.mark.django_db
def test_pages_carry_cache_headers_and_answer_304_until_the_archive_changes(client, letter_text):
    import_bytes("eerste.txt", letter_text().encode())
    first = client.get("/brieven/")
    assert "public" in first["Cache-Control"] and "max-age" in first["Cache-Control"]
    etag = first["ETag"]
    assert client.get("/brieven/", HTTP_IF_NONE_MATCH=etag).status_code == 304

    import_bytes(
        "tweede.txt",
        letter_text(date="3 maart 2024", opening="Op 20 maart komen de NAVO-ministers van Defensie in Brussel bijeen.").encode(),
    )
    changed = client.get("/brieven/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


@pytest.mark.django_db
def test_api_answers_are_cacheable_too(client):
    response = client.get("/api/letters/")
    assert "public" in response["Cache-Control"] and response.has_header("ETag")
    assert client.get("/api/letters/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


@pytest.mark.django_db
def test_admin_pages_are_not_publicly_cached(admin_client, settings):
    response = admin_client.get("/" + settings.ADMIN_URL)
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
