"""Image tags with renditions remembered in the process (``content.renditions``): the same HTML as Wagtail's own
tags, no query once remembered, and nothing stale when renditions are deleted or the source file is missing."""

import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext

from content import renditions
from tests.factories.images import make_image

pytestmark = pytest.mark.django_db

TAGS = [
    '{% image img fill-400x225 alt="" class="card" %}',
    '{% srcset_image img width-{320,640} sizes="100vw" alt="" %}',
    '{% picture img format-{webp,jpeg} fill-{400x225,800x450} alt="" loading="lazy" %}',
]


def render(library, tag, image):
    return engines["django"].from_string("{% load " + library + " %}" + tag).render({"img": image})


@pytest.mark.parametrize("tag", TAGS)
def test_the_same_html_as_wagtails_own_tags(tag):
    image = make_image(size=(1600, 900))
    ours = render("smart_images", tag, image)
    assert "<img" in ours
    assert ours == render("wagtailimages_tags", tag, image)
    assert render("smart_images", tag, image) == ours  # remembered: still the same


@pytest.mark.parametrize("tag", TAGS)
def test_a_remembered_rendition_costs_no_query(tag):
    image = make_image()
    render("smart_images", tag, image)
    cache.clear()  # not Wagtail's rendition cache: the process remembers them
    with CaptureQueriesContext(connection) as queries:
        render("smart_images", tag, image)
    assert len(queries.captured_queries) == 0
    renditions.forget()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        render("smart_images", tag, image)
    assert len(queries.captured_queries) >= 1  # forgotten: asked for again (the control for the count above)


def test_deleted_renditions_are_forgotten_and_made_again():
    image = make_image()
    tag = TAGS[2]
    render("smart_images", tag, image)
    old = list(image.renditions.all())
    assert old
    image.renditions.all().delete()
    html = render("smart_images", tag, image)
    fresh = list(image.renditions.all())
    assert fresh and {r.pk for r in fresh}.isdisjoint({r.pk for r in old})
    for rendition in fresh:
        assert rendition.url in html
        assert rendition.file.storage.exists(rendition.file.name)


def test_a_missing_source_file_is_not_remembered():
    image = make_image()
    storage, name = image.file.storage, image.file.name
    with storage.open(name, "rb") as source:
        content = source.read()
    storage.delete(name)
    broken = render("smart_images", TAGS[0], image)
    assert "not-found" in broken
    storage.save(name, io.BytesIO(content))
    assert "not-found" not in render("smart_images", TAGS[0], image)


@pytest.mark.parametrize("tag", [tag.replace(' alt=""', "") for tag in TAGS])
def test_the_remembered_html_follows_the_image_and_the_attributes(tag):
    """The tag's HTML is remembered under what it is made of: a new title or description (the default alt text)
    or another attribute value gives new HTML, the same as Wagtail's own tags give."""
    image = make_image(size=(1600, 900), title="实验室外景")
    assert 'alt="实验室外景"' in render("smart_images", tag, image)
    image.title = "New laboratory building"
    image.save()
    ours = render("smart_images", tag, image)
    assert 'alt="New laboratory building"' in ours and "实验室外景" not in ours
    assert ours == render("wagtailimages_tags", tag, image)
    image.description = "The laboratory building at dusk"
    image.save()
    assert 'alt="The laboratory building at dusk"' in render("smart_images", tag, image)
    template = "{% load smart_images %}" + tag.replace(" %}", " data-x=x %}")
    for value in ("a", "b"):
        html = engines["django"].from_string(template).render({"img": image, "x": value})
        assert f'data-x="{value}"' in html
