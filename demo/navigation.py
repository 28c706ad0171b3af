"""Main menu and footer of each language.

The seeds give no street address, telephone or ICP filing number, so the footer names only the
district and the park the seeds mention, leaves the telephone and postcode empty, and shows a
clearly marked sample email address, ICP number and QR-like image.
"""

from content.models import Footer, MainMenu

from .datafiles import read

SAMPLE_EMAIL = "contact@example.org"

_DATA = read("navigation", facts=True)

# (page key, zh label, en label); an empty label means the page title.
MENU_ITEMS = [(item["page"], item["zh"], item["en"]) for item in _DATA["menu_items"]]
FOOTER_LINKS = [(link["page"], link["zh"], link["en"]) for link in _DATA["footer_links"]]

MENU_NAMES = {"zh": "主导航", "en": "Main menu"}

FOOTER = {
    "zh": {
        "organisation": "深圳医学科学院",
        "address": "广东省深圳市光明区\n光明生命科学园",
        "postcode": "",
        "phone": "",
        "email": SAMPLE_EMAIL,
        "icp_number": "粤ICP备00000000号（示例）",
        "copyright_notice": "© 深圳医学科学院 · 本站为演示站点，电子邮箱、备案号与二维码均为示例。",
        "social": {"name": "微信公众号", "handle": "深圳医学科学院（示例二维码，不可扫描）"},
    },
    "en": {
        "organisation": "Shenzhen Medical Academy of Research and Translation (SMART)",
        "address": "Guangming Life Science Park\nGuangming District, Shenzhen, Guangdong, China",
        "postcode": "",
        "phone": "",
        "email": SAMPLE_EMAIL,
        "icp_number": "粤ICP备00000000号 (sample)",
        "copyright_notice": "© Shenzhen Medical Academy of Research and Translation · Demonstration site: the "
        "email address, ICP number and QR code are samples.",
        "social": {"name": "WeChat official account", "handle": "SMART (sample QR code, not scannable)"},
    },
}


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
