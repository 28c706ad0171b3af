"""The JSON search endpoints refuse malformed parameters (the search page cleans them instead), unknown URLs and
other methods than GET with ``{"message": ...}`` in the client's language: English with Accept-Language: en,
Chinese with zh-hans or a header naming neither. The ``locale`` parameter chooses what is searched, never the
language of a message."""

import pytest

from search import query
from tests.api_refusals import refusal

pytestmark = pytest.mark.django_db
TYPES = ", ".join(query.content_types())


BAD_INPUT = [
    (
        "/api/search/",
        {"q": "医学", "locale": "fr"},
        "unknown locale 'fr': use one of zh-hans, en",
        "未知的语言“fr”：请使用以下之一：zh-hans, en",
    ),
    (
        "/api/search/suggest/",
        {"q": "医学", "locale": "zh-CN"},
        "unknown locale 'zh-CN': use one of zh-hans, en",
        "未知的语言“zh-CN”：请使用以下之一：zh-hans, en",
    ),
    (
        "/api/search/",
        {"q": "医学", "type": "content.nothing"},
        f"unknown type 'content.nothing': use one of {TYPES}",
        f"未知的类型“content.nothing”：请使用以下之一：{TYPES}",
    ),
    ("/api/search/", {"q": "医学", "year": "twenty"}, "year must be an integer", "year 必须是整数"),
    (
        "/api/search/",
        {"q": "医学", "year": "1800"},
        "year must be between 1900 and 2200",
        "year 必须介于 1900 和 2200 之间",
    ),
    ("/api/search/", {"q": "医学", "page": "0"}, "page must be between 1 and 50", "page 必须介于 1 和 50 之间"),
    ("/api/search/", {"q": "医学", "page": "2.5"}, "page must be an integer", "page 必须是整数"),
    (
        "/api/search/",
        {"q": "医学", "other": "maybe"},
        "other must be true or false, not 'maybe'",
        "other 必须是 true 或 false，而不是“maybe”",
    ),
    (
        "/api/search/",
        {"q": "医学", "lang": "en", "yaer": "2024"},
        "unknown query parameters: lang, yaer (accepted here: locale, other, page, q, type, year)",
        "未知的查询参数：lang, yaer（此处可用：locale, other, page, q, type, year）",
    ),
    (
        "/api/search/suggest/",
        {"q": "医学", "type": "content.newsarticlepage"},
        "unknown query parameter: type (accepted here: locale, q)",
        "未知的查询参数：type（此处可用：locale, q）",
    ),
]


@pytest.mark.parametrize(("url", "params", "english", "chinese"), BAD_INPUT, ids=[str(c[1]) for c in BAD_INPUT])
def test_bad_input_is_refused_in_the_language_asked_for(client, url, params, english, chinese):
    assert refusal(client, url, params, language="en") == english
    assert refusal(client, url, params, language="zh-hans") == chinese
    assert refusal(client, url, params) == chinese  # no header: the site's default language


def test_the_message_language_follows_accept_language_not_locale(client):
    assert (
        refusal(client, "/api/search/", {"locale": "en", "page": "x"}, language="zh-CN,zh;q=0.9") == "page 必须是整数"
    )
    assert refusal(client, "/api/search/", {"locale": "zh-hans", "page": "x"}, language="en-US,en") == (
        "page must be an integer"
    )
    assert refusal(client, "/api/search/", {"page": "x"}, language="fr") == "page 必须是整数"


def test_a_refused_value_is_quoted_back_shortened(client):
    message = refusal(client, "/api/search/", {"locale": "<svg onload=alert(1)>" + "医" * 100_000}, language="en")
    assert message == f"unknown locale '{('<svg onload=alert(1)>' + '医' * 100)[:60]}…': use one of zh-hans, en"


def test_well_formed_parameters_are_still_answered(client):
    params = {"q": "医学", "locale": "en", "type": "content.newsarticlepage", "year": "2024", "page": "1", "other": "1"}
    response = client.get("/api/search/", params, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    data = response.json()
    assert (data["locale"], data["content_type"], data["year"], data["include_other"]) == (
        "en",
        "content.newsarticlepage",
        2024,
        True,
    )
    assert client.get("/api/search/", {"type": "Content.NewsArticlePage", "other": "false"}).status_code == 200
    assert client.get("/api/search/suggest/", {"q": "医", "locale": ""}).json()["locale"] == "zh-hans"


@pytest.mark.parametrize(
    ("url", "english", "chinese"),
    [
        ("/api/search/nothing/", "not found", "未找到"),
        ("/api/search/suggest/more/", "not found", "未找到"),
        ("/api/search/suggest", "not found (API URLs end with a slash)", "未找到（接口地址以斜杠 / 结尾）"),
    ],
)
def test_unknown_urls_are_json_404s_in_the_language_asked_for(client, url, english, chinese):
    assert refusal(client, url, status=404, language="en") == english
    assert refusal(client, url, status=404, language="zh-hans") == chinese


@pytest.mark.parametrize("url", ["/api/search/", "/api/search/suggest/"])
def test_only_reading_in_the_language_asked_for(client, url):
    english = "method POST is not allowed: this API only reads (GET)"
    assert refusal(client, url, status=405, language="en", method="post") == english
    chinese = "不支持 POST 方法：本接口只读（仅限 GET）"
    assert refusal(client, url, status=405, language="zh-hans", method="post") == chinese
    csrf_checked = type(client)(enforce_csrf_checks=True)  # a real client's POST: still the JSON 405
    assert refusal(csrf_checked, url, status=405, language="en", method="post") == english


def test_content_types_are_the_indexable_page_types():
    types = query.content_types()
    assert "content.newsarticlepage" in types and "content.homepage" in types
    assert "wagtailcore.page" not in types and types == sorted(types)
