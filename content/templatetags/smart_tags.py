"""Template tags of the SMART theme: language switcher, hreflang, menu and footer."""

import datetime
import hashlib
import html
import re

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

from content import chinese_words, fragments, i18n, lookups
from content.navigation import Footer

register = template.Library()


class PageFragmentNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return fragments.render(self.nodelist, context)


class SiteFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False) or getattr(request, "static_site", None):
            return self.nodelist.render(context)
        values = "|".join(str(value.resolve(context)) for value in self.vary)
        digest = hashlib.sha256(values.encode()).hexdigest()[:32]
        return lookups.cached(f"fragment:{self.name}:{get_language()}:{digest}", lambda: self.nodelist.render(context))


@register.tag
def sitefragment(parser, token):
    """``{% sitefragment "name" value… %}…{% endsitefragment %}``: a part of every page's frame (menu, footer)
    rendered once per language and values and kept with ``content.lookups``: in each process's memory until a
    menu, footer, page or other content changes. Not for anything that depends on the visitor or the page
    beyond the values given; previews and static-site builds are always rendered."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("sitefragment needs a name")
    nodelist = parser.parse(("endsitefragment",))
    parser.delete_first_token()
    return SiteFragmentNode(nodelist, bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]])


@register.filter
def menu_state(links):
    """What of the menu depends on the page being shown: the links marked current or active."""
    return tuple(
        (link["pk"], link["current"], link["active"]) for link in links or () if link["current"] or link["active"]
    )


@register.tag
def pagefragment(parser, token):
    """``{% pagefragment %}…{% endpagefragment %}``: the page's main content, cached (see ``content.fragments``)."""
    nodelist = parser.parse(("endpagefragment",))
    parser.delete_first_token()
    return PageFragmentNode(nodelist)


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """Alternates of the page being rendered (cached in the context for the switcher and the head)."""
    if "_smart_alternates" in context:
        return context["_smart_alternates"]
    request = context.get("request")
    page = context.get("page")
    if page is not None and i18n.is_page(page) and page.id:
        alternates = i18n.page_alternates(page, request)
    elif request is not None:
        alternates = i18n.path_alternates(request)
    else:
        alternates = []
    context.dicts[0]["_smart_alternates"] = alternates
    return alternates


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page):
    """``[(title, url), ...]`` of the page's ancestors below the tree root (cached, see ``content.lookups``)."""
    return lookups.breadcrumbs(page, context.get("request"))


@register.simple_tag(takes_context=True)
def parent_url(context, page):
    """The URL of the page's parent, from its cached breadcrumb trail (no query once cached)."""
    trail = lookups.breadcrumbs(page, context.get("request"))
    return trail[-1][1] if trail else ""


@register.simple_tag
def default_alternate(alternates):
    return i18n.default_alternate(alternates)


@register.filter
def hreflang(language_code):
    return i18n.hreflang(language_code or get_language())


@register.filter
def absolute(path):
    return i18n.absolute_url(str(path))


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu of the active language, its links as cached plain data (``content.lookups``)."""
    links = lookups.menu_links(get_language(), context.get("request"))
    return None if links is None else {"items": links}


@register.simple_tag
def site_footer():
    return Footer.for_locale()


@register.simple_tag(takes_context=True)
def menu_links(context, stream):
    """Resolve a stream of menu items to (label, url, active) for live pages only."""
    request = context.get("request")
    current = context.get("page")
    current_path = getattr(current, "url_path", "") or ""
    items = stream if isinstance(stream, list) else lookups.stream_links(stream, request)
    links = []
    for item in items:
        active = bool(current_path) and current_path.startswith(item["url_path"]) and item["depth"] > 2
        current_page = current is not None and getattr(current, "pk", None) == item["pk"]
        links.append({**item, "active": active, "current": current_page})
    return links


@register.simple_tag(takes_context=True)
def latest_news(context, count):
    """The newest live, public news articles in the language of the page being shown."""
    from content.models import NewsArticlePage

    page = context.get("page")
    locale_id = getattr(page, "locale_id", None) if page is not None else None

    def newest():
        articles = lookups.public(NewsArticlePage.objects.live()).defer_streamfields().select_related("listing_image")
        if locale_id:
            articles = articles.filter(locale_id=locale_id)
        return list(articles.order_by("-date", "-pk")[: int(count)])

    # Kept with the lookups: any publication, unpublication, move, deletion or image change moves them on.
    return lookups.cached(f"latest-news:{locale_id}:{int(count)}", newest)


# Where a title may break inside a run without spaces: after closing punctuation, before an opening bracket.
_PHRASE_END = re.compile(r"(?<=[·•：:，,、；;！!？?）)」』》〉])|(?=[（(「『《〈])")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PUNCTUATION_ONLY = re.compile(r"^[^\w]+$")
_TAG = re.compile(r"(<[^>]*>)")
# Elements whose content is not text to lay out (or cannot hold a span): left as they are.
_RAW_TEXT = re.compile(r"<(script|style|textarea|title|option)\b", re.IGNORECASE)


def _word_html(text):
    """Plain text as HTML: escaped, each Chinese word in ``<span class="w">`` (kept whole on a line by the
    theme's CSS), the breaks between words left to the browser."""
    return "".join(
        format_html('<span class="w">{}</span>', piece) if chinese_words.is_word(piece) else escape(piece)
        for piece in chinese_words.segments(text)
    )


@register.filter
def phrases(text):
    """A title as its phrases (split at spaces and punctuation), each kept whole on a line where it fits
    (``<span class="phrase">``, an inline block): "全球医学科技动态 · 2026年11月" breaks after the "·", never
    inside 动态. A phrase longer than its line breaks between its words only (``words``: 深圳市/光明致远, never
    深/圳市). A mark standing alone between spaces stays with the phrase before it. Escaped; text without
    Chinese comes back as it is (the template escapes it)."""
    text = str(text or "")
    if not _CJK.search(text):
        return text  # Latin text breaks at its spaces already (escaped by the template)
    phrases = []
    for word in text.split():
        if phrases and _PUNCTUATION_ONLY.match(word):
            phrases[-1] += "\u00a0" + word
            continue
        phrases.extend(part for part in _PHRASE_END.split(word) if part)
    # Each phrase is escaped by _word_html; only the spans are added.
    return mark_safe(" ".join(f'<span class="phrase">{_word_html(phrase)}</span>' for phrase in phrases))


@register.filter
def words(value):
    """Chinese words kept whole on a line: each word of two characters or more (``content.chinese_words``) in
    ``<span class="w">``, so that a line breaks between words (深圳市/光明致远) and never inside one (深/圳市).
    For table cells, captions, figure labels and headings of the page's visible HTML only: not for the
    <title>, meta tags, feeds, structured data, search snippets or the API, which get the text as it is.

    Plain text is escaped. HTML (a safe string: a rendered table, ``{% filter words %}…{% endfilter %}``) keeps
    its markup: only the text between tags is cut, and the text of script, style, title, textarea and option
    elements is left alone. Text without Chinese comes back as it is."""
    if value in (None, ""):
        return value
    if not isinstance(value, SafeData) and not hasattr(value, "__html__"):
        text = str(value)
        return mark_safe(_word_html(text)) if _CJK.search(text) else text  # escaped by _word_html
    markup = str(value) if isinstance(value, SafeData) else value.__html__()
    if not _CJK.search(markup):
        return mark_safe(markup)  # came as safe HTML
    parts = _TAG.split(markup)
    raw_text = None  # the name of the raw-text element being passed over, if any
    for index in range(0, len(parts), 2):
        opening = parts[index - 1] if index else ""
        if raw_text and opening.lower().startswith(f"</{raw_text}"):
            raw_text = None
        elif not raw_text and (match := _RAW_TEXT.match(opening)):
            raw_text = match.group(1).lower()
        if not raw_text and _CJK.search(parts[index]):
            parts[index] = _word_html(html.unescape(parts[index]))
    return mark_safe("".join(parts))  # its text re-escaped; only spans added


@register.filter
def deadline(value):
    """A deadline as people say it: a date alone when it falls at the end or the very start of a day (23:59 or
    00:00, Beijing time: "by 5 January 2027"), else the date and the time ("5 January 2027 17:00")."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        if (local.hour, local.minute) in ((23, 59), (0, 0)):
            return date_format(local.date(), "DATE_FORMAT")
        return date_format(local, "DATETIME_FORMAT")
    return date_format(value, "DATE_FORMAT")
