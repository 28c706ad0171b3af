"""Digest pages: the series index (years, archive, field filter), readable issues, the admin form, the API."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from content.models import DigestIndexPage, DigestIssuePage
from content.pages.digest import DigestIssueForm
from tests.factories.digest import add_issue, item, make_fields, make_index, make_pdf, translate_issue
from tests.sharing import tree_layer
from tests.text import unwrap_words


@tree_layer
def series(site_tree):
    """Issues Nov 2025 - Mar 2026 in Chinese (Jan to Mar also in English), a draft and a private issue."""
    cache.clear()
    fields = make_fields()
    index, index_en = make_index(site_tree["home"], site_tree["home_en"])
    onco, neuro, ai = fields["oncology"], fields["neuroscience"], fields["ai-in-medicine"]
    months = [datetime.date(2025, 11, 1), datetime.date(2025, 12, 1)] + [datetime.date(2026, m, 1) for m in (1, 2, 3)]
    issues = {}
    for month in months:
        items = [item(onco[0], f"肿瘤条目 {month:%Y-%m}"), item(neuro[0], f"神经条目 {month:%Y-%m}")]
        if month.month == 2:
            items.append(item(ai[0], "人工智能条目 2026-02"))
        issues[month] = add_issue(index, month, title=f"动态 {month:%Y-%m}", items=items)
    pdf = make_pdf("digest-2026-02")
    february = issues[datetime.date(2026, 2, 1)]
    february.pdf_edition = pdf
    february.save_revision().publish()
    issues_en = {}
    for month in months[2:]:
        # The English issue keeps pointing at the Chinese field snippets: shown in English all the same.
        issues_en[month] = translate_issue(issues[month], index_en.locale, f"Digest {month:%B %Y}")
    add_issue(index, datetime.date(2026, 4, 1), title="草稿 2026-04", publish=False)
    private = add_issue(index, datetime.date(2026, 5, 1), title="内部 2026-05")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return {"index": index, "index_en": index_en, "issues": issues, "issues_en": issues_en, "fields": fields}


def main(response):
    assert response.status_code == 200, response.status_code
    text = response.content.decode()
    # Card titles come as their phrases (the `phrases` filter), their Chinese words in spans: read as the title.
    text = unwrap_words(text)
    text = re.sub(r'<span class="phrase">(.*?)</span>', r"\1", text)
    return text[text.index("<main") : text.index("</main>")]


@pytest.mark.django_db
def test_index_lists_issues_by_year_with_archive(client, series):
    body = main(client.get("/zh-hans/digest/"))
    assert "每月一期" in body  # intro
    assert body.index("动态 2026-03") < body.index("动态 2026-01") < body.index("动态 2025-12")
    for year in ("2026", "2025"):
        assert f'id="digest-year-{year}"' in body
        assert f'href="/zh-hans/digest/archive/{year}/"' in body
    assert 'href="/zh-hans/digest/archive/"' in body
    assert "草稿 2026-04" not in body and "内部 2026-05" not in body
    assert 'href="http://testserver/zh-hans/digest/feed/rss/"' in body
    assert 'href="http://testserver/zh-hans/digest/feed/atom/"' in body
    # Month and number read naturally in Chinese.
    assert "2026年3月" in body


@pytest.mark.django_db
def test_archive_of_one_year_and_of_all_years(client, series):
    body = main(client.get("/zh-hans/digest/archive/2025/"))
    assert "动态 2025-11" in body and "动态 2025-12" in body
    assert "动态 2026-01" not in body
    assert 'aria-current="page"' in body
    everything = main(client.get("/zh-hans/digest/archive/"))
    for month in series["issues"]:
        assert f"动态 {month:%Y-%m}" in everything
    assert client.get("/zh-hans/digest/archive/1999/").status_code == 404
    assert client.get("/zh-hans/digest/archive/2026/").status_code == 200
    assert client.get("/zh-hans/digest/archive/2099/").status_code == 404


@pytest.mark.django_db
def test_index_shows_the_latest_issues_and_leaves_the_rest_to_the_archive(client, series, monkeypatch):
    monkeypatch.setattr("content.pages.digest.listing.LATEST_ON_INDEX", 2)
    body = main(client.get("/zh-hans/digest/"))
    assert "动态 2026-03" in body and "动态 2026-02" in body
    assert "动态 2025-11" not in body
    assert "动态 2025-11" in main(client.get("/zh-hans/digest/archive/"))


@pytest.mark.django_db
def test_filter_by_field(client, series):
    body = main(client.get("/zh-hans/digest/?field=ai-in-medicine"))
    assert "人工智能条目 2026-02" in body
    assert "肿瘤条目" not in body
    february = series["issues"][datetime.date(2026, 2, 1)]
    assert f'href="{february.url}#item-3"' in body

    onco = main(client.get("/zh-hans/digest/?field=oncology"))
    assert onco.count("肿瘤条目") == 5 and "神经条目" not in onco
    assert main(client.get("/zh-hans/digest/archive/2025/?field=oncology")).count("肿瘤条目") == 2

    # English series: the English field name, matched through the translation key.
    en = main(client.get("/en/digest/?field=oncology"))
    assert "Oncology" in en and en.count("肿瘤条目") == 3
    unknown = main(client.get("/zh-hans/digest/?field=astrology"))
    with translation.override("zh-hans"):
        assert gettext("There is no such field of medicine.") in unknown
    assert "动态 2026-03" in unknown  # and the issues are listed as without a filter


@pytest.mark.django_db
def test_issue_page_is_readable(client, series):
    issue = series["issues"][datetime.date(2026, 2, 1)]
    body = main(client.get(issue.url))
    # Table of contents linking to every item.
    anchors = re.findall(r'<a href="#(item-\d+)">', body)
    assert anchors == ["item-1", "item-2", "item-3"]
    for anchor in anchors:
        assert f'id="{anchor}"' in body
    assert "肿瘤学" in body and "医学人工智能" in body  # fields in the issue's language
    assert 'href="https://example.org/news/1"' in body
    assert "2026年1月5日" in body  # source date, Chinese format
    assert issue.pdf_edition.url in body and "PDF" in body
    # Previous / next issue.
    previous_issue = series["issues"][datetime.date(2026, 1, 1)]
    next_issue = series["issues"][datetime.date(2026, 3, 1)]
    assert f'href="{previous_issue.url}" rel="prev"' in body
    assert f'href="{next_issue.url}" rel="next"' in body
    # The first issue has no "previous", the newest live one no "next" (drafts and private issues do not count).
    assert 'rel="prev"' not in main(client.get(series["issues"][datetime.date(2025, 11, 1)].url))
    assert 'rel="next"' not in main(client.get(next_issue.url))


@pytest.mark.django_db
@pytest.mark.parametrize("fragment_cache", [True, False], ids=["fragments", "no-fragments"])
def test_the_pager_and_the_series_follow_publications(client, series, settings, fragment_cache):
    """Neighbours, series and fields are kept with the lookups: a new issue, an unpublished one or a renamed series
    shows on the next view, whether or not the main content is kept by the fragment cache."""
    settings.PAGE_FRAGMENT_CACHE = fragment_cache
    march = series["issues"][datetime.date(2026, 3, 1)]
    assert 'rel="next"' not in main(client.get(march.url))
    april = DigestIssuePage.objects.get(title="草稿 2026-04")
    april.save_revision().publish()
    april = DigestIssuePage.objects.get(pk=april.pk)
    assert f'href="{april.url}" rel="next"' in main(client.get(march.url))
    february = series["issues"][datetime.date(2026, 2, 1)]
    february.unpublish()
    body = main(client.get(march.url))
    assert 'rel="prev"' in body and "动态 2026-01" in body and "动态 2026-02" not in body
    index = DigestIndexPage.objects.get(pk=series["index"].pk)
    index.title = "全球医学科技动态（新）"
    index.save_revision().publish()
    assert "全球医学科技动态（新）" in main(client.get(march.url))


@pytest.mark.django_db
def test_english_issue_reads_in_english(client, series):
    issue_en = series["issues_en"][datetime.date(2026, 2, 1)]
    assert issue_en.translation_key == series["issues"][datetime.date(2026, 2, 1)].translation_key
    body = main(client.get(issue_en.url))
    assert "February 2026" in body
    assert "Vol. 1, No. 4" in body
    assert "Oncology" in body and "AI in medicine" in body  # the Chinese snippets shown by their translations
    assert "5 January 2026" in body


@pytest.mark.django_db
def test_volume_and_number_follow_the_previous_issue(series):
    issues = series["issues"]
    numbers = [(issue.volume, issue.number) for issue in issues.values()]
    assert numbers == [(1, 1), (1, 2), (1, 3), (1, 4), (1, 5)]
    index = series["index"]
    DigestIssuePage.objects.child_of(index).update(number=12)
    nxt = add_issue(index, datetime.date(2026, 6, 1), title="动态 2026-06")
    assert (nxt.volume, nxt.number) == (2, 1)
    # The month is stored as the first day.
    odd = add_issue(index, datetime.date(2026, 7, 19), title="动态 2026-07")
    assert odd.issue_month == datetime.date(2026, 7, 1)


def _form(index, instance=None, **data):
    form_class = DigestIssuePage.get_edit_handler().get_form_class()
    assert issubclass(form_class, DigestIssueForm)
    instance = instance or DigestIssuePage()
    base = {"title": "新一期", "slug": "new-issue", "issue_month": "2026-03-01", "volume": "", "number": ""}
    base.update(data)
    payload = nested_form_data({**base, "items": streamfield([]), "editors_note": rich_text("")})
    return form_class(payload, instance=instance, parent_page=index, for_user=None)


@pytest.mark.django_db
def test_admin_form_keeps_month_and_number_unique_per_series_and_language(series):
    index, index_en = series["index"], series["index_en"]
    taken = _form(index, slug="dup", issue_month="2026-03-15")
    assert not taken.is_valid()
    assert "issue_month" in taken.errors
    same_number = _form(index, slug="dup2", issue_month="2026-09-01", volume="1", number="3")
    assert not same_number.is_valid()
    assert "number" in same_number.errors
    # Another language is another series: March is free there? No, the English series has March too.
    assert not _form(index_en, slug="x", issue_month="2026-03-01").is_valid()
    free = _form(index_en, slug="x", issue_month="2025-11-01")
    assert free.is_valid(), free.errors
    # Left empty, volume and number are filled in from the series (drafts and private issues count too).
    fresh = _form(index, slug="fresh", issue_month="2026-09-01")
    assert fresh.is_valid(), fresh.errors
    assert (fresh.cleaned_data["volume"], fresh.cleaned_data["number"]) == (1, 8)
    # Editing an issue does not collide with itself.
    march = series["issues"][datetime.date(2026, 3, 1)]
    same = _form(index, instance=march, title="改标题", slug=march.slug, volume="1", number="5")
    assert same.is_valid(), same.errors


@pytest.mark.django_db
def test_admin_creates_an_issue_in_minutes(admin_client, series):
    """The add form comes prefilled (title, slug, month, number); a staff member adds items and publishes."""
    index = series["index"]
    add_url = f"/admin/pages/add/content/digestissuepage/{index.pk}/"
    page = admin_client.get(add_url)
    assert page.status_code == 200
    month = max(timezone.localdate().replace(day=1), datetime.date(2026, 6, 1))  # after the newest issue (May)
    html = page.content.decode()
    assert f'value="{month:%Y-%m}"' in html  # slug
    assert "全球医学科技动态 · " in html  # title
    field = series["fields"]["oncology"][0]
    data = nested_form_data(
        {
            "title": "全球医学科技动态 · 新一期",
            "slug": "2030-01",
            "issue_month": "2030-01-01",
            "volume": "",
            "number": "",
            "editors_note": rich_text("<p>编者按</p>"),
            "lead_image_alt": "",
            "items": streamfield(
                [
                    (
                        "item",
                        {
                            "headline": "新条目",
                            "field": field.pk,
                            "summary": rich_text("<p>摘要</p>"),
                            "source_name": "示例期刊",
                            "source_url": "https://example.org/x",
                            "source_date": "2029-12-20",
                            "image": "",
                            "image_alt": "",
                        },
                    )
                ]
            ),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = DigestIssuePage.objects.get(slug="2030-01")
    assert created.live and (created.volume, created.number) == (1, 8)
    assert created.digest_items()[0].headline == "新条目"
    assert "全球医学科技动态 · 新一期" in client_feed(admin_client)


def client_feed(client):
    return client.get("/zh-hans/digest/feed/atom/").content.decode()


@pytest.mark.django_db
def test_fields_of_medicine_are_managed_in_the_admin(admin_client, series):
    response = admin_client.get("/admin/snippets/content/fieldofmedicine/")
    assert response.status_code == 200
    assert "肿瘤学" in response.content.decode()


@pytest.mark.django_db
def test_no_feed_links_without_a_series(client, site_tree):
    cache.clear()
    page = client.get("/zh-hans/").content.decode()
    assert "application/rss+xml" not in page
    DigestIndexPage.objects.all().delete()


@pytest.mark.django_db
def test_translating_an_issue_with_wagtail_localize_maps_fields_to_the_target_language(
    client, series, django_capture_on_commit_callbacks
):
    """Staff translate an issue in the admin (wagtail-localize): items file under the English fields."""
    from wagtail_localize.models import TranslationSource

    issue = add_issue(
        series["index"],
        datetime.date(2026, 6, 1),
        title="动态 2026-06",
        items=[item(series["fields"]["neuroscience"][0], "脑机接口条目")],
    )
    source, _created = TranslationSource.get_or_create_from_instance(issue)
    with django_capture_on_commit_callbacks(execute=True):
        translated, _created = source.create_or_update_translation(series["index_en"].locale, fallback=True)
    translated = DigestIssuePage.objects.get(pk=translated.pk)
    assert translated.translation_key == issue.translation_key and translated.live
    assert translated.get_parent().pk == series["index_en"].pk
    assert translated.items[0].value["field"].pk == series["fields"]["neuroscience"][1].pk
    assert (translated.issue_month, translated.volume, translated.number) == (issue.issue_month, 1, 8)
    assert translated.guid != issue.guid
    assert "Neuroscience" in main(client.get(translated.url))


@pytest.mark.django_db
def test_admin_preview_of_a_new_issue(admin_client, series):
    index = series["index"]
    preview_url = f"/admin/pages/add/content/digestissuepage/{index.pk}/preview/"
    data = nested_form_data(
        {
            "title": "预览期",
            "slug": "preview-issue",
            "issue_month": "2031-01-01",
            "volume": "",
            "number": "",
            "editors_note": rich_text("<p>预览编者按</p>"),
            "lead_image_alt": "",
            "items": streamfield(
                [
                    (
                        "item",
                        {
                            "headline": "预览条目",
                            "field": series["fields"]["oncology"][0].pk,
                            "summary": rich_text("<p>预览摘要</p>"),
                            "source_name": "示例期刊",
                            "source_url": "https://example.org/p",
                            "source_date": "2030-12-20",
                            "image": "",
                            "image_alt": "",
                        },
                    )
                ]
            ),
        }
    )
    assert admin_client.post(preview_url, data).json()["is_valid"]
    body = admin_client.get(preview_url).content.decode()
    assert "预览条目" in body and 'href="#item-1"' in body
    assert not DigestIssuePage.objects.filter(slug="preview-issue").exists()


@pytest.mark.django_db
def test_a_new_issue_is_prefilled_in_agreement_after_the_latest_draft_and_conflicts_name_it(series):
    """The prefilled month, title, address, volume and number agree, counting a draft; before the fix the month kept
    the model's default (this month) while the title named the month after the latest issue."""
    index = series["index"]
    draft = add_issue(index, datetime.date(2027, 1, 1), title="动态 2027-01", publish=False, volume=3, number=12)
    form_class = DigestIssuePage.get_edit_handler().get_form_class()
    form = form_class(instance=DigestIssuePage(), parent_page=index, for_user=None)
    assert form.initial["issue_month"] == datetime.date(2027, 2, 1)
    assert form.initial["title"].endswith("2027年2月")
    assert (form.initial["slug"], form.initial["volume"], form.initial["number"]) == ("2027-02", 4, 1)

    taken = _form(index, slug="2027-01", issue_month="2027-01-01")
    assert not taken.is_valid()
    link = f'<a href="/admin/pages/{draft.pk}/edit/">动态 2027-01</a>'
    assert link in str(taken.errors["issue_month"]) and link in str(taken.errors["slug"])
