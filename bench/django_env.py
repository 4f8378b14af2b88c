"""Django set up for a benchmark: the project's settings, a database and media folder of its own."""

from __future__ import annotations

import os
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent


def setup_django(database_url: str, media_root: Path, *, keep_database_url: bool = False) -> None:
    """`keep_database_url`: a DATABASE_URL already in the environment wins (to bench PostgreSQL)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "archive.settings"
    if keep_database_url:
        os.environ.setdefault("DATABASE_URL", database_url)
    else:
        os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = str(media_root)
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    for path in (str(BENCH), str(PROJECT)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django

    django.setup()
