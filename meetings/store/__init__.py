"""Files to archive rows: the only writer of the archive. Every way in (the import command,
the admin upload, a restore from a backup) comes through here.

    sources.py           a file read and hashed once
    pipeline.py          the one path: decide (outcome.Status), extract, write; in order, in batches
    outcome.py           the decision per file and its ImportResult
    originals.py         original files under content-addressed names
    writer.py            a batch of parsed letters to rows in one transaction
    bulk_rows.py         plain multi-row INSERTs for link and child rows
    meeting_pool.py      the meetings a batch names: found or made, one row per meeting
    corrections.py       admin corrections a re-import keeps; merging meetings
    topic_vocabulary.py  the topic vocabulary from the database, as extraction rules
    staging.py           the admin upload's preview, publish and cancel
    backup.py            the whole archive to one file and back

The rules it applies that extraction shares (the letter's role for a meeting, the one-day
tolerance for "the same meeting") live in meetings/extract/timing.py; a meeting's slug in
Meeting.slug_base and MeetingQuerySet.free_slugs.
"""

from .outcome import ImportResult, Status
from .pipeline import DRY_RUN, PREVIEW, Options, import_bytes, import_file, import_files

__all__ = ["DRY_RUN", "PREVIEW", "ImportResult", "Options", "Status", "import_bytes", "import_file", "import_files"]
