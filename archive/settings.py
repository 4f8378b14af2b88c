"""Settings for the NATO letters archive, read from the environment.

DATABASE_URL   database (default: SQLite file db.sqlite3 in the project)
SECRET_KEY     required when DJANGO_PRODUCTION is set
DEBUG          "1"/"true" turns debug on; off unless asked for
ALLOWED_HOSTS  comma-separated host names
DJANGO_PRODUCTION  "1" turns on the production hardening (HTTPS-only cookies, HSTS, ...)
MEDIA_ROOT     where uploaded original letter files are kept
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_flag("DJANGO_PRODUCTION")
DEBUG = env_flag("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_PRODUCTION is on.")
    # Development and test runs only: production refuses to start without a real key (above).
    SECRET_KEY = "insecure-development-key-not-for-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "axes",
    "meetings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "meetings.middleware.PageCacheMiddleware",  # before sessions: a cached page skips the rest
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "meetings.middleware.AdminLanguageMiddleware",  # the admin in the browser's language (no prefix in its URL)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: answers a locked-out login with the lockout page
]

# django-axes checks every login before the password is tried.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers work while a letter is being imported; NORMAL sync is safe with WAL
    # (a power cut loses at most the last commits, never consistency) and makes commits cheap.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# The admin lives at a path of the operator's choosing (ADMIN_URL), not at the well-known /admin/.
ADMIN_URL = os.environ.get("ADMIN_URL", "beheer/").strip("/") + "/"
# Admin login (django-axes): after LOGIN_FAILURE_LIMIT failures from one client address, under
# any user names, that address may not log in for LOGIN_LOCKOUT_SECONDS. The lock is per address
# only, so password spraying across names is limited and nobody can lock another person out.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", "900"))
# Reverse proxies in front of the site that append to X-Forwarded-For (meetings/client_address.py);
# 0 when clients connect directly. Behind one nginx: 1.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = dt.timedelta(seconds=LOGIN_LOCKOUT_SECONDS)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "meetings.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# The database holds the cache, so every worker process sees the same entries.
# Rendered public pages (meetings/middleware.py) go to "pages": by default each worker's own
# memory, as their keys hold the archive's change marker (no entry is ever stale, only
# unreachable); PAGE_CACHE_BACKEND and PAGE_CACHE_LOCATION choose another (a shared Redis or
# memcached, Django's cache backends), PAGE_CACHE_ENTRIES bounds the memory (pages of 10-60 kB).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "archive_cache"},
    "pages": {
        "BACKEND": os.environ.get("PAGE_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("PAGE_CACHE_LOCATION", "archive-pages"),
    },
}
if CACHES["pages"]["BACKEND"].endswith("LocMemCache"):
    CACHES["pages"]["OPTIONS"] = {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "2000"))}
PAGE_CACHE = "pages"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(24 * 3600)))
# A worker reads the change marker at most this often (a cached page or a 304 costs no query);
# a write in another process (an import, an admin in another worker) is seen within it.
PAGE_MARKER_SECONDS = float(os.environ.get("PAGE_MARKER_SECONDS", "1"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Limits on reading one letter file (meetings/extract/bounded.py), so that a hostile file is
# refused in seconds with bounded memory. Real letters are well under 2 MB and a few pages;
# a .docx of a letter unpacks to well under 5 MB.
LETTER_MAX_BYTES = int(os.environ.get("LETTER_MAX_BYTES", str(10 * 1024 * 1024)))
LETTER_MAX_UNPACKED_BYTES = int(os.environ.get("LETTER_MAX_UNPACKED_BYTES", str(64 * 1024 * 1024)))
LETTER_MAX_PAGES = int(os.environ.get("LETTER_MAX_PAGES", "300"))
LETTER_READ_SECONDS = float(os.environ.get("LETTER_READ_SECONDS", "15"))
LETTER_READ_MEMORY_BYTES = int(os.environ.get("LETTER_READ_MEMORY_BYTES", str(768 * 1024 * 1024)))
# An admin upload reads all its files within this time, under a web server's timeout (gunicorn: 30 s).
UPLOAD_READ_SECONDS = float(os.environ.get("UPLOAD_READ_SECONDS", "20"))

# Content Security Policy (django-csp): only our own scripts, styles and images; no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Public pages may be cached this long by browsers and proxies (they revalidate with ETags).
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "300"))

# What a search may cost, so that it stays fast however large the archive grows (read by
# meetings/search/limits.py; the figures are in bench/README.md). Below these bounds, which is
# every search of an archive of a few thousand letters, every count and order is exact.
# Matches are counted up to this many; beyond, the total and the facet counts are estimated
# from the tenth of the letters whose id ends in 0, and only this many can be paged through.
# Counting reads every match: 50,000 matches of a phrase took 100-150 ms on PostgreSQL.
SEARCH_COUNT_LIMIT = 10_000
# Relevance ranks the newest this many matches; older matches follow them, newest first.
# Ranking costs time in proportion to the letters ranked, and the newest letters are what
# the archive's users ask for first.
SEARCH_RANK_CANDIDATES = 2_000
# A prefix (lucht*) is matched as the indexed stems it stands for, up to this many in one
# query; beyond, as the database's prefix operator, which on SQLite reads all of a prefix's
# matches before the first (lucht*: 17 ms, against 0.5 ms by its four stems); more listed
# stems would make a query of many prefixes thousands of terms.
SEARCH_PREFIX_STEMS = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

if not PRODUCTION:
    import warnings

    # Development and tests serve static files from the app folders; no collectstatic needed.
    warnings.filterwarnings("ignore", message="No directory at")

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True
