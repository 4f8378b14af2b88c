"""The search's language: pure Python, no Django import anywhere in this package (STYLE.md,
habit 1), so that it is tested with plain strings and both databases share it.

    words.py     tokens, accent folding, the Snowball Dutch stemmer and the index's stop words
    query.py     the search box's query language parsed into a tree; never raises
    lexemes.py   the tree in stems, and finding its hits in a text
    snippets.py  the best passage of a letter, escaped, hits marked

The index holds the stems words.py makes, so a database upgrade cannot change what is found
(ARCHITECTURE.md, "Search"). tests/test_search.py checks that importing this package loads
no Django.
"""
