"""The digest's RSS 2.0 and Atom feeds: well-formed, complete, stable ids, right dates, only live issues, HTTP."""

import datetime
import re
from html.parser import HTMLParser

import feedparser
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.http import http_date
from django.utils.translation import gettext
from lxml import etree
from wagtail.models import Page, PageViewRestriction, Revision

from content.models import DigestIssuePage
from content.pages.digest.feeds import build_atom, build_rss
from tests.factories.digest import (
    add_issue,
    item,
    make_fields,
    make_image,
    make_index,
    make_pdf,
    publish_time,
    translate_issue,
)
from tests.sharing import tree_layer

MONTHS = [datetime.date(2025, 12, 1)] + [datetime.date(2026, m, 1) for m in range(4, 8)]
FEED_PATHS = {
    ("zh-hans", "rss"): "/zh-hans/digest/feed/rss/",
    ("zh-hans", "atom"): "/zh-hans/digest/feed/atom/",
    ("en", "rss"): "/en/digest/feed/rss/",
    ("en", "atom"): "/en/digest/feed/atom/",
}


@tree_layer
def digest(site_tree):
    """A bilingual series with 8 live issues a language (the newest with a PDF), plus hidden ones."""
    cache.clear()
    fields = make_fields()
    index, index_en = make_index(site_tree["home"], site_tree["home_en"])
    en = index_en.locale
    pdf = make_pdf("digest-2026-07")
    image = make_image()
    issues, issues_en = [], []
    for n, month in enumerate(MONTHS):
        oncology, ai = fields["oncology"], fields["ai-in-medicine"]
        newest = month == MONTHS[-1]
        extra = {"pdf_edition": pdf, "lead_image": image, "lead_image_alt": "示意图"} if newest else {}
        issue = add_issue(
            index,
            month,
            title=f"全球医学科技动态 {month.year}年{month.month}月",
            items=[
                item(oncology[0], f"肿瘤早筛新进展 {n}", image=image if newest else None),
                item(ai[0], f"医学影像人工智能 {n}"),
            ],
            published_at=publish_time(month),
            editors_note="<p>编者按：本期为示例内容。</p>",
            **extra,
        )
        issues.append(issue)
        issues_en.append(
            translate_issue(
                issue,
                en,
                f"Digest, {month:%B %Y}",
                items=[item(oncology[1], f"Early cancer detection {n}"), item(ai[1], f"Imaging AI {n}")],
                published_at=publish_time(month),
            )
        )
    # Never in a feed: a draft, a future-scheduled issue, a private issue.
    draft = add_issue(index, datetime.date(2026, 8, 1), title="草稿期", publish=False)
    future = DigestIssuePage(
        title="定时发布期",
        slug="2026-09",
        issue_month=datetime.date(2026, 9, 1),
        go_live_at=timezone.now() + datetime.timedelta(days=3),
    )
    index.add_child(instance=future)
    future.save_revision().publish()
    private = add_issue(index, datetime.date(2026, 10, 1), title="内部期", published_at=publish_time(MONTHS[-1]))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    cache.clear()
    return {
        "index": index,
        "index_en": index_en,
        "issues": issues,
        "issues_en": issues_en,
        "draft": DigestIssuePage.objects.get(pk=draft.pk),
        "future": DigestIssuePage.objects.get(pk=future.pk),
        "private": private,
        "fields": fields,
        "pdf": pdf,
        "image": image,
    }


def fetch(client, language, kind, **headers):
    return client.get(FEED_PATHS[(language, kind)], **headers)


def parse(response):
    assert response.status_code == 200, response.status_code
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.mark.django_db
@pytest.mark.parametrize("language,kind", list(FEED_PATHS))
def test_feed_is_well_formed_and_complete(client, digest, language, kind):
    response = fetch(client, language, kind)
    expected_type = "application/rss+xml" if kind == "rss" else "application/atom+xml"
    assert response["Content-Type"] == f"{expected_type}; charset=utf-8"
    etree.fromstring(response.content)  # strict XML parser: raises if not well-formed
    parsed = parse(response)
    assert parsed.version == ("rss20" if kind == "rss" else "atom10")
    assert parsed.feed.language == ("zh-Hans" if language == "zh-hans" else "en")
    assert len(parsed.entries) == len(MONTHS)
    # Newest first.
    dates = [entry.published_parsed for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    # Channel: title, self link, image, publisher.
    index = digest["index"] if language == "zh-hans" else digest["index_en"]
    assert parsed.feed.title == index.title
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == ["http://testserver" + FEED_PATHS[(language, kind)]]
    with translation.override(language):
        publisher = gettext("Shenzhen Medical Academy of Research and Translation")
    if kind == "rss":
        assert parsed.feed.image.href == "http://testserver/static/smart/img/digest-feed.png"
        assert parsed.feed.publisher == publisher
    else:
        assert parsed.feed.logo == parsed.feed.icon == "http://testserver/static/smart/img/digest-feed.png"
        assert parsed.feed.author == publisher
    # Every entry: full content with absolute links, summary, categories, GUID.
    for entry in parsed.entries:
        content = entry.content[0].value
        assert entry.summary
        assert "#item-1" in content and "#item-2" in content
        hrefs = re.findall(r'(?:href|src)="([^"]+)"', content)
        assert hrefs and all(href.startswith(("http://", "https://", "mailto:")) for href in hrefs), hrefs
        terms = {tag.term for tag in entry.tags}
        assert terms == ({"肿瘤学", "医学人工智能"} if language == "zh-hans" else {"Oncology", "AI in medicine"})
        assert entry.id.startswith("tag:smart.org.cn,2023:digest/")
        assert entry.link.startswith(f"http://testserver/{language}/digest/")
    # The newest Chinese issue has a lead image and an item image: both absolute in the feed.
    if language == "zh-hans":
        images = re.findall(r'<img [^>]*src="([^"]+)"', parsed.entries[0].content[0].value)
        assert len(images) == 2
        assert all(src.startswith("http://testserver/media/images/") for src in images)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_rss_channel_links_to_the_digest_page_and_to_itself_as_the_w3c_validator_asks(client, digest, language):
    """RSS 2.0: the channel's <link> is the website (the digest's HTML page), not the feed; the feed's own address
    is its atom:link rel="self"; the channel image links where the channel does and carries its title (the W3C
    feed validator warns otherwise: ImageLinkDoesntMatch, MissingAtomSelfLink)."""
    index = digest["index"] if language == "zh-hans" else digest["index_en"]
    response = fetch(client, language, "rss")
    channel = etree.fromstring(response.content).find("channel")
    link = channel.findtext("link")
    assert link == "http://testserver" + index.url
    page = client.get(link.removeprefix("http://testserver"))
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    atom = "{http://www.w3.org/2005/Atom}link"
    assert [(e.get("rel"), e.get("href")) for e in channel.findall(atom)] == [
        ("self", "http://testserver" + FEED_PATHS[(language, "rss")])
    ]
    assert channel.find("image").findtext("link") == link
    assert channel.find("image").findtext("title") == channel.findtext("title")
    assert channel.find("image").findtext("url").endswith((".png", ".jpg", ".jpeg", ".gif"))
    assert int(channel.find("image").findtext("width")) <= 144
    assert int(channel.find("image").findtext("height")) <= 400
    # Atom: one alternate link (the page) and one self link (the feed).
    root = etree.fromstring(fetch(client, language, "atom").content)
    links = sorted((e.get("rel"), e.get("href")) for e in root.findall(atom))
    assert links == [
        ("alternate", "http://testserver" + index.url),
        ("self", "http://testserver" + FEED_PATHS[(language, "atom")]),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_dates_carry_the_beijing_offset(client, digest, kind):
    raw = fetch(client, "zh-hans", kind).content.decode()
    if kind == "rss":
        pub_dates = re.findall(r"<pubDate>([^<]+)</pubDate>", raw)
        assert pub_dates and all(d.endswith(" +0800") for d in pub_dates)
        # RFC 822: "Wed, 08 Jul 2026 10:00:00 +0800".
        assert "Wed, 08 Jul 2026 10:00:00 +0800" in pub_dates
        assert re.search(r"<lastBuildDate>[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0800<", raw)
    else:
        stamps = re.findall(r"<(?:published|updated)>([^<]+)</(?:published|updated)>", raw)
        assert stamps and all(s.endswith("+08:00") for s in stamps)
        assert "2026-07-08T10:00:00+08:00" in stamps
        for stamp in stamps:
            datetime.datetime.fromisoformat(stamp)  # RFC 3339


@pytest.mark.django_db
def test_enclosure_has_length_and_type(client, digest):
    for kind in ("rss", "atom"):
        parsed = parse(fetch(client, "zh-hans", kind))
        newest = parsed.entries[0]
        enclosures = newest.enclosures
        assert len(enclosures) == 1
        with digest["pdf"].file.open("rb") as pdf:
            size = len(pdf.read())
        assert int(enclosures[0]["length"]) == size > 300
        assert enclosures[0]["type"] == "application/pdf"
        assert enclosures[0]["href"] == "http://testserver" + digest["pdf"].url
        assert all(not entry.enclosures for entry in parsed.entries[1:])


@pytest.mark.django_db
def test_drafts_private_and_future_issues_never_appear(client, digest):
    for language, kind in FEED_PATHS:
        raw = fetch(client, language, kind).content.decode()
        for hidden in ("草稿期", "定时发布期", "内部期"):
            assert hidden not in raw
        for page in (digest["draft"], digest["future"], digest["private"]):
            assert f"digest/{page.translation_key}/" not in raw


@pytest.mark.django_db
def test_scheduled_issue_appears_once_live(client, digest):
    future = digest["future"]
    assert not future.live
    before = parse(fetch(client, "zh-hans", "atom"))
    assert len(before.entries) == len(MONTHS)
    # Time passes: the scheduler publishes the revision whose go-live time has come.
    past = timezone.now() - datetime.timedelta(minutes=1)
    for revision in Revision.page_revisions.filter(object_id=str(future.pk), approved_go_live_at__isnull=False):
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save()
    DigestIssuePage.objects.filter(pk=future.pk).update(go_live_at=past)
    call_command("publish_scheduled")
    future.refresh_from_db()
    assert future.live
    after = parse(fetch(client, "zh-hans", "atom"))
    assert len(after.entries) == len(MONTHS) + 1
    assert after.entries[0].title == "定时发布期"  # September is now the newest month


@pytest.mark.django_db
def test_guid_stable_across_edit_retitle_and_move(client, digest, site_tree):
    issue = digest["issues"][3]
    guid = issue.guid

    def guids(kind):
        return {entry.title: entry.id for entry in parse(fetch(client, "zh-hans", kind)).entries}

    before = {kind: guids(kind) for kind in ("rss", "atom")}
    assert before["rss"][issue.title] == guid == before["atom"][issue.title]
    # The English translation has its own, different id.
    assert digest["issues_en"][3].guid != guid

    # Edit and retitle, publish.
    issue.title = "全球医学科技动态（修订版）"
    issue.slug = "renamed"
    issue.editors_note = "<p>更正：修订后的编者按。</p>"
    issue.save_revision().publish()
    after = {kind: guids(kind) for kind in ("rss", "atom")}
    for kind in ("rss", "atom"):
        assert after[kind]["全球医学科技动态（修订版）"] == guid
        assert set(after[kind].values()) == set(before[kind].values())

    # Move it to another series and back: still the same id.
    other = site_tree["home"].add_child(
        instance=type(digest["index"])(title="另一系列", slug="digest-2", locale=digest["index"].locale)
    )
    other_index = type(digest["index"]).objects.get(slug="digest-2")
    other_index.save_revision().publish()
    Page.objects.get(pk=issue.pk).move(other_index, pos="last-child")
    moved = {entry.title: entry.id for entry in parse(client.get("/zh-hans/digest-2/feed/atom/")).entries}
    assert moved == {"全球医学科技动态（修订版）": guid}
    assert guid not in {e.id for e in parse(fetch(client, "zh-hans", "atom")).entries}
    del other


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_conditional_get_answers_304(client, digest, kind):
    first = fetch(client, "en", kind)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and last_modified.endswith("GMT")
    assert "max-age" in first["Cache-Control"]

    again = fetch(client, "en", kind, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag

    since = fetch(client, "en", kind, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert since.status_code == 304

    stale = fetch(client, "en", kind, HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200

    older = fetch(client, "en", kind, HTTP_IF_MODIFIED_SINCE=http_date(0))
    assert older.status_code == 200


@pytest.mark.django_db
def test_cache_is_invalidated_on_publish_and_unpublish(client, digest):
    first = fetch(client, "en", "rss")
    etag = first["ETag"]
    assert fetch(client, "en", "rss", HTTP_IF_NONE_MATCH=etag).status_code == 304

    # Publish a new issue: the cached feed is dropped, the ETag changes, the new issue is in.
    index_en = digest["index_en"]
    add_issue(index_en, datetime.date(2026, 11, 1), title="Digest, November 2026", items=[])
    changed = fetch(client, "en", "rss", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    parsed = parse(changed)
    assert parsed.entries[0].title == "Digest, November 2026"
    assert len(parsed.entries) == len(MONTHS) + 1

    # Unpublish it again: gone from the next response.
    DigestIssuePage.objects.get(title="Digest, November 2026").unpublish()
    assert "Digest, November 2026" not in fetch(client, "en", "rss").content.decode()

    # Making an issue private is a change too.
    PageViewRestriction.objects.create(page=digest["issues_en"][0], restriction_type=PageViewRestriction.LOGIN)
    titles = [entry.title for entry in parse(fetch(client, "en", "rss")).entries]
    assert digest["issues_en"][0].title not in titles


@pytest.mark.django_db
def test_cached_feed_is_served_without_rebuilding(client, digest, django_assert_max_num_queries):
    fetch(client, "zh-hans", "atom")
    # Served from the cache: only Wagtail's routing queries remain, no feed building.
    with django_assert_max_num_queries(12) as queries:
        cached = fetch(client, "zh-hans", "atom")
    assert cached.status_code == 200
    assert not any("content_digestissuepage" in q["sql"] for q in queries.captured_queries)


@pytest.mark.django_db
def test_item_limit_keeps_the_newest(client, digest):
    index = digest["index"]
    index.feed_item_limit = 3
    index.save_revision().publish()
    parsed = parse(fetch(client, "zh-hans", "rss"))
    assert [entry.title for entry in parsed.entries] == [issue.title for issue in digest["issues"][::-1][:3]]


@pytest.mark.django_db
def test_builders_return_the_same_documents(digest):
    index = digest["index"]
    rss, atom = build_rss(index), build_atom(index)
    assert rss.startswith(b"<?xml") and b"<rss" in rss
    assert b"<feed" in atom
    assert build_rss(index) == rss  # deterministic: the same content gives the same bytes (and ETag)
    assert not feedparser.parse(atom).bozo


class _LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (
            tag == "link"
            and attrs.get("rel") == "alternate"
            and attrs.get("type", "").endswith(("rss+xml", "atom+xml"))
        ):
            self.links.append(attrs)


def discover(html):
    collector = _LinkCollector()
    collector.feed(html)
    return collector.links


@pytest.mark.django_db
def test_feed_reader_finds_every_feed_from_the_home_page(client, digest):
    """Done means: given only the home page URL, a reader finds the feed in each language with every live issue."""
    home = client.get("/", follow=True)
    assert home.status_code == 200
    links = discover(home.content.decode())
    by_language = {}
    for link in links:
        assert link["title"]
        by_language.setdefault(link["hreflang"], set()).add(link["type"])
    assert by_language == {
        "zh-Hans": {"application/rss+xml", "application/atom+xml"},
        "en": {"application/rss+xml", "application/atom+xml"},
    }
    for link in links:
        assert link["href"].startswith("http://testserver/")
        response = client.get(link["href"].removeprefix("http://testserver"))
        parsed = parse(response)
        language = "zh-hans" if link["hreflang"] == "zh-Hans" else "en"
        live = digest["issues"] if language == "zh-hans" else digest["issues_en"]
        assert {entry.id for entry in parsed.entries} == {issue.guid for issue in live}
        for entry in parsed.entries:
            issue = next(i for i in live if i.guid == entry.id)
            body = entry.content[0].value
            for block in issue.items:
                assert block.value["headline"] in body


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/zh-hans/digest/", "/en/digest/", "/zh-hans/digest/2026-05/", "/en/about/"])
def test_every_page_advertises_the_feeds(client, digest, path):
    response = client.get(path)
    assert response.status_code == 200
    links = discover(response.content.decode())
    assert len(links) == 4
    language = "zh-Hans" if path.startswith("/zh-hans/") else "en"
    # The page's own language comes first.
    assert links[0]["hreflang"] == language and links[1]["hreflang"] == language
