"""Shared pieces of the white paper, event and job demo loaders: sample people, topics, event series, and the
replacement of a placeholder section page by a real index page.

Every person here is fictional and marked as a sample (示例 / sample) in the name itself, so no page can
present them as real. Rows are found again by name (people) or slug (topics, series): loading twice
creates nothing new. The texts are in ``demo/data/people.json``.
"""

from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from content.people import Person
from content.topics import EventSeries, Topic

from .datafiles import read
from .images import ARTWORK

_DATA = read("people")

# key: (zh fields, en fields)
PEOPLE = {key: (person["zh"], person["en"]) for key, person in _DATA["people"].items()}

# slug: (sort order, 中文, English)
TOPICS = {slug: (term["order"], term["zh"], term["en"]) for slug, term in _DATA["topics"].items()}
SERIES = {slug: (term["order"], term["zh"], term["en"]) for slug, term in _DATA["series"].items()}


def locales():
    return Locale.objects.get(language_code="zh-hans"), Locale.objects.get(language_code="en")


def ensure_people():
    """{key: (zh person, en person)} and how many rows were created."""
    zh, en = locales()
    people, created = {}, 0
    for key, (zh_fields, en_fields) in PEOPLE.items():
        person_zh = Person.objects.filter(locale=zh, name=zh_fields["name"]).first()
        if person_zh is None:
            person_zh = Person.objects.create(locale=zh, **zh_fields)
            created += 1
        person_en = person_zh.get_translation_or_none(en)
        if person_en is None:
            person_en = person_zh.copy_for_translation(en)
            for name, value in en_fields.items():
                setattr(person_en, name, value)
            person_en.save()
            created += 1
        people[key] = (person_zh, person_en)
    return people, created


def _ensure_terms(model, terms):
    zh, en = locales()
    result, created = {}, 0
    for slug, (order, name_zh, name_en) in terms.items():
        term_zh = model.objects.filter(locale=zh, slug=slug).first()
        if term_zh is None:
            term_zh = model.objects.create(locale=zh, slug=slug, name=name_zh, sort_order=order)
            created += 1
        term_en = term_zh.get_translation_or_none(en)
        if term_en is None:
            term_en = term_zh.copy_for_translation(en)
            term_en.name = name_en
            term_en.save()
            created += 1
        result[slug] = (term_zh, term_en)
    return result, created


def ensure_topics():
    return _ensure_terms(Topic, TOPICS)


def ensure_series():
    return _ensure_terms(EventSeries, SERIES)


def artwork(key):
    """The demo illustration with this key (demo.images), or None if it is not loaded."""
    titles = {item.key: item.title for item in ARTWORK}
    return get_image_model().objects.filter(title=titles.get(key)).first()


def _retire(placeholder, suffix):
    """Give a placeholder page a slug that frees its own for the real index."""
    Page.objects.filter(pk=placeholder.pk).update(slug=f"{placeholder.slug}-placeholder-{suffix}")
    placeholder.refresh_from_db()
    return placeholder


@transaction.atomic
def ensure_index(model, slug, home_zh, home_en, zh_fields, en_fields):
    """The index page of ``model`` at ``slug`` in both languages; returns (zh page, en page, created count).

    A placeholder page of another type at that slug (a section page of the general demo) is replaced:
    the index takes its place in the menu order, its child pages move under the index, links to it
    (menus, footers, other pages) are pointed at the index, then the placeholder and its translation
    are deleted. Demo data only.
    """
    from .digest import _repoint_references  # the digest loader's helper: rewrites page links everywhere

    created = 0
    index_zh = model.objects.child_of(home_zh).filter(slug=slug).first()
    placeholder = None
    if index_zh is None:
        placeholder = Page.objects.child_of(home_zh).filter(slug=slug).first()
        index_zh = model(slug=slug, **zh_fields)
        if placeholder is not None:
            _retire(placeholder, "zh")
            placeholder.add_sibling(pos="left", instance=index_zh)
        else:
            home_zh.add_child(instance=index_zh)
        index_zh.save_revision().publish()
        created += 1
    index_en = model.objects.child_of(home_en).filter(slug=slug).first()
    placeholder_en = None
    if index_en is None:
        placeholder_en = Page.objects.child_of(home_en).filter(slug=slug).first()
        if placeholder_en is not None:
            _retire(placeholder_en, "en")
        index_en = index_zh.copy_for_translation(home_en.locale, copy_parents=False, alias=False)
        for name, value in en_fields.items():
            setattr(index_en, name, value)
        index_en.slug = slug
        index_en.save_revision().publish()
        created += 1
        if placeholder_en is not None:
            Page.objects.get(pk=index_en.pk).move(Page.objects.get(pk=placeholder_en.pk), pos="left")
    doomed = {}
    for old in (placeholder, placeholder_en):
        if old is not None:
            for page in Page.objects.filter(translation_key=old.translation_key).select_related("locale"):
                doomed[page.pk] = page
    indexes = {index_zh.locale_id: index_zh, index_en.locale_id: index_en}
    for page in doomed.values():
        new = indexes.get(page.locale_id)
        if new is None:
            continue
        for child in Page.objects.get(pk=page.pk).get_children():
            child.move(Page.objects.get(pk=new.pk), pos="last-child")
        _repoint_references(Page.objects.get(pk=page.pk), new)
    for pk in doomed:
        Page.objects.get(pk=pk).delete()
    return model.objects.get(pk=index_zh.pk), model.objects.get(pk=index_en.pk), created
