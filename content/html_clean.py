"""Sanitising HTML that leaves the site (digest pages and feeds) with nh3, and making its URLs absolute.

Rich text is normally produced by the editor, but content can also arrive through imports, the API or a
database; whatever it holds, no script, event handler, style or javascript: URL passes through here.
``clean_rich_text`` does the same for every rich text a template renders (``|richtext`` and ``RichTextBlock``
both render ``wagtailcore/shared/richtext.html``, which ``content`` overrides): it keeps what Wagtail's own
rich text output uses (classes of images, ``data-block-key``, relative links) and nothing that runs.
"""

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "article",
    "b",
    "blockquote",
    "br",
    "cite",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h2",
    "h3",
    "h4",
    "h5",
    "header",
    "hr",
    "i",
    "img",
    "li",
    "nav",
    "ol",
    "p",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "time": {"datetime"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src"}

# Characters XML 1.0 forbids (C0 controls except tab, newline, carriage return; surrogates; U+FFFE/U+FFFF).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """Text that any XML document can hold: the characters XML forbids are dropped."""
    return _XML_ILLEGAL.sub("", str(value or ""))


@lru_cache(maxsize=1)
def _cleaner():
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def clean_html(html, base_url=None):
    """Sanitised HTML; with ``base_url``, every link and image URL made absolute against it."""
    html = xml_text(html)
    if base_url is None:
        return _cleaner().clean(html)

    def absolutize(tag, attribute, value):
        if attribute in URL_ATTRIBUTES:
            return urljoin(base_url, value)
        return value

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=absolutize,
    )


def safe_url(url):
    """The URL if it is an absolute http(s) link, else an empty string (no javascript:, data:, ...)."""
    url = xml_text(url).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return ""


RICH_TEXT_TAGS = ALLOWED_TAGS | {"h6", "sub", "sup"}
RICH_TEXT_ATTRIBUTES = {
    "*": {"class", "data-block-key", "dir", "id", "lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "time": {"datetime"},
    "ol": {"start"},
}


@lru_cache(maxsize=1)
def _rich_text_cleaner():
    return nh3.Cleaner(
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES | {"tel"},
        link_rel=None,
        strip_comments=True,
    )


def clean_rich_text(html):
    """Rendered rich text (database HTML already expanded) with no script, event handler, style or unsafe URL."""
    return _rich_text_cleaner().clean(xml_text(html))
