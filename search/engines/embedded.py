"""The embedded engine: the index lives in the site's own database (SQLite FTS5 or PostgreSQL tsvector).

Queries are built only from the terms search.text.parse_query produced (letters, digits, CJK characters),
always quoted, and passed as parameters: a visitor's text never reaches MATCH or to_tsquery as syntax.
"""

from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from search.models import (
    LOCALE_BITS,
    TYPE_BITS,
    TYPE_SHIFT,
    YEAR_BITS,
    YEAR_SHIFT,
    SearchDocument,
    content_type_id,
    document_id,
    locale_code,
    year_code,
    year_from_code,
)
from search.text import index_stream

from . import BaseEngine, RawHit, RawResults
from .schema import (
    FTS_TABLE,
    FTS_WEIGHTS,
    LOCALE_LEXEME,
    MATCH_TABLE,
    SQLITE_CREATE_FTS,
    SQLITE_DROP_TRIGGERS,
    SQLITE_TRIGGERS,
    TABLE,
)

BATCH = 500
_RESULT_FIELDS = (
    "id",
    "page_id",
    "url",
    "locale",
    "title",
    "summary",
    "body",
    "content_type",
    "section",
    "date",
    "tags",
)


def _row(document):
    return SearchDocument(
        id=document_id(document.page_id, document.locale, document.year, document.content_type),
        page_id=document.page_id,
        locale=document.locale,
        url=document.url,
        title=document.title,
        summary=document.summary,
        body=document.body,
        content_type=document.content_type,
        section=document.section[:255],
        date=document.date,
        year=document.year,
        tags="\n".join(document.tags),
        title_tokens=index_stream(document.title),
        summary_tokens=index_stream(document.summary + "\n" + "\n".join(document.tags)),
        body_tokens=index_stream(document.body),
    )


def _label(type_id):
    """The model label ("content.newsarticlepage") of a content type id (cached by Django)."""
    try:
        content_type = ContentType.objects.get_for_id(type_id)
    except ContentType.DoesNotExist:
        return ""
    return f"{content_type.app_label}.{content_type.model}"


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


# SQLite FTS5 expressions.


def fts5_query(parsed, title_only=False):
    """An FTS5 MATCH expression: each term a quoted string (CJK words as the phrase of their bigrams), all required."""
    parts = []
    for term in parsed.terms:
        text = " ".join(term.bigrams) if term.kind == "cjk" and not term.prefix else term.text
        parts.append(f'"{text}"' + (" *" if term.prefix else ""))
    expression = " AND ".join(parts)
    return f"{{title_tokens}} : ({expression})" if title_only else expression


# PostgreSQL tsquery, built from quoted lexemes.


def _lexeme(text, prefix=False, weight=""):
    return "'" + text.replace("'", "''") + "'" + (":" + ("*" if prefix else "") + weight if prefix or weight else "")


def pg_tsquery(parsed, title_only=False):
    """(SQL, params) of a tsquery expression: bigram phrases cast from quoted lexemes, words through 'english'."""
    weight = "A" if title_only else ""
    sql, params = [], []
    for term in parsed.terms:
        if term.kind == "cjk":
            if term.prefix:
                literal = _lexeme(term.text, prefix=True, weight=weight)
            else:
                literal = " <-> ".join(_lexeme(bigram, weight=weight) for bigram in term.bigrams)
            sql.append("CAST(%s AS tsquery)")
            params.append(literal)
        else:
            sql.append("to_tsquery('english'::regconfig, %s)")
            params.append(_lexeme(term.text, prefix=term.prefix, weight=weight))
    return " && ".join(sql), params


def _locale_query(locales):
    """A tsquery text matching the documents of these locales (their lexeme, schema.LOCALE_LEXEME)."""
    return " | ".join(f"'{LOCALE_LEXEME}{locale_code(code)}'" for code in locales)


class EmbeddedEngine(BaseEngine):
    name = "embedded"

    @property
    def vendor(self):
        vendor = connection.vendor
        if vendor not in ("sqlite", "postgresql"):
            raise ImproperlyConfigured("The embedded search engine needs SQLite or PostgreSQL; set ELASTICSEARCH_URL.")
        return vendor

    # Writing.

    def index(self, documents):
        documents = list(documents)
        if not documents:
            return
        with transaction.atomic():
            for document in documents:
                row = _row(document)
                values = {f.attname: getattr(row, f.attname) for f in SearchDocument._meta.concrete_fields}
                values.pop("id")
                values.pop("indexed_at")
                # The id changes with the year: drop the page's row under another id first.
                SearchDocument.objects.filter(page_id=document.page_id).exclude(pk=row.pk).delete()
                SearchDocument.objects.update_or_create(pk=row.pk, defaults=values)

    def delete(self, page_ids):
        page_ids = list(page_ids)
        if page_ids:
            with transaction.atomic():
                SearchDocument.objects.filter(page_id__in=page_ids).delete()

    def rebuild(self, documents, progress=None):
        """Replace every row in one transaction: readers see the old index until it commits."""
        count = 0
        vendor = self.vendor
        with transaction.atomic(), connection.cursor() as cursor:
            if vendor == "sqlite":
                cursor.execute(SQLITE_CREATE_FTS)
                for statement in SQLITE_DROP_TRIGGERS:
                    cursor.execute(statement)
                cursor.execute(f"DELETE FROM {TABLE}")
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
            else:
                cursor.execute(f"DELETE FROM {TABLE}")
            for chunk in _chunks(documents, BATCH):
                SearchDocument.objects.bulk_create([_row(d) for d in chunk], batch_size=BATCH)
                count += len(chunk)
                if progress:
                    progress(len(chunk))
            if vendor == "sqlite":
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
                for statement in SQLITE_TRIGGERS:
                    cursor.execute(statement)
            else:
                # The rows went through the GIN index's pending list: merge it into the index now (a search would
                # otherwise scan the list until autovacuum did), and give the planner the new tables' statistics.
                cursor.execute("SELECT gin_clean_pending_list('search_match_vector_gin'::regclass)")
                cursor.execute(f"ANALYZE {TABLE}")
                cursor.execute(f"ANALYZE {MATCH_TABLE}")
        if vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
        return count

    def page_ids(self):
        return set(SearchDocument.objects.values_list("page_id", flat=True))

    # Reading.

    @staticmethod
    def _pg_cursor(cursor):
        """Inside a transaction: let the GIN index answer even for common words (a sequential scan would
        unpack every row's tsvector), then return the cursor."""
        cursor.execute("SET LOCAL enable_seqscan = off")
        return cursor

    def search(self, parsed, locales, preferred_locale, content_type=None, year=None, offset=0, limit=20):
        if not parsed.terms:
            return RawResults()
        if self.vendor == "sqlite":
            result, ids = self._search_sqlite(parsed, locales, preferred_locale, content_type, year, offset, limit)
        else:
            result, ids = self._search_postgresql(parsed, locales, preferred_locale, content_type, year, offset, limit)
        if ids:
            rows = SearchDocument.objects.only(*_RESULT_FIELDS).in_bulk(ids)
            result.hits = [self._hit(rows[i]) for i in ids if i in rows]
        return result

    @staticmethod
    def _facets(cells, content_type, year):
        """RawResults from (content type, year, count) cells: each facet counted with the other filter only."""
        result = RawResults()
        for cell_type, cell_year, count in cells:
            type_ok = content_type is None or cell_type == content_type
            year_ok = year is None or cell_year == year
            if year_ok:
                result.content_types[cell_type] = result.content_types.get(cell_type, 0) + count
            if type_ok and cell_year is not None:
                result.years[cell_year] = result.years.get(cell_year, 0) + count
            if type_ok and year_ok:
                result.total += count
        return result

    def _search_sqlite(self, parsed, locales, preferred_locale, content_type, year, offset, limit):
        """Everything from the FTS index: locale, year and content type are read from the document ids."""
        match = fts5_query(parsed)
        codes = [locale_code(code) for code in locales]
        locale_sql = "(rowid & %s) IN (" + ", ".join(["%s"] * len(codes)) + ")"
        locale_params = [2**LOCALE_BITS - 1, *codes]
        key_mask = 2 ** (YEAR_BITS + TYPE_BITS) - 1
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT (rowid >> %s) & %s AS cell, COUNT(*) FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s AND {locale_sql} GROUP BY cell",
                [YEAR_SHIFT, key_mask, match, *locale_params],
            )
            labels = {}
            cells = []
            for cell, count in cursor.fetchall():
                type_id = cell >> YEAR_BITS
                if type_id not in labels:
                    labels[type_id] = _label(type_id)
                cells.append((labels[type_id], year_from_code(cell & (2**YEAR_BITS - 1)), count))
            result = self._facets(cells, content_type, year)
            if not result.total or offset >= result.total:
                return result, []
            filters, params = [], []
            if content_type is not None:
                filters.append(f"((rowid >> {TYPE_SHIFT}) & {2**TYPE_BITS - 1}) = %s")
                params.append(content_type_id(content_type))
            if year is not None:
                filters.append(f"((rowid >> {YEAR_SHIFT}) & {2**YEAR_BITS - 1}) = %s")
                params.append(year_code(year))
            extra = "".join(f" AND {f}" for f in filters)
            weights = ", ".join(str(w) for w in FTS_WEIGHTS)
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND {locale_sql}{extra} "
                f"ORDER BY CASE WHEN (rowid & %s) = %s THEN 0 ELSE 1 END, bm25({FTS_TABLE}, {weights}), rowid "
                "LIMIT %s OFFSET %s",
                [match, *locale_params, *params, 2**LOCALE_BITS - 1, locale_code(preferred_locale), limit, offset],
            )
            return result, [row[0] for row in cursor.fetchall()]

    def _search_postgresql(self, parsed, locales, preferred_locale, content_type, year, offset, limit):
        """One pass over the matching rows of the narrow table search_match (the GIN index finds them): their facet
        counts from the ids (which pack locale, year and content type, as on SQLite) and the ids of the asked page of
        results, ranked on the small title-and-summary vector. A common word at 100,000 pages reads only these short
        rows, never the documents' text."""
        tsquery, params = pg_tsquery(parsed)
        locale_mask = 2**LOCALE_BITS - 1
        # The locale as a lexeme of the vector (schema.LOCALE_LEXEME): the GIN index filters on it.
        match = f"v.search_vector @@ (({tsquery}) && CAST(%s AS tsquery))"
        filters, filter_params = [], []
        if content_type is not None:
            filters.append(f"((id >> {TYPE_SHIFT}) & {2**TYPE_BITS - 1}) = %s")
            filter_params.append(content_type_id(content_type))
        if year is not None:
            filters.append(f"((id >> {YEAR_SHIFT}) & {2**YEAR_BITS - 1}) = %s")
            filter_params.append(year_code(year))
        where = f" WHERE {' AND '.join(filters)}" if filters else ""
        key_mask = 2 ** (YEAR_BITS + TYPE_BITS) - 1
        with transaction.atomic(), connection.cursor() as cursor:
            self._pg_cursor(cursor).execute(
                f"WITH m AS MATERIALIZED (SELECT v.id, ts_rank(v.rank_vector, ({tsquery})) AS rank "
                f"FROM {MATCH_TABLE} v WHERE {match}) "
                f"SELECT 0, (id >> {YEAR_SHIFT}) & {key_mask} AS cell, COUNT(*), NULL::real FROM m GROUP BY cell "
                f"UNION ALL (SELECT 1, id, NULL, rank FROM m{where} "
                f"ORDER BY CASE WHEN (id & {locale_mask}) = %s THEN 0 ELSE 1 END, rank DESC, id LIMIT %s OFFSET %s)",
                [*params, *params, _locale_query(locales), *filter_params, locale_code(preferred_locale), limit]
                + [offset],
            )
            rows = cursor.fetchall()
        labels = {}
        cells = []
        for _kind, cell, count, _rank in (row for row in rows if row[0] == 0):
            type_id = cell >> YEAR_BITS
            if type_id not in labels:
                labels[type_id] = _label(type_id)
            cells.append((labels[type_id], year_from_code(cell & (2**YEAR_BITS - 1)), count))
        result = self._facets(cells, content_type, year)
        if not result.total or offset >= result.total:
            return result, []
        preferred = locale_code(preferred_locale)
        found = sorted(
            (row for row in rows if row[0] == 1), key=lambda r: ((r[1] & locale_mask) != preferred, -r[3], r[1])
        )
        return result, [row[1] for row in found]

    @staticmethod
    def _hit(row):
        return RawHit(
            page_id=row.page_id,
            url=row.url,
            locale=row.locale,
            title=row.title,
            summary=row.summary,
            body=row.body,
            content_type=row.content_type,
            section=row.section,
            date=row.date,
            tags=row.tag_list,
        )

    def suggest(self, parsed, locales, limit=8):
        if not parsed.terms:
            return []
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                codes = [locale_code(code) for code in locales]
                weights = ", ".join(str(w) for w in FTS_WEIGHTS)
                cursor.execute(
                    f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
                    f"AND (rowid & %s) IN ({', '.join(['%s'] * len(codes))}) "
                    f"ORDER BY bm25({FTS_TABLE}, {weights}), rowid LIMIT %s",
                    [fts5_query(parsed, title_only=True), 2**LOCALE_BITS - 1, *codes, limit],
                )
                ids = [row[0] for row in cursor.fetchall()]
                rows = SearchDocument.objects.only("title", "url", "locale").in_bulk(ids)
                return [(rows[i].title, rows[i].url, rows[i].locale) for i in ids if i in rows]
        tsquery, params = pg_tsquery(parsed, title_only=True)
        with transaction.atomic(), connection.cursor() as cursor:
            self._pg_cursor(cursor).execute(
                f"SELECT d.title, d.url, d.locale FROM {MATCH_TABLE} v JOIN {TABLE} d ON d.id = v.id "
                f"WHERE v.search_vector @@ (({tsquery}) && CAST(%s AS tsquery)) "
                f"ORDER BY ts_rank(v.search_vector, ({tsquery})) DESC, v.id LIMIT %s",
                [*params, _locale_query(locales), *params, limit],
            )
            return [tuple(row) for row in cursor.fetchall()]
