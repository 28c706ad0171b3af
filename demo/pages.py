"""The demo page tree, read from ``demo/data/pages/``: ``home.json`` is the home page, and each name in its
``children`` is a file holding one top-level section with its pages.

A page in the data files::

    {"model": "StandardPage",            # the page class, by name
     "slug": "mission",
     "image": "about",                   # listing image key (demo/data/images.json), optional
     "zh": {"title": "…", "intro": "…", …, "body": [blocks]},
     "en": {…},
     "tags": {"zh": […], "en": […]},     # optional
     "children": […]}                     # optional

The language objects hold the page's field values. A StreamField's value is a body (its blocks, see
``demo.build``); a value ``{"page": key}`` (or image, document, call) names another object; rich text may link
pages by key. Those are set once every page of the language exists; plain values are set when the page is
created. Figures of the seeds are written ``{NAME}`` and filled in from ``demo.facts`` (``demo.datafiles``).
"""

from django.db import models
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from .build import LINK
from .datafiles import read
from .spec import PageSpec, assign_keys

CONVERTED = (models.DateField, models.DecimalField)  # values that JSON writes as strings (DateTimeField too)


def _model(name):
    models_by_name = {model.__name__: model for model in get_page_models()}
    try:
        return models_by_name[name]
    except KeyError:
        raise ValueError(f"Demo data names an unknown page model {name!r}") from None


def _late(value):
    """A callable(Blocks) for a value that needs other objects, or None for a plain value."""
    if isinstance(value, dict):
        return lambda blocks: blocks.reference(value)
    parts = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    if any(isinstance(part, str) and LINK.search(part) for part in parts):
        return lambda blocks: blocks.html(value)
    return None


def _fields(model, values):
    """(field values for the PageSpec, body field name or None, body per this language or None)."""
    fields, body_field, body = {}, None, None
    for name, value in values.items():
        model_field = model._meta.get_field(name)
        if isinstance(model_field, StreamField):
            body_field, body = name, value
        elif (late := _late(value)) is not None:
            fields[name] = late
        elif isinstance(model_field, CONVERTED) and isinstance(value, str):
            fields[name] = model_field.to_python(value)
        else:
            fields[name] = value
    return fields, body_field, body


def _spec(data):
    model = _model(data["model"])
    zh, body_field, zh_body = _fields(model, data["zh"])
    en, en_body_field, en_body = _fields(model, data["en"])
    if body_field != en_body_field:
        raise ValueError(f"{data['slug']}: the languages have bodies in different fields")
    bodies = {"zh": zh_body, "en": en_body}
    children = [
        _spec(read(f"pages/{child}", facts=True) if isinstance(child, str) else child)
        for child in data.get("children", [])
    ]
    return PageSpec(
        model=model,
        slug=data["slug"],
        zh=zh,
        en=en,
        image=data.get("image"),
        body=(lambda blocks: blocks.body(bodies[blocks.lang])) if body_field else None,
        body_field=body_field or "body",
        tags=data.get("tags", {}),
        children=children,
    )


def build_tree():
    """The demo page tree (its PageSpecs with their keys assigned)."""
    return assign_keys(_spec(read("pages/home", facts=True)))
