"""Print the request paths of the load test's traffic mix, drawn from the loaded archive:
about half browsing (home, timeline, meetings, letters), a quarter search, a quarter API."""

import os
import random
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
import django  # noqa: E402

django.setup()
from meetings.models import Country, Letter, Meeting  # noqa: E402

rng = random.Random(7)


def q(text: str) -> str:
    return text.replace(" ", "+")


meetings = list(Meeting.objects.values_list("slug", flat=True))
letters = list(Letter.objects.values_list("pk", flat=True))
countries = list(Country.objects.values_list("slug", flat=True)) or ["oekraine"]
pages = max(1, min(50, len(letters) // 25))  # list pages that exist, whatever the archive's size
years = sorted({d.year for d in Meeting.objects.dates("start_date", "year")}) or [2024]
searches = ["Oekraïne", '"air policing"', "verdedig*", "munitie", '"Zwarte Zee"', "cyber -Rusland", "F-35", "luchtverdediging"]
paths = []
for _ in range(400):
    paths += [
        "/",
        "/bijeenkomsten/",
        f"/bijeenkomsten/{rng.choice(meetings)}/",
        f"/brieven/{rng.choice(letters)}/",
        f"/bijeenkomsten/?country={rng.choice(countries)}",
        f"/brieven/?page={rng.randint(1, pages)}",
    ]
    paths += [f"/zoeken/?q={q(rng.choice(searches))}", f"/zoeken/?q={q(rng.choice(searches))}&kind=report"]
    paths += ["/api/letters/", f"/api/meetings/?year={rng.choice(years)}", f"/api/search/?q={q(rng.choice(searches))}"]
print("\n".join(quote(p, safe="/?=&+*-") for p in paths))
