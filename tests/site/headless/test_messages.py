"""The headless API's refusals in the client's language: every 400, 404, 405 and 429 keeps its shape
(``{"message": ...}``, JSON, never stored) and says the same thing in English (Accept-Language: en) and in Chinese
(Accept-Language: zh-hans, and when the header names neither language). The ``locale`` parameter chooses content,
never the language of a message. Wagtail's ``fields`` syntax is checked before Wagtail's own (English) parser,
refusing exactly what it refuses."""

import re

import pytest
from django.conf import settings
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.api.v2.utils import parse_fields_parameter

from content.pages.jobs import JobCategory
from headless.endpoints import HeadlessPagesEndpoint
from headless.filters import parse_fields
from headless.page_types import page_type_name, public_page_models
from headless.refusals import Refused
from tests.api_refusals import refusal
from tests.factories.pages import build_site

pytestmark = pytest.mark.django_db
LIMIT_MAX = settings.WAGTAILAPI_LIMIT_MAX
CATEGORIES = ", ".join(JobCategory.values)
TYPES = ", ".join(page_type_name(model) for model in public_page_models())
PAGE_PARAMETERS = ", ".join(sorted(HeadlessPagesEndpoint.listing_parameters))


@pytest.fixture(scope="module")
def small_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)


# (url, params, English, Chinese): the whole message, or its beginning when it ends with a list ("…").
BAD_INPUT = [
    ("/api/v2/pages/", {"limit": "x"}, "limit must be an integer", "limit 必须是整数"),
    (
        "/api/v2/pages/",
        {"limit": "500"},
        f"limit must be between 0 and {LIMIT_MAX}",
        f"limit 必须介于 0 和 {LIMIT_MAX} 之间",
    ),
    ("/api/v2/documents/", {"offset": "-1"}, "offset must be between 0 and 100000", "offset 必须介于 0 和 100000 之间"),
    (
        "/api/v2/pages/",
        {"locale": "fr"},
        "unknown locale 'fr': use one of zh-hans, en",
        "未知的语言“fr”：请使用以下之一：zh-hans, en",
    ),
    (
        "/api/v2/pages/",
        {"type": "content.EventPage", "upcoming": "soon"},
        "upcoming must be true or false, not 'soon'",
        "upcoming 必须是 true 或 false，而不是“soon”",
    ),
    (
        "/api/v2/pages/",
        {"type": "content.DigestIssuePage", "date_from": "2026-13-01"},
        "date_from must be a date such as 2024-05-20, not '2026-13-01'",
        "date_from 必须是形如 2024-05-20 的日期，而不是“2026-13-01”",
    ),
    (
        "/api/v2/pages/",
        {"upcoming": "true"},
        "the upcoming filter needs type= one of: content.EventPage",
        "upcoming 筛选需要同时指定 type=，取以下之一：content.EventPage",
    ),
    (
        "/api/v2/pages/",
        {"descendant_of": "999999"},
        "descendant_of: no public page has the id 999999",
        "descendant_of：没有 id 为 999999 的公开页面",
    ),
    (
        "/api/v2/pages/",
        {"slug": "a\x00b"},
        "slug must be at most 255 characters, without null characters",
        "slug 最多 255 个字符，且不得包含空字符",
    ),
    (
        "/api/v2/pages/",
        {"type": "content.JobPostingPage", "category": "chef"},
        f"unknown category 'chef': use one of {CATEGORIES}",
        f"未知的职位类别“chef”：请使用以下之一：{CATEGORIES}",
    ),
    (
        "/api/v2/pages/",
        {"type": "content.Nope"},
        f"unknown page type 'content.Nope': use one of {TYPES}",
        f"未知的页面类型“content.Nope”：请使用以下之一：{TYPES}",
    ),
    (
        "/api/v2/images/",
        {"order": "-width"},
        "cannot order by '-width': use one of id, title, created_at (prefix - to reverse)",
        "无法按“-width”排序：请使用以下之一：id, title, created_at（加前缀 - 表示倒序）",
    ),
    (
        "/api/v2/pages/",
        {"search": "医学"},
        "search is not offered here: use /api/search/?q=… (the site's search)",
        "此处不提供搜索：请使用本站的搜索接口 /api/search/?q=…",
    ),
    (
        "/api/v2/pages/",
        {"colour": "red"},
        f"unknown query parameter: colour (accepted here: {PAGE_PARAMETERS})",
        f"未知的查询参数：colour（此处可用：{PAGE_PARAMETERS}）",
    ),
    (
        "/api/v2/pages/",
        {"colour": "red", "size": "xl"},
        f"unknown query parameters: colour, size (accepted here: {PAGE_PARAMETERS})",
        f"未知的查询参数：colour, size（此处可用：{PAGE_PARAMETERS}）",
    ),
    (
        "/api/v2/pages/1/",
        {"limit": "3"},
        "unknown query parameter: limit (accepted here: fields)",
        "未知的查询参数：limit（此处可用：fields）",
    ),
    (
        "/api/v2/pages/find/",
        {},
        "find needs the html_path or id parameter",
        "find 需要 html_path 或 id 参数",
    ),
    ("/api/v2/documents/find/", {}, "find needs the id parameter", "find 需要 id 参数"),
    ("/api/v2/images/find/", {"id": "x"}, "id must be an integer", "id 必须是整数"),
    # fields: refused before Wagtail's serializer and parser (whose own wording is English only)
    (
        "/api/v2/pages/",
        {"fields": "nonsense"},
        "unknown field: nonsense (available here: …",
        "未知的字段：nonsense（此处可用：…",
    ),
    (
        "/api/v2/documents/",
        {"fields": "colour,nonsense"},
        "unknown fields: colour, nonsense (available here: …",
        "未知的字段：colour, nonsense（此处可用：…",
    ),
    ("/api/v2/pages/", {"fields": "title(id)"}, "'title' does not support nested fields", "“title”不支持嵌套字段"),
    ("/api/v2/pages/", {"fields": "-id"}, "'id' is always included", "“id”总会包含在内，不能去掉"),
    (
        "/api/v2/pages/",
        {"fields": "title,,"},
        "fields error: a field name is missing at position 6",
        "fields 格式错误：位置 6 处缺少字段名",
    ),
    (
        "/api/v2/pages/",
        {"fields": "title slug"},
        "fields error: unexpected whitespace at position 5",
        "fields 格式错误：位置 5 处有多余的空白",
    ),
    (
        "/api/v2/pages/",
        {"fields": "ti$tle"},
        "fields error: unexpected character '$' at position 2",
        "fields 格式错误：位置 2 处出现意外的字符“$”",
    ),
    (
        "/api/v2/pages/",
        {"fields": "title,*"},
        "fields error: '*' must come first",
        "fields 格式错误：“*”必须放在最前面",
    ),
    ("/api/v2/pages/", {"fields": "-_"}, "fields error: '_' cannot be negated", "fields 格式错误：“_”前面不能加 -"),
    (
        "/api/v2/pages/",
        {"fields": "*,title"},
        "fields error: after '*' (all fields), adding a field makes no sense",
        "fields 格式错误：以 *（全部字段）开头时，再添加字段没有意义",
    ),
    (
        "/api/v2/pages/",
        {"fields": "_,-title"},
        "fields error: after '_' (no fields), removing a field with - makes no sense",
        "fields 格式错误：以 _（不含任何字段）开头时，再用 - 去掉字段没有意义",
    ),
    (
        "/api/v2/pages/",
        {"fields": "a" * 2001},
        "fields is too long: at most 2000 characters",
        "fields 过长：最多 2000 个字符",
    ),
]


def assert_message(message, expected):
    if expected.endswith("…"):
        assert message.startswith(expected[:-1]), (message, expected)
    else:
        assert message == expected


@pytest.mark.parametrize(("url", "params", "english", "chinese"), BAD_INPUT, ids=[str(c[1])[:40] for c in BAD_INPUT])
def test_bad_input_is_refused_in_the_language_asked_for(client, small_site, url, params, english, chinese):
    assert_message(refusal(client, url, params, language="en"), english)
    assert_message(refusal(client, url, params, language="zh-hans"), chinese)


def test_unknown_fields_name_what_is_available(client, small_site):
    message = refusal(client, "/api/v2/pages/", {"fields": "nonsense"}, language="en")
    available = message.removeprefix("unknown field: nonsense (available here: ").removesuffix(")").split(", ")
    assert {"title", "slug", "html_url", "translations"} <= set(available)
    assert "parent" not in available  # detail only
    detail = refusal(client, f"/api/v2/pages/{small_site['home'].pk}/", {"fields": "nonsense"}, language="en")
    assert "parent" in detail.removeprefix("unknown field: nonsense (available here: ").split(", ")


def test_a_refused_value_is_quoted_back_shortened(client, small_site):
    message = refusal(client, "/api/v2/pages/", {"locale": "x" * 10_000}, language="en")
    assert message == f"unknown locale '{'x' * 60}…': use one of zh-hans, en"


def test_the_message_language_follows_accept_language_not_locale(client, small_site):
    bad = {"limit": "x", "locale": "en"}
    assert refusal(client, "/api/v2/pages/", bad) == "limit 必须是整数"  # no header: the site's default
    assert refusal(client, "/api/v2/pages/", bad, language="zh-hans") == "limit 必须是整数"
    assert refusal(client, "/api/v2/pages/", bad, language="zh-CN,zh;q=0.9,en;q=0.8") == "limit 必须是整数"
    assert refusal(client, "/api/v2/pages/", bad, language="en-GB,en;q=0.9") == "limit must be an integer"
    assert refusal(client, "/api/v2/pages/", bad, language="fr-FR,fr;q=0.9") == "limit 必须是整数"
    bad = {"limit": "x", "locale": "zh-hans"}
    assert refusal(client, "/api/v2/pages/", bad, language="en") == "limit must be an integer"
    response = client.get("/api/v2/pages/", bad, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize(
    ("url", "english", "chinese"),
    [
        ("/api/v2/pages/99999999/", "not found", "未找到"),
        ("/api/v2/images/99999999999999999999/", "not found", "未找到"),
        ("/api/v2/pages/find/?html_path=/en/nowhere/", "not found", "未找到"),
        ("/api/v2/nothing/", "not found", "未找到"),
        ("/api/v2/nothing", "not found (API URLs end with a slash)", "未找到（接口地址以斜杠 / 结尾）"),
    ],
)
def test_not_found_in_the_language_asked_for(client, small_site, url, english, chinese):
    assert refusal(client, url, status=404, language="en") == english
    assert refusal(client, url, status=404, language="zh-hans") == chinese


@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v2/openapi.json"])
def test_writing_is_refused_in_the_language_asked_for(client, small_site, url):
    english = "method POST is not allowed: this API only reads (GET)"
    assert refusal(client, url, status=405, language="en", method="post") == english
    chinese = "不支持 POST 方法：本接口只读（仅限 GET）"
    assert refusal(client, url, status=405, language="zh-hans", method="post") == chinese
    csrf_checked = type(client)(enforce_csrf_checks=True)  # a real client's POST: still the JSON 405
    assert refusal(csrf_checked, url, status=405, language="en", method="post") == english


def test_rate_limit_in_the_language_asked_for(client, small_site, settings):
    settings.API_RATE_LIMIT = "1/day"
    assert client.get("/api/v2/pages/").status_code == 200
    english = refusal(client, "/api/v2/pages/", status=429, language="en")
    match = re.fullmatch(
        r"Too many requests: this API allows 1 request per day from each client\. Try again in (\d+) seconds\.",
        english,
    )
    assert match and 86_000 < int(match[1]) <= 86_400, english
    chinese = refusal(client, "/api/v2/images/", status=429, language="zh-hans")
    assert re.fullmatch(r"请求过于频繁：本接口对每个客户端的限制为每天 1 次请求，请在 \d+ 秒后重试。", chinese), chinese


def test_rate_limit_words_each_period(client, small_site, settings):
    settings.API_RATE_LIMIT = "2/minute"
    for _ in range(2):
        assert client.get("/api/v2/pages/").status_code == 200
    english = refusal(client, "/api/v2/pages/", status=429, language="en")
    assert english.startswith("Too many requests: this API allows 2 requests per minute from each client. Try ")
    chinese = refusal(client, "/api/v2/pages/", status=429, language="zh-hans")
    assert chinese.startswith("请求过于频繁：本接口对每个客户端的限制为每分钟 2 次请求，请在 ")


def test_the_openapi_document_says_which_language_errors_come_in(client, small_site):
    document = client.get("/api/v2/openapi.json", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert "Accept-Language" in document["info"]["description"]
    assert "Accept-Language" in document["components"]["schemas"]["Error"]["properties"]["message"]["description"]


# -- the fields syntax, checked before Wagtail's parser ----------------------------------------------------------


def wagtail_verdict(raw):
    """Wagtail's parse of ``fields``: its config when this API can serve it, else None (refused by Wagtail, or a
    name no field can have, or a nested selection, which this API does not offer)."""
    try:
        config = parse_fields_parameter(raw)
    except ValueError:
        return None
    for name, _negated, sub_fields in config:
        if sub_fields is not None or not (name in ("*", "_") or re.fullmatch(r"\w+", name)):
            return None
    return config


@hypothesis_settings(
    max_examples=400, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck)
)
@given(st.text(alphabet="ab_*-,() é$", max_size=12))
def test_fields_are_accepted_and_refused_as_wagtail_does(raw):
    expected = wagtail_verdict(raw)
    if expected is None:
        with pytest.raises(Refused):
            parse_fields(raw)
    else:
        assert parse_fields(raw) == expected
