"""The engines behind search.index and search.query, chosen by settings.SEARCH_ENGINE ("embedded" or "elastic")."""

import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver


@dataclass
class RawHit:
    page_id: int
    url: str
    locale: str
    title: str
    summary: str
    body: str
    content_type: str
    section: str = ""
    date: object = None
    tags: list = field(default_factory=list)


@dataclass
class RawResults:
    total: int = 0
    hits: list = field(default_factory=list)
    # Facet counts: content types counted with the year filter only, years with the content type filter only.
    content_types: dict = field(default_factory=dict)
    years: dict = field(default_factory=dict)


class BaseEngine:
    """What every engine provides. Documents are search.extract.DocumentData."""

    name = ""

    def index(self, documents):
        raise NotImplementedError

    def delete(self, page_ids):
        raise NotImplementedError

    def rebuild(self, documents, progress=None):
        """Replace the whole index with the documents (an iterable); searches keep working meanwhile."""
        raise NotImplementedError

    def search(self, parsed, locales, preferred_locale, content_type=None, year=None, offset=0, limit=20):
        raise NotImplementedError

    def suggest(self, parsed, locales, limit=8):
        """Titles matching what was typed so far: a list of (title, url, locale)."""
        raise NotImplementedError

    def page_ids(self):
        """The ids of every indexed page (for checks and tests)."""
        raise NotImplementedError


_lock = threading.Lock()
_engines = {}


def get_engine():
    name = getattr(settings, "SEARCH_ENGINE", "embedded")
    key = (name, getattr(settings, "ELASTICSEARCH_URL", ""), getattr(settings, "SEARCH_ES_INDEX", ""))
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            if name == "embedded":
                from .embedded import EmbeddedEngine

                engine = EmbeddedEngine()
            elif name == "elastic":
                from .elastic import ElasticEngine

                engine = ElasticEngine(
                    url=settings.ELASTICSEARCH_URL,
                    index=settings.SEARCH_ES_INDEX,
                    zh_analyzer=getattr(settings, "SEARCH_ES_ZH_ANALYZER", "cjk"),
                    options=getattr(settings, "SEARCH_ES_OPTIONS", {}),
                )
            else:
                raise ImproperlyConfigured(f"SEARCH_ENGINE must be 'embedded' or 'elastic', not {name!r}.")
            _engines[key] = engine
        return engine


@receiver(setting_changed)
def _reset(setting, **kwargs):
    if setting.startswith(("SEARCH_", "ELASTICSEARCH_")):
        with _lock:
            _engines.clear()
