"""Full-text search in Dutch over the letters, on PostgreSQL and on SQLite (issue 5).

The package map. Pure, no Django import (tested):

    language/words.py     tokens, accent folding (fold_accents), the Snowball Dutch stemmer and
                          the index's stop words (INDEX_STOPWORDS), shared by index and query
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
    word_list.py   the indexed words with their stems, for prefixes and spelling suggestions
    indexer.py     rows to index entries: index_written (the importer's call), index_letters,
                   rebuild_index, optimize_index
    signals.py     admin edits and deletes reach the index (connected in MeetingsConfig.ready)
    backends/      per-database SQL only: PostgreSQL (tsvector, GIN, ts_rank, ts_headline) and
                   SQLite (FTS5, bm25); base.py is the interface both keep

Import from the module that defines a name (meetings.search.service.Search,
meetings.search.indexer.rebuild_index); this file imports nothing.

Design in short. Both databases get their words from language/words.py: folded (no case, no
accents) in Python and stemmed with the Snowball Dutch stemmer PostgreSQL's 'dutch'
configuration uses, so one test suite passes on both. SQLite indexes the stems in FTS5;
PostgreSQL builds its tsvector with the 'dutch' configuration from our pre-split words (its
own parser splits "F-35" and "policing-taken" differently), and folds accents again in the
configuration so ts_headline can read the original text. Queries are parsed once
(language/query.py) and compiled to an FTS5 expression or a tsquery. Snippets: ts_headline on
PostgreSQL, Python on SQLite (FTS5 holds stems, which its snippet() would show). What a
search costs is bounded (limits.py; the values and reasons are in archive/settings.py):
counts stop at SEARCH_COUNT_LIMIT (10,000) and are estimated beyond from a sampled tenth of
the archive, as are facets; relevance ranks the newest SEARCH_RANK_CANDIDATES (2,000)
matches; run() decides up front what it reads, so PostgreSQL counts (or reads the facet tags)
and ranks in one pass. Filters are index terms; a prefix is matched as the stems the word list
has for it, up to SEARCH_PREFIX_STEMS (200) in a query. See bench/README.md.
"""
