"""Database objects of the embedded engine that Django's schema language cannot express.

SQLite: an FTS5 table over the token columns of search_searchdocument (external content, so the streams are
stored once), kept in sync by triggers; the porter stemmer wraps unicode61, which reads each space-separated
bigram as a token and stems the English words between them.
PostgreSQL: a tsvector column built by a trigger ('simple'-like exact lexemes for the bigram streams, made
without the text parser so that it works whatever the database's locale; 'english' for the rest), with a
GIN index. Used by migration 0001 and by the bulk rebuild.
"""

TABLE = "search_searchdocument"
FTS_TABLE = "search_fts"
FTS_COLUMNS = ["title_tokens", "summary_tokens", "body_tokens"]
# bm25 weights, in FTS_COLUMNS order: the title counts most, then the summary (with the tags), then the body.
FTS_WEIGHTS = [8.0, 3.0, 1.0]

_cols = ", ".join(FTS_COLUMNS)
_new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
_old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)

SQLITE_CREATE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({_cols}, content='{TABLE}', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2', prefix='1')"
)
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, {_cols}) VALUES (new.id, {_new}); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_cols}) VALUES ('delete', old.id, {_old}); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_cols}) VALUES ('delete', old.id, {_old}); "
    f"INSERT INTO {FTS_TABLE}(rowid, {_cols}) VALUES (new.id, {_new}); END",
]
SQLITE_DROP_TRIGGERS = [f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{suffix}" for suffix in ("ai", "ad", "au")]
SQLITE_FORWARD = [SQLITE_CREATE_FTS, *SQLITE_TRIGGERS]
SQLITE_BACKWARD = [*SQLITE_DROP_TRIGGERS, f"DROP TABLE IF EXISTS {FTS_TABLE}"]

# PostgreSQL keeps at most 16,383 positions per tsvector: phrase matches need positions, so a field's bigram
# stream is cut there (about 16,000 Chinese characters), and the English text at 100,000 characters.
PG_MAX_POSITION = 16383
_CJK_CLASS = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]+"
PG_FORWARD = [
    f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector",
    f"""CREATE OR REPLACE FUNCTION search_bigram_tsvector(tokens text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(quote_literal(t) || ':' || n, ' '), '')::tsvector
  FROM unnest(string_to_array(coalesce(tokens, ''), ' ')) WITH ORDINALITY AS u(t, n)
  WHERE n <= {PG_MAX_POSITION} AND t ~ '^{_CJK_CLASS[:-1]}'
$$""",
    f"""CREATE OR REPLACE FUNCTION search_english_tsvector(content text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector(
    'english'::regconfig, regexp_replace(left(coalesce(content, ''), 100000), '{_CJK_CLASS}', ' ', 'g')
  )
$$""",
    """CREATE OR REPLACE FUNCTION search_document_vector_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(search_bigram_tsvector(NEW.title_tokens), 'A')
    || setweight(search_english_tsvector(NEW.title), 'A')
    || setweight(search_bigram_tsvector(NEW.summary_tokens), 'B')
    || setweight(search_english_tsvector(NEW.summary), 'B')
    || setweight(search_english_tsvector(NEW.tags), 'B')
    || setweight(search_bigram_tsvector(NEW.body_tokens), 'D')
    || setweight(search_english_tsvector(NEW.body), 'D');
  RETURN NEW;
END
$$""",
    f"CREATE TRIGGER search_document_vector BEFORE INSERT OR UPDATE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION search_document_vector_trigger()",
    f"CREATE INDEX search_document_vector_gin ON {TABLE} USING gin (search_vector)",
]
# Migration 0002: a second, small vector of the title (A), summary and tags (B) only, kept beside the full one by the
# same trigger. Results are ranked on it: ranking on the full vector read every matching document's whole body
# (hundreds of thousands of positions for a common word at 100,000 pages); the full vector still decides what
# matches. Body-only matches rank below title and summary matches, among themselves by document id.
_RANK_VECTOR = """setweight(search_bigram_tsvector(NEW.title_tokens), 'A')
    || setweight(search_english_tsvector(NEW.title), 'A')
    || setweight(search_bigram_tsvector(NEW.summary_tokens), 'B')
    || setweight(search_english_tsvector(NEW.summary), 'B')
    || setweight(search_english_tsvector(NEW.tags), 'B')"""
_FULL_VECTOR = """setweight(search_bigram_tsvector(NEW.title_tokens), 'A')
    || setweight(search_english_tsvector(NEW.title), 'A')
    || setweight(search_bigram_tsvector(NEW.summary_tokens), 'B')
    || setweight(search_english_tsvector(NEW.summary), 'B')
    || setweight(search_english_tsvector(NEW.tags), 'B')
    || setweight(search_bigram_tsvector(NEW.body_tokens), 'D')
    || setweight(search_english_tsvector(NEW.body), 'D')"""
PG_RANK_FORWARD = [
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS rank_vector tsvector",
    f"""CREATE OR REPLACE FUNCTION search_document_vector_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := {_FULL_VECTOR};
  NEW.rank_vector := {_RANK_VECTOR};
  RETURN NEW;
END
$$""",
    f"UPDATE {TABLE} SET rank_vector = " + _RANK_VECTOR.replace("NEW.", ""),
]
PG_RANK_BACKWARD = [
    f"""CREATE OR REPLACE FUNCTION search_document_vector_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := {_FULL_VECTOR};
  RETURN NEW;
END
$$""",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS rank_vector",
]


def rank_forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_RANK_FORWARD:
            schema_editor.execute(statement, params=None)


def rank_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_RANK_BACKWARD:
            schema_editor.execute(statement, params=None)


PG_BACKWARD = [
    f"DROP TRIGGER IF EXISTS search_document_vector ON {TABLE}",
    "DROP FUNCTION IF EXISTS search_document_vector_trigger()",
    "DROP FUNCTION IF EXISTS search_english_tsvector(text)",
    "DROP FUNCTION IF EXISTS search_bigram_tsvector(text)",
    "DROP INDEX IF EXISTS search_document_vector_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement, params=None)


# Migration 0003: the vectors move to a narrow table of their own, search_match (the document id, which packs the
# locale, year and content type, and the two vectors), with the GIN index. A search reads only these short rows: the
# facets come from the ids and the ranking from the small vector, never from the wide rows of search_searchdocument
# (original text, token streams), which are read for the 20 results shown. Kept by triggers on
# search_searchdocument: insert and update write the row's vectors, delete and truncate remove them.
# The full vector there also holds one lexeme naming the document's locale (".locale" and the id's locale code,
# which no query term can spell): a search asks for it beside its terms, so the GIN index leaves out the other
# languages' documents before any row is read (a phrase of Chinese bigrams is otherwise rechecked on every
# document holding both bigrams, in whatever language).
MATCH_TABLE = "search_match"
LOCALE_LEXEME = ".locale"
_LOCALE_VECTOR = f"array_to_tsvector(ARRAY['{LOCALE_LEXEME}' || (NEW.id & 7)])"  # 7: the id's locale bits
PG_MATCH_FORWARD = [
    f"CREATE TABLE {MATCH_TABLE} (id bigint PRIMARY KEY, search_vector tsvector NOT NULL, "
    "rank_vector tsvector NOT NULL)",
    f"INSERT INTO {MATCH_TABLE} (id, search_vector, rank_vector) "
    f"SELECT id, coalesce(search_vector, '') || {_LOCALE_VECTOR.replace('NEW.', '')}, coalesce(rank_vector, '') "
    f"FROM {TABLE}",
    f"CREATE INDEX search_match_vector_gin ON {MATCH_TABLE} USING gin (search_vector)",
    f"DROP TRIGGER IF EXISTS search_document_vector ON {TABLE}",
    "DROP FUNCTION IF EXISTS search_document_vector_trigger()",
    "DROP INDEX IF EXISTS search_document_vector_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS rank_vector",
    f"""CREATE OR REPLACE FUNCTION search_match_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.id <> NEW.id THEN
    DELETE FROM {MATCH_TABLE} WHERE id = OLD.id;
  END IF;
  INSERT INTO {MATCH_TABLE} (id, search_vector, rank_vector)
  VALUES (NEW.id, {_FULL_VECTOR}
    || {_LOCALE_VECTOR}, {_RANK_VECTOR})
  ON CONFLICT (id) DO UPDATE SET search_vector = EXCLUDED.search_vector, rank_vector = EXCLUDED.rank_vector;
  RETURN NULL;
END
$$""",
    f"""CREATE OR REPLACE FUNCTION search_match_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM {MATCH_TABLE} WHERE id = OLD.id;
  RETURN NULL;
END
$$""",
    f"""CREATE OR REPLACE FUNCTION search_match_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE {MATCH_TABLE};
  RETURN NULL;
END
$$""",
    f"CREATE TRIGGER search_match_write AFTER INSERT OR UPDATE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION search_match_write()",
    f"CREATE TRIGGER search_match_delete AFTER DELETE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION search_match_delete()",
    f"CREATE TRIGGER search_match_truncate AFTER TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_match_truncate()",
]
PG_MATCH_BACKWARD = [
    f"DROP TRIGGER IF EXISTS search_match_write ON {TABLE}",
    f"DROP TRIGGER IF EXISTS search_match_delete ON {TABLE}",
    f"DROP TRIGGER IF EXISTS search_match_truncate ON {TABLE}",
    "DROP FUNCTION IF EXISTS search_match_write()",
    "DROP FUNCTION IF EXISTS search_match_delete()",
    "DROP FUNCTION IF EXISTS search_match_truncate()",
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector",
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS rank_vector tsvector",
    f"UPDATE {TABLE} d SET search_vector = m.search_vector, rank_vector = m.rank_vector FROM {MATCH_TABLE} m "
    "WHERE m.id = d.id",
    PG_RANK_FORWARD[1],
    f"CREATE TRIGGER search_document_vector BEFORE INSERT OR UPDATE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION search_document_vector_trigger()",
    f"CREATE INDEX search_document_vector_gin ON {TABLE} USING gin (search_vector)",
    f"DROP TABLE IF EXISTS {MATCH_TABLE}",
]


def match_forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_MATCH_FORWARD:
            schema_editor.execute(statement, params=None)


def match_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_MATCH_BACKWARD:
            schema_editor.execute(statement, params=None)
