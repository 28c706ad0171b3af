"""search: finding what SMART publishes, in Chinese and English.

Interface (plain functions):
    search.index.update(page) / search.index.remove(page) / search.index.rebuild(progress=None)
    search.query.search(q, locale, include_other=False, content_type=None, year=None, page=1) -> Results
    search.query.suggest(prefix, locale) -> [{"title", "url", "locale"}]

Engines (search/engines/), chosen by settings.SEARCH_ENGINE, which follows ELASTICSEARCH_URL:
    embedded (default): the site's database; SQLite FTS5 or PostgreSQL tsvector over CJK bigram streams.
    elastic: Elasticsearch through elasticsearch-dsl, one index behind an alias.
Publishing, unpublishing, moving, deleting a page or changing its privacy updates the index through a
django-tasks task (search/signal_handlers.py); `manage.py rebuild_search_index` rebuilds it all.
URLs: /<language>/search/ (the page), /api/search/?q=&locale= and /api/search/suggest/?q=&locale= (JSON).
"""
