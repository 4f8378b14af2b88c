"""Full-text search in Dutch over the letters, on PostgreSQL and on SQLite (issue 5).

The package map. Pure, no Django import (tested):

    language/words.py     tokens, accent folding (fold_accents), lexemes (lemma, then the
                          Snowball Dutch stemmer), split coordinations, the index's stop words
    language/lemmas.py    Dutch lemmas (simplemma) and compounds split into modifier and head
    language/query.py     the query language parsed into a tree; never raises
    language/lexemes.py   the tree in stems, and finding its hits in a text
    language/snippets.py  the best passage, escaped, hits marked

Django-bound:

    service.py     Search: the one entry point, Search(params).run(offset, limit, facets,
                   hits) -> SearchResult (total, ids, hits, facets); also spelling
                   suggestions and the counts without one filter (loosenings)
    facets.py      the facets: names and labels, a letter's tags, a filter's tag, counting
    filters.py     the browse FilterSet plus a date range (from/to); filters as index terms
    limits.py      the cost limits, read from settings (declared in archive/settings.py)
    hits.py        a found letter with its snippet, meetings and working session
    notices.py     what the parser repaired in a query, in sentences
    word_list.py   the indexed words with their stems and compound heads, for prefixes,
                   compounds and spelling suggestions
    indexer.py     rows to index entries: index_written (the importer's call), index_letters,
                   rebuild_index, optimize_index
    signals.py     admin edits and deletes reach the index (connected in MeetingsConfig.ready)
    backends/      per-database SQL only: PostgreSQL (tsvector, GIN, ts_rank) and
                   SQLite (FTS5, bm25); base.py is the interface both keep

Import from the module that defines a name (meetings.search.service.Search,
meetings.search.indexer.rebuild_index); this file imports nothing.

Design in short. Both databases get their words from language/words.py: folded (no case, no
accents), brought to their lemma and stemmed in Python, so one test suite passes on both and
neither database's own stemmer decides what matches. SQLite indexes the lexemes in FTS5;
PostgreSQL gets them with their positions as a tsvector literal. Queries are parsed once
(language/query.py) and compiled to an FTS5 expression or a tsquery; a word also matches the
compounds it heads (the word list's heads). Snippets are built in Python on both databases
with the query's own matcher. What a
search costs is bounded (limits.py; the values and reasons are in archive/settings.py):
counts stop at SEARCH_COUNT_LIMIT (10,000) and are estimated beyond from a sampled tenth of
the archive, as are facets; relevance ranks the newest SEARCH_RANK_CANDIDATES (2,000)
matches; run() decides up front what it reads, so PostgreSQL counts (or reads the facet tags)
and ranks in one pass. Filters are index terms; a prefix is matched as the stems the word list
has for it, up to SEARCH_PREFIX_STEMS (200) in a query. See bench/README.md.
"""
