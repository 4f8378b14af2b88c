"""Harvest: every letter about NATO ministerial meetings from the official source.

The Kamerstukken (mostly dossier 28 676 "NAVO", also 21 501-28 "Defensieraad") are published
by officielebekendmakingen.nl, which offers an SRU 2.0 search service over them
(repository.overheid.nl/sru). One run, `manage.py harvest`:

    sru.py        asks for the dossiers' Kamerstukken, a page at a time, and reads the records
    selection.py  keeps the letters about NATO ministerial meetings, says why it skips the rest
    client.py     fetches politely: one request at a time, a pause, a timeout, retries
    state.py      remembers the last complete run (the next asks only for what changed since)
                  and where an interrupted run was (the next goes on from there)
    run.py        puts them together: each kept record's official XML (the link the record
                  gives) goes into the archive through the store's one path, as import_letters
                  would import the file, named by its identifier (kst-28676-387)
    progress.py   the progress bar on a terminal
"""
