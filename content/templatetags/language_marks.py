"""Mark Chinese passages inside pages of another language (WCAG 3.1.2, Language of Parts).

English pages quote Chinese now and then: a programme's Chinese name in brackets (深医专项), an ICP filing
number, a host institution's legal name. Marked ``lang="zh-Hans"``, a screen reader reads them with a Chinese
voice instead of spelling them out or skipping them. On Chinese pages nothing changes.

``{{ text|mark_chinese }}`` escapes plain text and wraps each Chinese run in ``<span lang="zh-Hans">``; HTML
(a safe string: rich text, a rendered form field) keeps its markup and only its text is marked. Text-only
elements (option, textarea, title) cannot hold a span, so their start tag gets the lang attribute instead.
"""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

register = template.Library()

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"
# A run starts and ends with a Chinese character or punctuation mark and may hold Latin letters and digits
# (粤ICP备00000000号), but no spaces: the English words around a quoted name stay English.
RUN = re.compile(rf"[{HAN}{CJK_PUNCTUATION}](?:[{HAN}{CJK_PUNCTUATION}A-Za-z0-9·\-]*[{HAN}{CJK_PUNCTUATION}])?")
HAS_CHINESE = re.compile(rf"[{HAN}{CJK_PUNCTUATION}]")
TAG = re.compile(r"(<[^>]*>)")
TEXT_ONLY = re.compile(r"<(option|textarea|title)\b", re.IGNORECASE)
LANG = "zh-Hans"


def _mark_text(text):
    return RUN.sub(lambda match: f'<span lang="{LANG}">{match.group(0)}</span>', text)


def _mark_html(html):
    parts = TAG.split(html)
    for index in range(0, len(parts), 2):
        text = parts[index]
        if not HAS_CHINESE.search(text):
            continue
        opening = parts[index - 1] if index else ""
        if TEXT_ONLY.match(opening):
            if " lang=" not in opening:
                parts[index - 1] = f'{opening[:-1].rstrip("/")} lang="{LANG}">'
        else:
            parts[index] = _mark_text(text)
    return "".join(parts)


@register.filter(is_safe=True)
def mark_chinese(value):
    """Chinese runs in ``value`` marked lang="zh-Hans" when the page is not in Chinese; the value as is otherwise."""
    if value in (None, ""):
        return value
    if (get_language() or "").lower().startswith("zh"):
        return value
    if isinstance(value, SafeData):
        html = str(value)
    elif hasattr(value, "__html__"):  # rich text, a bound form field
        html = value.__html__()
    else:
        html = str(conditional_escape(value))
    return mark_safe(_mark_html(html))  # noqa: S308 - the text was escaped or came as safe HTML; only spans are added
