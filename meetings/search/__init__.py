"""Full-text search in Dutch over the letters, on PostgreSQL and on SQLite (issue 5).

    text.py        words, folding and the Snowball Dutch stemmer, shared by index and query (pure)
    query.py       the query language parsed into a tree; never raises (pure)
    lexemes.py     the tree in stems, and finding its hits in a text (pure)
    snippets.py    the best passage, escaped, hits marked (pure)
    backends/      PostgreSQL (tsvector, GIN, ts_rank, ts_headline) and SQLite (FTS5, bm25)
    indexer.py     rows to index entries; the importer and the signal handlers call it
    signals.py     admin edits and deletes reach the index (connected in MeetingsConfig.ready)
    vocabulary.py  the indexed words, for prefixes and spelling suggestions
    filters.py     the browse FilterSet plus a date range (from/to)
    service.py     Search: filters, facets, ranking and hits for the page, the API and the feed

Design in short. Both databases get their words from text.py: folded (no case, no accents)
in Python and stemmed with the Snowball Dutch stemmer PostgreSQL's 'dutch' configuration
uses, so one test suite passes on both. SQLite indexes the stems in FTS5; PostgreSQL builds
its tsvector with the 'dutch' configuration from our pre-split words (its own parser splits
"F-35" and "policing-taken" differently), and folds accents again in the configuration so
ts_headline can read the original text. Queries are parsed once (query.py) and compiled to
an FTS5 expression or a tsquery. Snippets: ts_headline on PostgreSQL, Python on SQLite (FTS5
holds stems, which its snippet() would show). What a search costs is bounded (service.py):
counts stop at 10,000 and are estimated beyond from a sampled tenth of the archive, as are
facets; relevance ranks the newest 2,000 matches. Filters are index terms; a prefix is
matched as the stems the vocabulary lists for it. See bench/README.md.
"""
