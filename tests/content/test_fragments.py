"""The main content of a page is rendered once and kept (``content.fragments``); the menu and footer are kept per
language (``{% sitefragment %}``). What is kept must never be stale and never shared where it must not be:
publishing the page or any other page, editing a menu, a footer or an image, both languages, listings' pages
and tags, previews, form pages and private pages."""

import datetime
import io
import re

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.models import PageViewRestriction

from content import fragments
from content.models import Footer, HomePage, NewsArticlePage, NewsIndexPage
from content.pages.news import NEWS_PER_PAGE
from tests.factories.images import make_image
from tests.factories.pages import add_navigation, menu_items, publish_child
from tests.factories.publications import build_jobs
from tests.text import unwrap_words

pytestmark = pytest.mark.django_db


def publish(page, **fields):
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


def main(response):
    """The HTML of the <main> element."""
    html = unwrap_words(response.content.decode())
    return html[html.index('<main id="main"') : html.index("</main>")]


def test_the_main_content_is_kept_and_follows_each_publication(client, site_tree):
    article = publish(site_tree["article"], intro="第一版导语")
    article_en = publish(site_tree["article_en"], intro="First lead")
    first = client.get(article.url)
    assert "第一版导语" in main(first)
    # Changed in the database without a publication: the kept fragment is what visitors get, with fewer queries.
    NewsArticlePage.objects.filter(pk=article.pk).update(intro="未发布的修改")
    with CaptureQueriesContext(connection) as cached:
        second = client.get(article.url)
    assert "第一版导语" in main(second) and "未发布的修改" not in second.content.decode()
    with CaptureQueriesContext(connection) as rendered, fragments_off():
        client.get(article.url)
    assert len(cached.captured_queries) < len(rendered.captured_queries)
    # A publication changes the page's cache key: the new content shows at once, in each language on its own.
    publish(article, intro="第二版导语")
    assert "第二版导语" in main(client.get(article.url))
    english = client.get(article_en.url)
    assert "First lead" in main(english) and "第二版导语" not in english.content.decode()
    publish(article_en, intro="Second lead")
    assert "Second lead" in main(client.get(article_en.url))
    assert "第二版导语" in main(client.get(article.url))


def fragments_off():
    from django.test import override_settings

    return override_settings(PAGE_FRAGMENT_CACHE=False)


@pytest.mark.parametrize("fragment_cache", [True, False], ids=["fragments", "no-fragments"])
def test_publishing_another_page_refreshes_the_home_page_and_the_listing(client, site_tree, settings, fragment_cache):
    """With or without the fragment cache: the home page's latest news are kept with the lookups as well."""
    settings.PAGE_FRAGMENT_CACHE = fragment_cache
    home = publish(site_tree["home"], body=[{"type": "latest_news", "value": {"heading": "最新动态", "count": 3}}])
    news = site_tree["news"]
    assert "深圳医学科学院正式成立" in main(client.get(home.url))
    assert "深圳医学科学院正式成立" in main(client.get(news.url))
    publish_child(
        NewsIndexPage.objects.get(pk=news.pk),
        NewsArticlePage(title="首批实验室启用", slug="first-labs", date=datetime.date(2024, 3, 1)),
    )
    assert "首批实验室启用" in main(client.get(home.url))
    assert "首批实验室启用" in main(client.get(news.url))
    # Unpublishing takes it off both again.
    NewsArticlePage.objects.get(slug="first-labs").unpublish()
    assert "首批实验室启用" not in client.get(home.url).content.decode()
    assert "首批实验室启用" not in client.get(news.url).content.decode()


def test_listing_pages_and_tags_are_kept_apart_and_unknown_tags_are_not_kept(client, site_tree):
    news = NewsIndexPage.objects.get(pk=site_tree["news"].pk)
    for number in range(NEWS_PER_PAGE + 2):
        article = NewsArticlePage(
            title=f"第{number:02d}条新闻",
            slug=f"item-{number}",
            date=datetime.date(2024, 1, 1) + datetime.timedelta(number),
        )
        if number == 0:
            article.tags.add("基因组学")
        publish_child(news, article)
    first, second = main(client.get(news.url)), main(client.get(news.url + "?page=2"))
    assert "第11条新闻" in first and "第11条新闻" not in second
    assert "第00条新闻" in second and "第00条新闻" not in first
    assert main(client.get(news.url + "?page=1")) == first
    tagged = main(client.get(news.url + "?tag=%E5%9F%BA%E5%9B%A0%E7%BB%84%E5%AD%A6"))
    assert "第00条新闻" in tagged and "第11条新闻" not in tagged
    kept = len(fragments._recent)
    for number in range(5):
        response = client.get(f"{news.url}?tag=nothing-{number}")
        assert response.status_code == 200 and "第00条新闻" not in main(response)
    assert len(fragments._recent) == kept  # any text can be asked for: a tag no article has is not kept


def test_menu_footer_and_links_to_other_pages_change_at_once(client, site_tree):
    navigation = add_navigation(site_tree)
    footer = Footer.objects.create(locale=site_tree["home"].locale, organisation="深圳医学科学院")
    mission = site_tree["mission"]
    article = publish(
        site_tree["article"],
        body=[{"type": "paragraph", "value": f'<p>参见<a linktype="page" id="{mission.pk}">使命</a>。</p>'}],
    )
    page = client.get(article.url).content.decode()
    assert 'href="/zh-hans/about/mission/"' in page and "关于我们" in page and "深圳医学科学院" in page

    menu = navigation["menu"]
    menu.items = menu_items(site_tree["news"])
    menu.save()
    footer.organisation = "深圳医学科学院（筹）"
    footer.save()
    publish(mission, slug="our-mission")
    page = client.get(article.url).content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    assert "关于我们" not in header and "新闻动态" in header
    assert "深圳医学科学院（筹）" in page
    assert 'href="/zh-hans/about/our-mission/"' in main(client.get(article.url))


def test_the_menu_marks_the_page_being_shown(client, site_tree):
    add_navigation(site_tree)
    about = client.get(site_tree["about"].url).content.decode()
    news = client.get(site_tree["news"].url).content.decode()
    article = client.get(site_tree["article"].url).content.decode()
    assert re.search(r'href="/zh-hans/about/" aria-current="page"', about)
    assert not re.search(r'href="/zh-hans/about/" aria-current="page"', news)
    assert re.search(r'href="/zh-hans/news/" aria-current="page"', news)
    assert re.search(r'href="/zh-hans/news/" class="active"', article)


def test_a_new_image_file_shows_in_the_kept_content(client, site_tree):
    image = make_image()
    article = publish(site_tree["article"], listing_image=image)
    before = re.findall(r'src="([^"]+)"', main(client.get(article.url)))
    assert before
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (40, 40, 40)).save(buffer, format="PNG")
    image.file = ImageFile(buffer, name="replacement.png")
    image.file_hash = ""
    image._set_file_hash()
    image.save()
    image.renditions.all().delete()
    after = re.findall(r'src="([^"]+)"', main(client.get(article.url)))
    assert after and not set(after) & set(before)
    assert all("replacement" in src for src in after)


def test_a_preview_is_never_kept_nor_served_from_what_was_kept(client, site_tree):
    article = publish(site_tree["article"], intro="已发布的导语")
    assert "已发布的导语" in main(client.get(article.url))
    draft = NewsArticlePage.objects.get(pk=article.pk)
    draft.intro = "预览中的导语"
    preview = draft.make_preview_request()
    preview.render()
    assert "预览中的导语" in preview.content.decode()
    live = client.get(article.url).content.decode()
    assert "已发布的导语" in live and "预览中的导语" not in live


def test_form_pages_render_each_visitors_own_token(site_tree):
    build_jobs(site_tree)
    url = site_tree["pi"].url
    tokens = []
    for _ in range(2):
        visitor = Client()
        html = visitor.get(url).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert visitor.cookies["csrftoken"].value
        tokens.append(token)
    assert tokens[0] != tokens[1]


def test_a_private_page_kept_for_one_visitor_is_not_shown_to_another(site_tree):
    mission = site_tree["mission"]
    PageViewRestriction.objects.create(page=mission, restriction_type=PageViewRestriction.PASSWORD, password="s3cret")
    insider = Client()
    form = insider.get(mission.url)
    assert form.status_code == 200 and "新的路径" not in form.content.decode()
    action = re.search(r'<form[^>]+action="([^"]+)"', form.content.decode()).group(1)
    insider.post(action.replace("&amp;", "&"), {"password": "s3cret", "return_url": mission.url})
    assert "医学科学的新路径" in main(insider.get(mission.url))
    outsider = Client().get(mission.url)
    assert "医学科学的新路径" not in outsider.content.decode()


def test_the_home_page_in_each_language_is_its_own(client, site_tree):
    home = HomePage.objects.get(pk=site_tree["home"].pk)
    zh, en = main(client.get(home.url)), main(client.get(site_tree["home_en"].url))
    assert "探索未来医学" in zh and "Exploring future medicine" in en
    assert "Exploring future medicine" not in zh and "探索未来医学" not in en
