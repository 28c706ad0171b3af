"""Language behaviour of the public site: redirects, switcher, hreflang, canonical, html lang."""

import re

import pytest
from bs4 import BeautifulSoup


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "/zh-hans/"),
        ("en-US,en;q=0.9", "/en/"),
        ("en-GB,en;q=0.9,zh-CN;q=0.5", "/en/"),
        ("fr-FR,fr;q=0.9", "/zh-hans/"),
        ("", "/zh-hans/"),
    ],
)
def test_root_redirects_by_accept_language(client, site_tree, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response.get("Vary", "")


def test_unprefixed_page_path_redirects_to_language_prefix(client, site_tree):
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/about/"


@pytest.mark.parametrize(
    ("url", "lang", "title"),
    [
        ("/zh-hans/", "zh-Hans", "首页"),
        ("/en/", "en", "Home"),
        ("/zh-hans/about/", "zh-Hans", "关于我们"),
        ("/en/about/", "en", "About SMART"),
        ("/zh-hans/about/mission/", "zh-Hans", "使命"),
        ("/en/about/mission/", "en", "Mission"),
        ("/zh-hans/news/", "zh-Hans", "新闻动态"),
        ("/en/news/", "en", "News"),
        ("/zh-hans/news/founding/", "zh-Hans", "深圳医学科学院正式成立"),
        ("/en/news/founding/", "en", "SMART is founded"),
    ],
)
def test_every_page_type_renders_in_both_locales(client, site_tree, url, lang, title):
    response = client.get(url)
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == lang
    assert title in page.title.text


def test_switcher_and_hreflang_point_at_the_translation(client, site_tree):
    page = soup(client.get("/zh-hans/about/mission/"))
    switch = page.select_one(".language-switcher a[data-language=en]")
    assert switch["href"] == "/en/about/mission/"
    assert page.select_one(".language-switcher [aria-current]").text.strip() == "简体中文"
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert alternates == {
        "zh-Hans": "http://testserver/zh-hans/about/mission/",
        "en": "http://testserver/en/about/mission/",
        "x-default": "http://testserver/zh-hans/about/mission/",
    }
    assert page.select_one('link[rel="canonical"]')["href"] == "http://testserver/zh-hans/about/mission/"

    english = soup(client.get("/en/about/mission/"))
    assert english.select_one(".language-switcher a[data-language=zh-hans]")["href"] == "/zh-hans/about/mission/"
    assert english.select_one('link[rel="canonical"]')["href"] == "http://testserver/en/about/mission/"


def test_switcher_without_translation_goes_home_and_says_so(client, site_tree):
    page = soup(client.get("/zh-hans/zh-only/"))
    switch = page.select_one(".language-switcher a[data-language=en]")
    assert switch["href"] == "/en/?untranslated=1"
    assert "not translated" in switch.text
    # Only the existing language is announced as an alternate.
    hreflangs = [link["hreflang"] for link in page.select('link[rel="alternate"][hreflang]')]
    assert hreflangs == ["zh-Hans", "x-default"]
    landing = soup(client.get(switch["href"]))
    assert landing.select_one(".notice[role=status]") is not None
    assert "not available in this language" in landing.select_one(".notice").text


def test_switcher_skips_an_unpublished_translation(client, site_tree):
    site_tree["mission_en"].unpublish()
    page = soup(client.get("/zh-hans/about/mission/"))
    assert page.select_one(".language-switcher a[data-language=en]")["href"] == "/en/?untranslated=1"
    assert client.get("/en/about/mission/").status_code == 404


def test_interface_strings_follow_the_language(client, site_tree):
    zh = client.get("/zh-hans/about/").content.decode()
    en = client.get("/en/about/").content.decode()
    assert "跳到主要内容" in zh
    assert "Skip to main content" in en
    assert "Skip to main content" not in zh


def test_not_found_page_in_each_language(client, site_tree):
    zh = client.get("/zh-hans/no-such-page/")
    en = client.get("/en/no-such-page/")
    assert zh.status_code == en.status_code == 404
    assert soup(zh).html["lang"] == "zh-Hans"
    assert "未找到您要访问的页面" in zh.content.decode()
    assert "Page not found" in en.content.decode()


def test_dates_read_naturally_in_each_language(client, site_tree):
    zh = client.get("/zh-hans/news/founding/").content.decode()
    en = client.get("/en/news/founding/").content.decode()
    assert "2023年11月21日" in zh
    assert re.search(r"November 21, 2023|21 November 2023", en)


def test_missing_translation_is_explained_in_the_target_language(client, site_tree):
    site_tree["mission"].unpublish()
    page = soup(client.get("/en/about/mission/"))
    switch = page.select_one(".language-switcher a[data-language=zh-hans]")
    assert switch["href"] == "/zh-hans/?untranslated=1"
    assert "本页面暂无译文" in switch.text
    landing = soup(client.get(switch["href"]))
    assert "暂无该语言版本" in landing.select_one(".notice").text
