"""Time full-text search on a large synthetic archive (issue 5, item 6).

Loads COUNT letters (100,000 by default) straight into the database with bulk_create and the
search package's bulk path (`make_document` + `index_documents`), then times a mix of word,
phrase, prefix and filtered queries the way the site runs them:

- "api": what /api/search/ does: the count (up to the count limit), the first page of 25
  ranked ids, and those letters with their snippets (Search.run(limit=25));
- "page": the results page's work: the same plus the six facet counts (run(..., facets=True)).

The letters are made from a pool of synthetic letters (bench/generate.py) run through the
real extraction (subject, body, sessions, topics); each archived letter takes the body of one
pool letter, drops some of its paragraphs and borrows some from others, so that no two are
the same. Dates, kinds, ministers, meetings (with series and partner countries) are spread
at random.

    .venv/bin/python bench/search_bench.py                               # SQLite, temp file
    scripts/with-postgres .venv/bin/python bench/search_bench.py         # PostgreSQL
    .venv/bin/python bench/search_bench.py --count 5000 --repeat 3       # a quick run
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from django_env import setup_django  # noqa: E402

# (kind of query, the query string, filters); filters use the URL parameters of /zoeken/.
QUERIES = [
    ("word", "Oekraïne", {}),
    ("word", "luchtruimbewaking", {}),
    ("word", "munitie", {}),
    ("word", "cyberverdediging", {}),
    ("word", "Zweden", {}),
    ("word", "verdedigingsplannen", {}),
    ("word", "weerbaarheid hybride", {}),
    ("word", "Georgie", {}),
    ("phrase", '"air policing"', {}),
    ("phrase", '"Zwarte Zee"', {}),
    ("phrase", '"afschrikking en verdediging"', {}),
    ("phrase", '"nucleaire beleid"', {}),
    ("phrase", "F-35", {}),
    ("phrase", '"militaire steun" -Rusland', {}),
    ("prefix", "verdedig*", {}),
    ("prefix", "lucht*", {}),
    ("prefix", "oekr*", {}),
    ("prefix", "cyber*", {}),
    ("prefix", "munit*", {}),
    ("filtered", "Oekraïne", {"kind": "report"}),
    ("filtered", "munitie", {"year": "2024"}),
    ("filtered", '"air policing"', {"from": "2020-01-01", "to": "2022-12-31"}),
    ("filtered", "cyber*", {"series": "jef"}),
    ("filtered", "Oekraïne OR Georgië", {"kind": "agenda", "year": "2023"}),
    ("filtered", "weerbaarheid", {"country": "finland"}),
    ("filtered", "lastenverdeling", {"topic": "lastenverdeling", "sort": "date"}),
    ("filtered", "Oekraïne", {"sort": "date"}),
    # The generator's vocabulary is small, so the queries above each match 1% to 65% of the
    # letters; these are the few words of its vocabulary that match around 1-3%.
    ("selective", "Kopenhagen", {}),
    ("selective", "Istanbul", {}),
    ("selective", "Riga OR Helsinki", {}),
    ("selective", '"in Amsterdam"', {}),
    ("selective", "Oslo Oekraïne", {}),
    ("selective", "slowak*", {}),
]
SERIES = ["dmm"] * 6 + ["udcg", "jef", "nuc", "summit", "other"]
COUNTRIES = ["UA", "GE", "FI", "SE", "MD", "JP", "AU", "NZ", "KR", "AT", "IE", "CH", "BA", "RS"]


def build_pool(size: int, seed: int) -> list:
    """LetterData of `size` synthetic letters, through the real extraction."""
    from generate import generate_letters

    from meetings.store.pipeline import extract_letter
    from meetings.store.topic_vocabulary import topic_rules

    rules = topic_rules()
    pool = []
    for _, text in generate_letters(size, seed):
        try:
            pool.append(extract_letter(text.encode("utf-8"), rules))
        except Exception:  # a synthetic letter the extraction refuses is simply not used
            continue
    return pool


def reference_rows(rng: random.Random, meeting_count: int) -> tuple[list, list, dict]:
    """Ministers, countries and meetings (with partner countries) to hang letters on."""
    from django.utils.text import slugify
    from generate import MINISTERS  # the generator's invented signers

    from meetings.extract.countries import country_name
    from meetings.models import Country, Meeting, Minister, Participation, Topic

    ministers = [Minister.objects.create(name=name, role="Minister van Defensie") for name in MINISTERS]
    Country.objects.bulk_create(
        [
            Country(code=c, name_nl=country_name(c, "nl"), name_en=country_name(c, "en"), slug=slugify(country_name(c, "en")))
            for c in COUNTRIES
        ],
        ignore_conflicts=True,
    )
    meetings = []
    for i in range(meeting_count):
        start = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(31 * 365))
        series = rng.choice(SERIES)
        meetings.append(
            Meeting(
                series=series,
                title=f"Bijeenkomst {series.upper()} {i}",
                start_date=start,
                end_date=start + dt.timedelta(days=rng.randint(0, 1)),
                slug=f"bench-{i}",
            )
        )
    meetings = Meeting.objects.bulk_create(meetings, batch_size=2000)
    for meeting in meetings:
        meeting.partner_codes = rng.sample(COUNTRIES, rng.randint(1, 4))
    Participation.objects.bulk_create(
        [Participation(meeting=m, country_id=c) for m in meetings for c in m.partner_codes], batch_size=5000
    )
    topics = {t.name: t.pk for t in Topic.objects.all()}
    return ministers, meetings, topics


def remix(rng: random.Random, base, pool) -> str:
    """The base letter's paragraphs, some dropped, one or two borrowed from other letters."""
    paragraphs = base.body.split("\n\n")
    kept = [p for p in paragraphs if p.startswith("## ") or rng.random() < 0.8]
    for _ in range(rng.randint(1, 2)):
        other = rng.choice(pool).body.split("\n\n")
        kept.insert(rng.randrange(len(kept) + 1), rng.choice(other))
    return "\n\n".join(kept)


def load(count: int, pool: list, seed: int, batch: int = 5000) -> float:
    """Insert `count` letters with sessions, meeting links and topics, and index them."""
    from django.db import transaction

    from meetings.models import Letter, LetterMeeting, Session
    from meetings.search.facets import facet_tags
    from meetings.search.indexer import index_documents, make_document

    rng = random.Random(seed)
    ministers, meetings, topics = reference_rows(rng, max(50, count // 30))
    started = time.perf_counter()
    for start in range(0, count, batch):
        with transaction.atomic():
            bases = [rng.choice(pool) for _ in range(start, min(count, start + batch))]
            letters = Letter.objects.bulk_create(
                [
                    Letter(
                        kind=base.kind,
                        date=dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(31 * 365)) if rng.random() > 0.02 else None,
                        subject=base.subject[:300],
                        minister=rng.choice(ministers),
                        body=remix(rng, base, pool),
                        is_sample=True,
                        source_name=f"bench-{start + i:06d}.txt",
                        source_sha256=hashlib.sha256(f"bench-{seed}-{start + i}".encode()).hexdigest(),
                    )
                    for i, base in enumerate(bases)
                ]
            )
            links, sessions, tags = [], [], []
            for letter, base in zip(letters, bases):
                linked = rng.sample(meetings, rng.choice([1, 1, 1, 2]))
                links += [
                    LetterMeeting(letter=letter, meeting=m, role="announces" if letter.kind == "agenda" else "reports")
                    for m in linked
                ]
                titles = [s.title[:500] for m in base.meetings for s in m.sessions]
                sessions += [
                    Session(meeting=linked[0], letter=letter, title=t, heading="", order=n) for n, t in enumerate(titles)
                ]
                topic_ids = [topics[n] for n in base.topics if n in topics]
                tags += [Letter.topics.through(letter_id=letter.pk, topic_id=t) for t in topic_ids]
                letter.session_titles = titles
                letter.facets = facet_tags(
                    kind=letter.kind,
                    date=letter.date,
                    minister_id=letter.minister_id,
                    series=[m.series for m in linked],
                    countries=[c for m in linked for c in m.partner_codes],
                    topics=topic_ids,
                )
            LetterMeeting.objects.bulk_create(links)
            Session.objects.bulk_create(sessions)
            Letter.topics.through.objects.bulk_create(tags)
            index_documents(
                [make_document(l.pk, l.subject, l.session_titles, l.body, date=l.date, tags=l.facets) for l in letters]
            )
        print(f"  {min(count, start + batch):>7} letters", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return time.perf_counter() - started


def run_api(text: str, params: dict) -> str:
    from meetings.search.service import Search

    return shown_total(Search({"q": text, **params}).run(limit=25).total)  # as the API: total, page, hits


def run_page(text: str, params: dict) -> str:
    from meetings.search.service import Search

    return shown_total(Search({"q": text, **params}).run(limit=25, facets=True).total)  # the page: the facets too


def shown_total(total) -> str:
    """The count as the page shows it: "~50000" where it is an estimate."""
    return f"{'' if total.exact else '~'}{total.count}"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(run, repeat: int) -> tuple[dict, dict[str, list[float]], dict]:
    """Each query `repeat` times (after one warm-up run); latencies in ms by kind of query."""
    counts, times = {}, {}
    for _kind, text, params in QUERIES:
        counts[(text, tuple(params.items()))] = run(text, params)
    for _ in range(repeat):
        for kind, text, params in QUERIES:
            started = time.perf_counter()
            run(text, params)
            times.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    times["all"] = [t for kind in list(times) for t in times[kind]]
    return counts, times, {k: (statistics.median(v), percentile(v, 95), max(v)) for k, v in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time full-text search on a synthetic archive.")
    parser.add_argument("--count", type=int, default=100_000, help="Letters to load (default 100000).")
    parser.add_argument("--pool", type=int, default=400, help="Synthetic letters to extract and remix (default 400).")
    parser.add_argument("--repeat", type=int, default=10, help="Timed runs of each query (default 10).")
    parser.add_argument("--seed", type=int, default=0, help="Seed for the corpus (default 0).")
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="Time the queries on the corpus already in DATABASE_URL (loaded by an earlier run) instead of loading one.",
    )
    parser.add_argument("--loaded-in", type=float, default=0, help=argparse.SUPPRESS)  # the loading run's seconds, to report
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-bench-") as workdir:
        setup_django(f"sqlite:///{Path(workdir) / 'bench-search.sqlite3'}", Path(workdir) / "media", keep_database_url=True)
        from django.core.management import call_command
        from django.db import connection

        from meetings.models import Letter
        from meetings.search.indexer import optimize_index

        if args.measure_only:
            args.count = Letter.objects.count()
            report(args, connection, args.loaded_in)
            return 0
        call_command("migrate", verbosity=0)
        if Letter.objects.exists():
            parser.error("the database already holds letters; run the bench on a throwaway database")
        started = time.perf_counter()
        pool = build_pool(args.pool, args.seed)
        print(f"pool: {len(pool)} letters extracted in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        seconds = load(args.count, pool, args.seed)
        started = time.perf_counter()
        optimize_index()  # what import_letters does after a large import
        seconds += time.perf_counter() - started
        with connection.cursor() as cursor:  # and what autovacuum does in time
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        print(f"loaded and indexed {args.count} letters in {seconds:.0f} s", file=sys.stderr)
        connection.close()
        # Timed in a process of its own, as a web worker would run the searches: this one
        # holds what loading 100,000 letters left behind, which slows its garbage collector.
        command = [sys.executable, __file__, "--measure-only", "--repeat", str(args.repeat), "--loaded-in", f"{seconds:.0f}"]
        return subprocess.run(command).returncode  # DATABASE_URL is in the environment (setup_django)
    return 0


def report(args, connection, load_seconds: float) -> None:
    print(
        f"\n{args.count:,} letters on {connection.vendor} ({platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores); load + index {load_seconds:.0f} s; each query {args.repeat} times.\n"
    )
    for name, run in (("api", run_api), ("page", run_page)):
        counts, _, summary = measure(run, args.repeat)
        print(f"{name}: count + first 25 ranked with snippets" + (" + six facet counts" if name == "page" else ""))
        print("| queries | median ms | p95 ms | max ms |\n|---|---:|---:|---:|")
        for kind in ("word", "phrase", "prefix", "filtered", "selective", "all"):
            median, p95, top = summary[kind]
            print(f"| {kind} | {median:.1f} | {p95:.1f} | {top:.1f} |")
        print()
    print(
        "matches per query: "
        + ", ".join(f"{text} {dict(params) or ''} {n}".replace(" {}", "") for (text, params), n in counts.items())
    )


if __name__ == "__main__":
    sys.exit(main())
