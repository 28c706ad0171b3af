"""Main menu and footer of each language.

The seeds give no street address, telephone or ICP filing number, so the footer names only the
district and the park the seeds mention, leaves the telephone and postcode empty, and shows a
clearly marked sample email address, ICP number and QR-like image. The texts are in ``demo/data/navigation.json``.
"""

from content.models import Footer, MainMenu

from .datafiles import read

_DATA = read("navigation", facts=True)

# (page key, zh label, en label); an empty label means the page title.
MENU_ITEMS = [(item["page"], item["zh"], item["en"]) for item in _DATA["menu_items"]]
FOOTER_LINKS = [(link["page"], link["zh"], link["en"]) for link in _DATA["footer_links"]]

MENU_NAMES = _DATA["menu_names"]

# The footer of each language: organisation, address, sample contact details and the sample QR account.
FOOTER = _DATA["footer"]


def _items(pages, items, lang):
    index = 0 if lang == "zh" else 1
    return [{"type": "item", "value": {"page": pages[key].pk, "label": labels[index]}} for key, *labels in items]


def _footer_fields(lang, pages, qr_image):
    data = FOOTER[lang]
    fields = {name: value for name, value in data.items() if name != "social"}
    fields["social_accounts"] = [
        {"type": "account", "value": {**data["social"], "url": "", "qr_code": qr_image.pk}},
    ]
    fields["links"] = _items(pages, FOOTER_LINKS, lang)
    return fields


def _ensure(model, zh_locale, en_locale, zh_fields, en_fields):
    """The zh object and its en translation (same translation_key); returns how many were created."""
    created = 0
    source = model.objects.filter(locale=zh_locale).order_by("pk").first()
    if source is None:
        source = model(locale=zh_locale, **zh_fields)
        source.save()
        created += 1
    if source.get_translation_or_none(en_locale) is None and not model.objects.filter(locale=en_locale).exists():
        translation = source.copy_for_translation(en_locale)
        for name, value in en_fields.items():
            setattr(translation, name, value)
        translation.save()
        created += 1
    return created


def ensure_menus(zh_locale, en_locale, zh_pages, en_pages):
    return _ensure(
        MainMenu,
        zh_locale,
        en_locale,
        {"name": MENU_NAMES["zh"], "items": _items(zh_pages, MENU_ITEMS, "zh")},
        {"name": MENU_NAMES["en"], "items": _items(en_pages, MENU_ITEMS, "en")},
    )


def ensure_footers(zh_locale, en_locale, zh_pages, en_pages, qr_image):
    return _ensure(
        Footer,
        zh_locale,
        en_locale,
        _footer_fields("zh", zh_pages, qr_image),
        _footer_fields("en", en_pages, qr_image),
    )
