"""The digest demo: twelve sample issues in both languages, marked as sample content, loaded once."""

import datetime
import io
import re

import feedparser
import pytest
from django.core.cache import cache
from wagtail.models import Page

from content.models import DigestIndexPage, DigestIssuePage, FieldOfMedicine, MainMenu, SectionIndexPage, StandardPage
from demo import digest_data
from demo.digest import load, simple_pdf
from demo.sections import SECTION_LOADERS
from tests.factories.pages import publish_child, translate

MONTHS = [datetime.date(2025, 12, 1)] + [datetime.date(2026, m, 1) for m in range(1, 12)]


def homes(site_tree):
    return {"zh-hans": site_tree["home"], "en": site_tree["home_en"]}


def check_pdf(data):
    """A structurally valid PDF: header, every xref offset at its object, startxref at the xref table."""
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    assert data[startxref:].startswith(b"xref")
    table = data[startxref:].split(b"trailer")[0].split(b"\n")
    count = int(table[1].split()[1])
    entries = table[3 : 2 + count]
    for number, entry in enumerate(entries, start=1):
        offset = int(entry.split()[0])
        assert data[offset:].startswith(b"%d 0 obj" % number)


@pytest.mark.django_db
def test_demo_digest_is_complete_and_marked_as_sample(site_tree, client):
    cache.clear()
    out = io.StringIO()
    created = load(homes(site_tree), out)
    assert created == 2 * len(digest_data.FIELDS) + 2 + 12 + 24 + 24  # fields, series, images, PDFs, issues
    assert "12 issues in 2 languages" in out.getvalue()

    index = DigestIndexPage.objects.get(locale__language_code="zh-hans")
    index_en = DigestIndexPage.objects.get(locale__language_code="en")
    assert index_en.translation_key == index.translation_key
    assert "示例内容" in index.intro and "sample demo content" in index_en.intro
    issues = list(DigestIssuePage.objects.child_of(index).live().order_by("issue_month"))
    issues_en = list(DigestIssuePage.objects.child_of(index_en).live().order_by("issue_month"))
    assert [issue.issue_month for issue in issues] == MONTHS == [issue.issue_month for issue in issues_en]
    assert [issue.translation_key for issue in issues] == [issue.translation_key for issue in issues_en]
    assert [(i.volume, i.number) for i in issues] == [(1, n) for n in range(1, 13)]
    for issue, issue_en in zip(issues, issues_en, strict=True):
        assert "示例内容" in issue.editors_note and "sample demo content" in issue_en.editors_note
        assert issue.first_published_at.day == 8 and issue.first_published_at < datetime.datetime(
            2026, 11, 22, tzinfo=datetime.UTC
        )
        for page in (issue, issue_en):
            items = page.digest_items()
            assert len(items) >= 6
            for item in items:
                assert item.source_url.startswith("https://example.org/")
                assert item.field is not None and item.field.locale_id == page.locale_id
                assert item.source_date < page.first_published_at.date()
                assert item.headline and item.summary_html.startswith("<p>")
            assert page.pdf_edition is not None and page.lead_image is not None
            with page.pdf_edition.file.open("rb") as pdf:
                check_pdf(pdf.read())
        # The English issue is in English: no Chinese in its headlines.
        assert not any(re.search(r"[\u4e00-\u9fff]", item.headline) for item in issue_en.digest_items())
    assert FieldOfMedicine.objects.filter(locale=index.locale).count() == len(digest_data.FIELDS)

    # The feeds carry all twelve issues with their PDF editions.
    for path in ("/zh-hans/digest/feed/rss/", "/en/digest/feed/atom/"):
        parsed = feedparser.parse(client.get(path).content)
        assert not parsed.bozo
        assert len(parsed.entries) == 12
        assert all(int(entry.enclosures[0]["length"]) > 500 for entry in parsed.entries)

    # Loading again creates nothing.
    assert load(homes(site_tree), None) == 0
    assert DigestIssuePage.objects.count() == 24
    assert DigestIndexPage.objects.count() == 2


def test_demo_text_never_names_a_real_source():
    """Every source is generic or a marked sample; every link is on example.org."""
    for zh, en in digest_data.SOURCES.values():
        assert "示例" in zh and "ample" in en
    for issue in digest_data.ISSUES:
        assert len(issue["items"]) >= 6
        for item in issue["items"]:
            assert item["field"] in digest_data.FIELDS
            for headline, summary in (item["zh"], item["en"]):
                assert headline.strip() and len(summary) > 40
                assert "lorem" not in summary.lower()


@pytest.mark.django_db
def test_demo_replaces_a_placeholder_section_and_repoints_links(site_tree):
    """The general demo may leave a "digest" section page: it becomes the real series, links follow it."""
    cache.clear()
    home, home_en = site_tree["home"], site_tree["home_en"]
    about = site_tree["about"]
    placeholder = SectionIndexPage(title="全球医学科技动态", slug="digest", intro="即将上线")
    site_tree["only_zh"].add_sibling(pos="left", instance=placeholder)
    placeholder.save_revision().publish()
    placeholder_en = translate(placeholder, home_en.locale, title="Digest")
    menu = MainMenu.objects.create(
        locale=home.locale, items=[{"type": "item", "value": {"page": placeholder.pk, "label": "科技动态"}}]
    )
    linking = publish_child(
        about,
        StandardPage(
            title="链接页",
            slug="links",
            body=[{"type": "paragraph", "value": f'<p>见<a linktype="page" id="{placeholder.pk}">动态</a>。</p>'}],
        ),
    )
    position = [p.slug for p in home.get_children()]

    load(homes(site_tree), None)

    assert not Page.objects.filter(pk__in=[placeholder.pk, placeholder_en.pk]).exists()
    index = DigestIndexPage.objects.get(locale=home.locale)
    index_en = DigestIndexPage.objects.get(locale=home_en.locale)
    assert index.slug == index_en.slug == "digest"
    assert [p.slug for p in home.get_children()] == position  # same place in the menu order
    menu.refresh_from_db()
    assert menu.items[0].value["page"].pk == index.pk
    linking = StandardPage.objects.get(pk=linking.pk)
    assert f'id="{index.pk}"' in linking.body.raw_data[0]["value"]
    assert linking.live and not linking.has_unpublished_changes
    assert index.url == "/zh-hans/digest/" and index_en.url == "/en/digest/"


def test_digest_loader_is_registered():
    assert load in SECTION_LOADERS


def test_simple_pdf_is_valid_in_both_scripts():
    for text, cjk in (("全球医学科技动态 · 2026年11月", True), ("Digest (示例内容) & <more>", False)):
        data = simple_pdf(text, [text * 20], cjk=cjk)
        check_pdf(data)
    assert b"STSong-Light" in simple_pdf("中文", [], cjk=True)
