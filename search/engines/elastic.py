"""The Elasticsearch engine (elasticsearch-dsl), used when ELASTICSEARCH_URL is set.

One index behind an alias (settings.SEARCH_ES_INDEX). Every text field names its analyzer: the Chinese
analyzer (`cjk` by default, bigrams like the embedded engine; smartcn, icu_analyzer or ik_max_word when that
plugin is installed) on the field itself, `english` on its `.en` sub-field, `standard` (one token per CJK
character) on its `.chars` sub-field for one-character queries. Chinese terms are phrase queries. Text is
sent cut into segments at the edges of CJK runs (an array, "".join gives the text back): the position gap
between array values keeps a phrase from matching across punctuation (科学。学院 is not 科学院). A rebuild
fills a new index and then swaps the alias in one request, so search never goes down.
"""

import datetime
import logging
import uuid

from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch_dsl import A, Date, Index, Integer, Keyword, Mapping, Q, Search, Text

from search.text import segments

from . import BaseEngine, RawHit, RawResults

logger = logging.getLogger(__name__)

TEXT_FIELDS = {"title": 8, "summary": 3, "body": 1, "tags_text": 2}
BATCH = 500


def _text_field(zh_analyzer):
    return Text(
        analyzer=zh_analyzer,
        fields={"en": Text(analyzer="english"), "chars": Text(analyzer="standard")},
    )


def build_mapping(zh_analyzer="cjk"):
    mapping = Mapping()
    mapping.field("page_id", Integer())
    mapping.field("locale", Keyword())
    mapping.field("url", Keyword(index=False))
    mapping.field("content_type", Keyword())
    mapping.field("section", Keyword())
    mapping.field("date", Date(format="yyyy-MM-dd"))
    mapping.field("year", Integer())
    mapping.field("tags", Keyword())
    for name in TEXT_FIELDS:
        mapping.field(name, _text_field(zh_analyzer))
    return mapping


def _source(document):
    return {
        "page_id": document.page_id,
        "locale": document.locale,
        "url": document.url,
        "title": segments(document.title),
        "summary": segments(document.summary),
        "body": segments(document.body),
        "content_type": document.content_type,
        "section": document.section,
        "date": document.date.isoformat() if document.date else None,
        "year": document.year,
        "tags": document.tags,
        "tags_text": [piece for tag in document.tags for piece in segments(tag)],
    }


def _fields(suffix="", title_only=False):
    names = {"title": TEXT_FIELDS["title"]} if title_only else TEXT_FIELDS
    return [f"{name}{suffix}^{weight}" for name, weight in names.items()]


def term_query(term, title_only=False):
    """The query of one parsed term: CJK words as phrases, one CJK character on `.chars`, words on `.en`."""
    if term.kind == "cjk":
        if term.prefix:
            return Q("multi_match", query=term.text, fields=_fields(".chars", title_only))
        return Q("multi_match", query=term.text, type="phrase", fields=_fields("", title_only))
    if term.prefix:
        return Q("multi_match", query=term.text, type="phrase_prefix", fields=_fields(".en", title_only))
    return Q("multi_match", query=term.text, fields=_fields(".en", title_only), operator="and", zero_terms_query="all")


def _joined(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return "".join(str(piece) for piece in value)


def _date(value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class ElasticEngine(BaseEngine):
    name = "elastic"

    def __init__(self, url, index="smart-pages", zh_analyzer="cjk", options=None):
        self.url = url
        self.alias = index
        self.zh_analyzer = zh_analyzer or "cjk"
        self.client = Elasticsearch(url, **(options or {}))
        self._ready = False

    # Index management.

    def _new_index(self):
        name = f"{self.alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"
        index = Index(name, using=self.client)
        index.settings(number_of_shards=1)
        index.mapping(build_mapping(self.zh_analyzer))
        index.create()
        return name

    def _indices_behind_alias(self):
        try:
            return list(self.client.indices.get_alias(name=self.alias).keys())
        except NotFoundError:
            return []

    def ensure_index(self):
        """Create the index and its alias if there is none yet."""
        if self._ready:
            return
        if not self._indices_behind_alias():
            name = self._new_index()
            self.client.indices.update_aliases(actions=[{"add": {"index": name, "alias": self.alias}}])
        self._ready = True

    # Writing.

    def index(self, documents):
        documents = list(documents)
        if not documents:
            return
        self.ensure_index()
        actions = (
            {"_op_type": "index", "_index": self.alias, "_id": str(d.page_id), "_source": _source(d)} for d in documents
        )
        helpers.bulk(self.client, actions, chunk_size=BATCH, refresh=True)

    def delete(self, page_ids):
        page_ids = list(page_ids)
        if not page_ids:
            return
        self.ensure_index()
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": str(i)} for i in page_ids)
        helpers.bulk(self.client, actions, chunk_size=BATCH, refresh=True, raise_on_error=False)

    def rebuild(self, documents, progress=None):
        """Fill a new index, then point the alias at it and drop the old ones."""
        new = self._new_index()
        count = 0

        def actions():
            nonlocal count
            for document in documents:
                count += 1
                if progress and count % BATCH == 0:
                    progress(BATCH)
                yield {"_op_type": "index", "_index": new, "_id": str(document.page_id), "_source": _source(document)}

        try:
            helpers.bulk(self.client, actions(), chunk_size=BATCH)
            self.client.indices.refresh(index=new)
        except Exception:
            self.client.indices.delete(index=new, ignore_unavailable=True)
            raise
        if progress and count % BATCH:
            progress(count % BATCH)
        old = self._indices_behind_alias()
        self.client.indices.update_aliases(
            actions=[{"remove": {"index": name, "alias": self.alias}} for name in old]
            + [{"add": {"index": new, "alias": self.alias}}]
        )
        for name in old:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        self._ready = True
        return count

    def page_ids(self):
        self.ensure_index()
        search = Search(using=self.client, index=self.alias).source(["page_id"]).extra(size=10000)
        return {int(hit.meta.id) for hit in search.scan()}

    # Reading.

    def _base(self, parsed, locales, title_only=False, preferred_locale=None):
        should = []
        if preferred_locale and len(locales) > 1:
            # The visitor's language first: a constant lift far above any text score.
            should.append(Q("constant_score", filter=Q("term", locale=preferred_locale), boost=1000))
        return Search(using=self.client, index=self.alias).query(
            "bool",
            must=[term_query(term, title_only) for term in parsed.terms],
            filter=[Q("terms", locale=list(locales))],
            should=should,
        )

    def search(self, parsed, locales, preferred_locale, content_type=None, year=None, offset=0, limit=20):
        if not parsed.terms:
            return RawResults()
        self.ensure_index()
        search = self._base(parsed, locales, preferred_locale=preferred_locale)
        type_filter = Q("term", content_type=content_type) if content_type else Q("match_all")
        year_filter = Q("term", year=year) if year is not None else Q("match_all")
        search = search.post_filter("bool", filter=[type_filter, year_filter])
        types = A("filter", filter=year_filter)
        types.bucket("values", "terms", field="content_type", size=50)
        years = A("filter", filter=type_filter)
        years.bucket("values", "terms", field="year", size=100)
        search.aggs.bucket("content_types", types)
        search.aggs.bucket("years", years)
        search = search.extra(track_total_hits=True, from_=offset, size=limit)
        response = search.execute()
        result = RawResults(total=response.hits.total.value)
        aggregations = response.aggregations
        result.content_types = {b.key: b.doc_count for b in aggregations.content_types["values"].buckets}
        result.years = {int(b.key): b.doc_count for b in aggregations.years["values"].buckets}
        for hit in response.hits:
            result.hits.append(
                RawHit(
                    page_id=int(hit.page_id),
                    url=hit.url,
                    locale=hit.locale,
                    title=_joined(hit.title),
                    summary=_joined(getattr(hit, "summary", None)),
                    body=_joined(getattr(hit, "body", None)),
                    content_type=hit.content_type,
                    section=getattr(hit, "section", "") or "",
                    date=_date(getattr(hit, "date", None)),
                    tags=list(getattr(hit, "tags", []) or []),
                )
            )
        return result

    def suggest(self, parsed, locales, limit=8):
        if not parsed.terms:
            return []
        self.ensure_index()
        search = self._base(parsed, locales, title_only=True).source(["title", "url", "locale"]).extra(size=limit)
        return [(_joined(hit.title), hit.url, hit.locale) for hit in search.execute().hits]
