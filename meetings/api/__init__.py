"""The read-only JSON API at /api/: the archive's meetings, letters, countries, ministers and
topics as data, with the same filters as the HTML pages, and the full-text search
(/api/search/). Plain Django views and JsonResponse; serializers are plain functions from rows
to dicts."""
