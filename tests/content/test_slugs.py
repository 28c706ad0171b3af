"""Readable addresses (issue 16, point 6): Chinese titles give ASCII slugs, editors may still choose their own,
and a live page whose slug changes leaves a redirect from its old address."""

import datetime

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from content.models import NewsArticlePage
from content.slugs import ascii_slug, slug_for_title
from tests.factories.pages import build_site

pytestmark = pytest.mark.django_db


def test_chinese_title_becomes_pinyin():
    assert ascii_slug("定时发布测试新闻ux") == "ding-shi-fa-bu-ce-shi-xin-wen-ux"
    assert ascii_slug("深圳医学科学院 2026年12月 · AI") == "shen-zhen-yi-xue-ke-xue-yuan-2026-nian-12-yue-ai"
    assert ascii_slug("Café & Médecine") == "cafe-medecine"
    assert ascii_slug("·—") == ""


def test_long_titles_are_cut_at_a_word():
    slug = ascii_slug("医学" * 60)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.startswith("yi-xue-yi-xue")


def test_a_page_saved_without_a_slug_gets_a_pinyin_one():
    pages = build_site()
    page = NewsArticlePage(title="定时发布测试新闻ux", date=datetime.date(2026, 12, 1))
    pages["news"].add_child(instance=page)
    assert page.slug == "ding-shi-fa-bu-ce-shi-xin-wen-ux"
    second = NewsArticlePage(title="定时发布测试新闻ux", date=datetime.date(2026, 12, 2))
    pages["news"].add_child(instance=second)
    assert second.slug == "ding-shi-fa-bu-ce-shi-xin-wen-ux-2"


def test_a_page_with_an_english_translation_takes_the_english_title():
    pages = build_site()
    assert slug_for_title("深圳医学科学院正式成立", page=pages["article"]) == "smart-is-founded"
    assert slug_for_title("仅中文页面", page=pages["only_zh"]) == "jin-zhong-wen-ye-mian"


def test_the_editor_keeps_a_slug_of_their_own():
    pages = build_site()
    page = NewsArticlePage(title="定时发布测试新闻", slug="my-own", date=datetime.date(2026, 12, 1))
    pages["news"].add_child(instance=page)
    assert page.slug == "my-own"


def test_slug_endpoint_answers_staff_only(client, django_user_model):
    url = reverse("smart_slug")
    assert client.get(url, {"title": "新闻"}).status_code == 302
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.org", "pw"))
    assert client.get(url, {"title": "定时发布测试新闻ux"}).json() == {"slug": "ding-shi-fa-bu-ce-shi-xin-wen-ux"}


def test_changing_the_slug_of_a_live_page_leaves_a_redirect(client, django_capture_on_commit_callbacks):
    pages = build_site()
    article = pages["article"]
    old_url = article.url
    article.slug = "smart-founded"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert Redirect.objects.filter(redirect_page=article).exists()
    response = client.get(old_url)
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/news/smart-founded/")
