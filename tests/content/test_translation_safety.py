"""Translating with wagtail-localize loses nothing and puts nothing untranslated live (issue 16, points 1 and 2)."""

import difflib
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from content.lookups import forget_cached
from content.models import DigestIssuePage
from content.taxonomy import FieldOfMedicine
from delivery.staticgen import build_site
from tests.factories.digest import DECEMBER, translation_scenario
from tests.sharing import tree_layer


@tree_layer
def digest(site_tree):
    return translation_scenario(site_tree["home"], site_tree["home_en"])


def english_snapshot(client, user):
    """The text of every live English page, as a visitor gets it."""
    cache.clear()
    forget_cached()
    client.logout()
    pages = Page.objects.live().filter(locale__language_code="en", depth__gt=1).order_by("path")
    snapshot = {}
    for page in pages:
        response = client.get(page.url)
        snapshot[page.url] = (response.status_code, response.content.decode())
    client.force_login(user)
    return snapshot


def assert_same_pages(before, after):
    assert sorted(after) == sorted(before)
    for url, (status, body) in before.items():
        changes = [
            line
            for line in difflib.unified_diff(body.splitlines(), after[url][1].splitlines(), lineterm="", n=0)
            if line[:1] in "+-"
        ]
        assert (after[url][0], changes) == (status, []), url


def static_english_text(tmp_path, name):
    """Every text file of a fresh static build that belongs to the English site (pages, feeds), and the sitemap."""
    output = tmp_path / name
    build_site(output=output, base_url="http://static.example", dynamic_origin="", workers=1, stream=io.StringIO())
    root = output.resolve()
    texts = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root).as_posix()
        if (
            path.is_file()
            and path.suffix in {".html", ".xml", ".json"}
            and ("en/" in relative or "sitemap" in relative)
        ):
            texts[relative] = path.read_text(encoding="utf-8", errors="replace")
    return texts


def field_names():
    return sorted(FieldOfMedicine.objects.values_list("locale__language_code", "slug", "name"))


def submit_for_translation(client, page, django_capture_on_commit_callbacks):
    en = Locale.objects.get(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [en.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    return en


@pytest.fixture
def chief(client):
    admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(admin)
    return admin


@pytest.mark.django_db
def test_translating_an_issue_leaves_existing_english_untouched(
    client, chief, digest, django_capture_on_commit_callbacks
):
    before_pages = english_snapshot(client, chief)
    before_fields = field_names()
    assert "Oncology" in before_pages[digest["november_en"].url][1]

    en = submit_for_translation(client, digest["december"], django_capture_on_commit_callbacks)

    assert_same_pages(before_pages, english_snapshot(client, chief))
    after_fields = field_names()
    # Existing English names are kept; only the field without an English version gains one (untranslated).
    assert [row for row in after_fields if row not in before_fields] == [("en", "synthetic-biology", "合成生物学")]
    assert set(before_fields) <= set(after_fields)
    # No wagtail-localize translation (with empty segments) is set up over snippets that already had English.
    onco_key = digest["fields"]["oncology"][0].translation_key
    assert not Translation.objects.filter(source__object_id=onco_key, target_locale=en).exists()
    # The English issue exists, as a draft whose items point at the English fields.
    draft = DigestIssuePage.objects.get(translation_key=digest["december"].translation_key, locale=en)
    assert not draft.live
    assert draft.get_latest_revision_as_object().items[0].value["field"].name == "Oncology"


@pytest.mark.django_db
def test_a_translation_goes_live_only_when_published(
    client, chief, digest, django_capture_on_commit_callbacks, tmp_path
):
    en = submit_for_translation(client, digest["december"], django_capture_on_commit_callbacks)
    draft = DigestIssuePage.objects.get(translation_key=digest["december"].translation_key, locale=en)
    assert not draft.live and draft.has_unpublished_changes

    def public_english():
        cache.clear()
        forget_cached()
        client.logout()
        answers = {
            "page": client.get("/en/digest/2026-12/"),
            "index": client.get("/en/digest/"),
            "rss": client.get("/en/digest/feed/rss/"),
            "atom": client.get("/en/digest/feed/atom/"),
            "sitemap": client.get("/sitemap.xml"),
            "api": client.get("/api/v2/pages/", {"locale": "en", "type": "content.DigestIssuePage"}),
            "search": client.get("/api/search/", {"q": "十二月肿瘤条目", "locale": "en"}),
            "search_en": client.get("/api/search/", {"q": "December", "locale": "en"}),
        }
        client.force_login(chief)
        return answers

    before = public_english()
    assert before["page"].status_code == 404
    static = static_english_text(tmp_path, "before")
    assert "en/digest/index.html" in static
    assert [
        path
        for path, text in static.items()
        if "十二月" in text or "2026年12月" in text or "/en/digest/2026-12/" in text
    ] == []
    assert before["search"].json()["results"] == [] and before["search_en"].json()["results"] == []
    for name in ("index", "rss", "atom", "sitemap", "api"):
        body = before[name].content.decode()
        assert before[name].status_code == 200, name
        assert "2026年12月" not in body and "十二月" not in body and "/en/digest/2026-12/" not in body, name

    # The editor translates the strings and publishes the English issue in wagtail-localize's editor.
    translation = Translation.objects.get(source__object_id=digest["december"].translation_key, target_locale=en)
    english = {DECEMBER: "Digest · December 2026"}
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
        data = english.get(segment.string.data, "EN " + segment.string.data if "条目" in segment.string.data else None)
        if data:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=en,
                context=segment.context,
                data=data.replace("十二月", "December "),
            )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{draft.pk}/edit/", {"action": "publish"})
    draft.refresh_from_db()
    assert draft.live
    after = public_english()
    assert after["page"].status_code == 200
    assert "Digest · December 2026" in after["page"].content.decode()
    assert "Digest · December 2026" in after["rss"].content.decode()
    assert "/en/digest/2026-12/" in after["sitemap"].content.decode()
    assert [result["url"] for result in after["search_en"].json()["results"]] == ["/en/digest/2026-12/"]
    assert "Digest · December 2026" in after["api"].content.decode()
    static = static_english_text(tmp_path, "after")
    assert "Digest · December 2026" in static["en/digest/2026-12/index.html"]
    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_the_translate_form_ticks_the_other_language(client, chief, digest):
    en = Locale.objects.get(language_code="en")
    body = client.get(f"/admin/localize/submit/page/{digest['december'].pk}/").content.decode()
    boxes = re.findall(r'<input type="checkbox" name="locales"[^>]*>', body)
    assert len(boxes) == 1 and f'value="{en.pk}"' in boxes[0] and " checked" in boxes[0]


@pytest.mark.django_db
def test_translations_to_update_report(client, chief, digest, django_capture_on_commit_callbacks):
    profile = UserProfile.get_for_user(chief)
    profile.preferred_language = "en"
    profile.save()
    report_url = "/admin/reports/translations-to-update/"
    menu = client.get("/admin/").content.decode()
    assert report_url in menu
    body = client.get(report_url).content.decode()
    assert "Every translation is up to date." in body

    # The Chinese November issue is published again without a change: nothing to update.
    november = digest["november_en"].get_translation(Locale.objects.get(language_code="zh-hans")).specific
    november.save_revision(user=chief).publish(user=chief)
    assert "Every translation is up to date." in client.get(report_url).content.decode()

    # Its title changes: the English November is listed, with what changed and a comparison.
    november.title = "全球医学科技动态 · 2026年11月（修订）"
    november.save_revision(user=chief).publish(user=chief)
    # December is submitted for translation: a new translation, not published yet.
    submit_for_translation(client, digest["december"], django_capture_on_commit_callbacks)
    body = client.get(report_url).content.decode()
    rows = dict(re.findall(r'<tr data-page="(\d+)">(.*?)</tr>', body, re.S))
    november_en, december_en = digest["november_en"], digest["december"].get_translation(november_en_locale())
    assert set(rows) == {str(november_en.pk), str(december_en.pk)}
    assert "Title" in rows[str(november_en.pk)] and "/revisions/compare/" in rows[str(november_en.pk)]
    assert f"/admin/pages/{november_en.pk}/edit/" in rows[str(november_en.pk)]
    assert "Not published yet" in rows[str(december_en.pk)]
    assert "/admin/localize/update/" in rows[str(december_en.pk)]
    assert "English: 2 pages" in body

    # Publishing the English November again takes it off the list.
    november_en.save_revision(user=chief).publish(user=chief)
    rows = dict(re.findall(r'<tr data-page="(\d+)">(.*?)</tr>', client.get(report_url).content.decode(), re.S))
    assert set(rows) == {str(december_en.pk)}


def november_en_locale():
    return Locale.objects.get(language_code="en")


@pytest.mark.django_db
def test_submitting_again_translates_the_page_as_it_is_now(client, chief, digest, django_capture_on_commit_callbacks):
    """A translation deleted, the source edited, the page submitted again: the new draft starts from the new text."""
    en = submit_for_translation(client, digest["december"], django_capture_on_commit_callbacks)
    DigestIssuePage.objects.get(translation_key=digest["december"].translation_key, locale=en).delete()
    december = DigestIssuePage.objects.get(pk=digest["december"].pk)
    december.title = DECEMBER + "（修订）"
    december.save_revision(user=chief).publish(user=chief)
    submit_for_translation(client, december, django_capture_on_commit_callbacks)
    draft = DigestIssuePage.objects.get(translation_key=december.translation_key, locale=en)
    assert not draft.live and draft.title == DECEMBER + "（修订）"
    translation = Translation.objects.get(source__object_id=december.translation_key, target_locale=en)
    strings = set(StringSegment.objects.filter(source=translation.source).values_list("string__data", flat=True))
    assert DECEMBER + "（修订）" in strings and DECEMBER not in strings
