"""Readable ASCII addresses for pages with Chinese titles.

A slug is made from the English title of the page's English translation when there is one, otherwise from the
title written in pinyin (``定时发布测试新闻ux`` → ``ding-shi-fa-bu-ce-shi-xin-wen-ux``). Editors can still type their
own slug; this only fills in the default: in the page editor as they type the title (the ``smart-slug`` admin
script asks :func:`slug_for_title` through ``/admin/smart/slug/``) and on the server when a page is saved without
one (``BasePage._set_core_field_defaults``).
"""

from django.utils.text import slugify
from pypinyin import lazy_pinyin

MAX_LENGTH = 80


def ascii_slug(text, max_length=MAX_LENGTH):
    """An ASCII slug of ``text``: Chinese characters in toneless pinyin, one syllable a word; '' if nothing is left."""
    words = " ".join(lazy_pinyin(text or "", errors="default"))
    slug = slugify(words, allow_unicode=False)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug.strip("-")


def english_title(page):
    """The title of the English translation of ``page`` (not itself English), or ''."""
    if not page.translation_key or page.locale_id is None:
        return ""
    from wagtail.models import Page

    if page.locale.language_code == "en":
        return ""
    english = (
        Page.objects.filter(translation_key=page.translation_key, locale__language_code="en")
        .exclude(pk=page.pk)
        .values_list("title", flat=True)
        .first()
    )
    return english or ""


def slug_for_title(title, page=None):
    """The default slug of a page titled ``title``: from its English translation's title if it has one."""
    if page is not None:
        slug = ascii_slug(english_title(page))
        if slug:
            return slug
    return ascii_slug(title)
