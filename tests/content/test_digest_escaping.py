"""Hostile content in a digest issue: every feed stays well-formed, and no script, handler or javascript: URL
reaches a feed or a page."""

import datetime
import re

import feedparser
import pytest
from django.core.cache import cache
from lxml import etree, html

from content.html_clean import clean_html, safe_url, xml_text
from content.models import DigestIssuePage, FieldOfMedicine
from tests.factories.digest import add_issue, make_fields, make_index
from tests.sharing import tree_layer

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
# (No NUL: PostgreSQL text cannot hold it at all; the other C0 controls it stores, and XML forbids.)
HOSTILE_TITLE = "Tom & Jerry <b>\"引号\" 'single' 😀 中文 ]]> \x08\x0b\x1fcontrol"
CLEAN_TITLE = "Tom & Jerry <b>\"引号\" 'single' 😀 中文 ]]> control"
HOSTILE_NOTE = (
    '<p onclick="alert(1)">编者按 &amp; <script>alert("x")</script>'
    '<a href="javascript:alert(1)">点我</a><img src=x onerror=alert(1)></p>'
    '<iframe src="https://evil.example/"></iframe><style>body{display:none}</style>'
)
HOSTILE_SUMMARY = (
    '<p>Good <a href="/zh-hans/about/">link</a> <a href="JaVaScRiPt:alert(1)">bad</a> '
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data</a>'
    '<img src="javascript:alert(1)"> <svg onload=alert(1)></svg> ]]&gt; &amp; &lt;tag&gt; 😀</p>'
    '<p><a href=" jav&#x09;ascript:alert(2)">tab</a></p>'
)
FORBIDDEN = re.compile(r"<script|<iframe|<style|<svg|\bon[a-z]+\s*=|javascript:|data:text", re.IGNORECASE)


@tree_layer
def hostile(site_tree):
    cache.clear()
    fields = make_fields()
    index, _index_en = make_index(site_tree["home"], site_tree["home_en"])
    field = fields["oncology"][0]
    FieldOfMedicine.objects.filter(pk=field.pk).update(name='Onco & "logy" <x> 😀')
    item = {
        "type": "item",
        "value": {
            "headline": '<script>alert(1)</script> & "quotes" 😀',
            "field": field.pk,
            "summary": HOSTILE_SUMMARY,
            "source_name": "A & B <i>outlet</i>",
            "source_url": "javascript:alert(3)",  # stored raw, as an import or the database could hold it
            "source_date": "2026-05-01",
        },
    }
    issue = add_issue(
        index,
        datetime.date(2026, 5, 1),
        title=HOSTILE_TITLE,
        items=[item],
        editors_note=HOSTILE_NOTE,
        listing_summary="摘要 & <summary> \x01 😀",
    )
    cache.clear()
    return issue


def raw_feed(client, kind):
    response = client.get(f"/zh-hans/digest/feed/{kind}/")
    assert response.status_code == 200
    return response.content


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_hostile_issue_keeps_the_feed_well_formed(client, hostile, kind):
    body = raw_feed(client, kind)
    root = etree.fromstring(body)  # strict XML: fails on any unescaped character
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == 1
    if kind == "rss":
        entry = root.find("channel/item")
        title, content, summary = entry.findtext("title"), entry.findtext(CONTENT), entry.findtext("description")
        categories = [c.text for c in entry.findall("category")]
    else:
        entry = root.find(f"{ATOM}entry")
        title, content = entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}content")
        summary = entry.findtext(f"{ATOM}summary")
        categories = [c.get("term") for c in entry.findall(f"{ATOM}category")]
    # Text survives exactly (minus the characters XML cannot hold); markup in text stays text.
    assert title == CLEAN_TITLE
    assert summary == "摘要 & <summary>  😀"
    assert categories == ['Onco & "logy" <x> 😀']
    # The HTML content is sanitised: no script, handler, frame, style or javascript:/data: URL.
    assert not FORBIDDEN.search(content), FORBIDDEN.search(content)
    fragment = html.fragment_fromstring(content, create_parent="div")
    assert not fragment.xpath("//script|//iframe|//style|//svg")
    assert '&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes" 😀' in content  # the headline, as text
    assert 'href="http://testserver/zh-hans/about/"' in content  # relative link made absolute
    assert "A &amp; B &lt;i&gt;outlet&lt;/i&gt;" in content
    for href in fragment.xpath("//a/@href|//img/@src"):
        assert href.startswith(("http://", "https://", "mailto:")), href


@pytest.mark.django_db
def test_hostile_issue_page_is_sanitised(client, hostile):
    response = client.get(hostile.url)
    assert response.status_code == 200
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    assert not FORBIDDEN.search(main), FORBIDDEN.search(main)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in main
    assert 'href="/zh-hans/about/"' in main  # good links kept
    # A stored javascript: source link is not turned into a link.
    assert "A &amp; B &lt;i&gt;outlet&lt;/i&gt;" in main
    # The index listing and the field filter are safe too.
    for path in ("/zh-hans/digest/", "/zh-hans/digest/?field=oncology", '/zh-hans/digest/?field="><script>'):
        listing = client.get(path).content.decode()
        body = listing[listing.index("<main") : listing.index("</main>")]
        assert not FORBIDDEN.search(body), (path, FORBIDDEN.search(body))


@pytest.mark.django_db
def test_feed_link_titles_are_escaped_in_the_head(client, hostile):
    index = hostile.get_parent().specific
    index.title = 'Digest & "News" <Weekly>'
    index.save_revision().publish()
    page = client.get("/zh-hans/").content.decode()
    head = page[: page.index("</head>")]
    assert 'title="Digest &amp; &quot;News&quot; &lt;Weekly&gt; (RSS 2.0)"' in head
    tree = html.fromstring(page)
    titles = tree.xpath('//link[@type="application/atom+xml"]/@title')
    assert 'Digest & "News" <Weekly> (Atom)' in titles


@pytest.mark.parametrize(
    "dirty",
    [
        '<a href="javascript:alert(1)">x</a>',
        '<a href="  JAVASCRIPT:alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<img src="x" onerror="alert(1)">',
        "<script>alert(1)</script>",
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<svg><script>alert(1)</script></svg>",
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<object data="javascript:alert(1)"></object>',
        '<form action="javascript:alert(1)"><button>x</button></form>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<p onmouseover="alert(1)">x</p>',
        "<!-- <script>alert(1)</script> -->",
    ],
)
def test_clean_html_removes_active_content(dirty):
    for base in (None, "https://smart.example/zh-hans/digest/2026-05/"):
        cleaned = clean_html(dirty, base_url=base)
        assert not re.search(
            r"<script|javascript:|vbscript:|\bon[a-z]+=|<style|<svg|<object|<form|<meta|style=", cleaned, re.I
        ), cleaned


def test_clean_html_makes_urls_absolute_and_keeps_text():
    cleaned = clean_html(
        '<p>A &amp; B <a href="/en/about/">about</a> <a href="#item-2">two</a> 中文 😀</p>',
        base_url="https://smart.example/en/digest/2026-05/",
    )
    assert cleaned == (
        '<p>A &amp; B <a href="https://smart.example/en/about/" rel="noopener noreferrer">about</a> '
        '<a href="https://smart.example/en/digest/2026-05/#item-2" rel="noopener noreferrer">two</a> 中文 😀</p>'
    )


def test_safe_url_and_xml_text():
    assert safe_url("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&c=2"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil.example/", "/relative", ""):
        assert safe_url(bad) == ""
    assert xml_text("a\x00b\x0bc\x1fd\ttab\nline\ufffe😀") == "abcd\ttab\nline😀"


@pytest.mark.django_db
def test_draft_with_hostile_content_is_not_published(client, hostile):
    """A hostile draft revision of a live issue does not leak: the feed shows the live revision only."""
    issue = DigestIssuePage.objects.get(pk=hostile.pk)
    issue.title = "草稿标题：不应出现"
    issue.save_revision()
    body = raw_feed(client, "atom").decode()
    assert "草稿标题" not in body
