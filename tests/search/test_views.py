"""The search page, the header box and the JSON endpoints (embedded engine, the site's default)."""

import html

import pytest
from django.test import override_settings

from tests.factories.search import build_corpus
from tests.sharing import tree_layer

pytestmark = pytest.mark.django_db


@tree_layer
def search_corpus(site_tree):
    """The corpus on the module's shared tree, indexed by the embedded engine (built once for the module)."""
    with override_settings(SEARCH_ENGINE="embedded"):
        return build_corpus(site_tree)


@pytest.fixture
def corpus(settings, search_corpus):
    settings.SEARCH_ENGINE = "embedded"
    return search_corpus


def test_every_page_has_a_labelled_search_box(client, corpus):
    for url, action, name in (("/zh-hans/", "/zh-hans/search/", "全站搜索"), ("/en/", "/en/search/", "Site search")):
        content = client.get(url).content.decode()
        # Named: the search page has a search form of its own, and landmarks must be told apart (axe landmark-unique).
        form = f'<form class="site-search" role="search" aria-label="{name}" method="get" action="{action}">'
        assert form in content
        assert '<label for="site-search-q"' in content
        assert 'id="site-search-q" type="search" name="q"' in content
        assert "smart/js/search.js" in content
        assert "<script>" not in content  # no inline script (CSP without unsafe-inline)


def test_results_page_in_chinese(client, corpus):
    response = client.get("/zh-hans/search/", {"q": "人工智能"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'href="/zh-hans/library/ai/"' in content
    assert "<mark>人工智能</mark>与医学" in content
    assert 'value="人工智能"' in content
    assert "noindex" in content


def test_results_page_in_english_with_the_other_language(client, corpus):
    content = client.get("/en/search/", {"q": "科学院"}).content.decode()
    assert "Researchers studying tumours" in content  # an English page that names 深圳医学科学院
    assert 'href="/zh-hans/library/ai/"' not in content
    content = client.get("/en/search/", {"q": "科学院", "other": "1"}).content.decode()
    assert "Researchers studying tumours" in content
    assert 'href="/zh-hans/library/ai/"' in content
    assert 'lang="zh-Hans"' in content  # results in the other language are marked as such


def test_facet_links_filter_the_results(client, corpus):
    content = client.get("/zh-hans/search/", {"q": "医学"}).content.decode()
    assert "?q=%E5%8C%BB%E5%AD%A6&amp;type=content.newsarticlepage" in content
    assert "?q=%E5%8C%BB%E5%AD%A6&amp;year=2023" in content
    filtered = client.get("/zh-hans/search/", {"q": "医学", "type": "content.newsarticlepage"}).content.decode()
    assert 'href="/zh-hans/news/founding/"' in filtered
    assert "/zh-hans/library/ai/" not in filtered
    assert 'aria-current="true"' in filtered


def test_no_results_gives_help(client, corpus):
    content = client.get("/zh-hans/search/", {"q": "不存在的词语"}).content.decode()
    assert "search-help" in content
    assert "other=1" in content  # offers the other languages


HOSTILE = ["<svg onload=alert(1)>", '"><script>alert(1)</script>', "医" * 100_000, "' OR 1=1 --", "NEAR(a b)"]


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_are_escaped_everywhere(client, corpus, hostile):
    for url in ("/zh-hans/search/", "/en/search/"):
        response = client.get(url, {"q": hostile, "type": hostile, "year": hostile, "page": hostile}, follow=True)
        assert response.status_code == 200
        content = response.content.decode()
        assert "<svg" not in content
        assert "<script>alert" not in content
        assert len(content) < 200_000
    response = client.get("/api/search/", {"q": hostile})
    assert response.status_code == 200
    assert response.json()["locale"] == "zh-hans"
    assert client.get("/api/search/suggest/", {"q": hostile}).status_code == 200
    refused = client.get("/api/search/", {"q": hostile, "locale": hostile, "type": hostile})  # the API refuses
    assert refused.status_code == 400 and list(refused.json()) == ["message"] and len(refused.content) < 1000


def test_json_search_endpoint(client, corpus):
    data = client.get("/api/search/", {"q": "studies", "locale": "en"}).json()
    assert data["total"] == 1
    result = data["results"][0]
    assert result["title"] == "Researchers studying tumours"
    assert result["url"] == "/en/news/tumour/"
    assert result["full_url"] == "http://testserver/en/news/tumour/"
    assert result["content_type"] == "content.newsarticlepage"
    assert result["date"] == "2024-03-05"
    assert "<mark>studying</mark>" in result["title_html"]
    assert data["facets"]["years"] == [{"value": 2024, "count": 1, "selected": False}]
    chinese = client.get("/api/search/", {"q": "心血管", "locale": "zh-hans"}).json()
    assert [r["title"] for r in chinese["results"]] == ["心血管疾病"]


def test_json_suggest_endpoint(client, corpus):
    data = client.get("/api/search/suggest/", {"q": "人工智", "locale": "zh-hans"}).json()
    assert data["suggestions"] == [{"title": "人工智能与医学", "url": "/zh-hans/library/ai/", "locale": "zh-hans"}]
    assert client.get("/api/search/suggest/", {"q": ""}).json()["suggestions"] == []


def test_snippets_escape_page_text(client, corpus):
    content = client.get("/zh-hans/search/", {"q": "化学"}).content.decode()
    assert html.escape("5 < 7") in content


def test_results_read_as_text_without_markup_or_repeats_under_the_names_visitors_know(client, corpus):
    """A rich-text introduction is shown as text (not "<p>…</p>"); an introduction restating the summary is not
    shown twice; the type filters name what visitors know (新闻, 栏目), not the models (新闻文章, 栏目索引页)."""
    from content.models import DigestIndexPage
    from search import index
    from tests.factories.pages import publish_child

    digest = publish_child(
        corpus["home"],
        DigestIndexPage(
            title="全球医学科技动态",
            slug="digest",
            search_description="每月编发的医学科技动态摘要。",
            intro="<p>《全球医学科技动态》每月一期，汇集<b>医学</b>进展。</p>",
        ),
    )
    founding = corpus["article"]
    founding.search_description = "2023年11月21日上午，深圳医学科学院成立大会举行。"
    founding.intro = "2023年11月21日上午，深圳医学科学院正式成立。"
    founding.save_revision().publish()
    index.rebuild()

    content = client.get("/zh-hans/search/", {"q": "医学"}).content.decode()
    snippets = content.split('class="search-hit-snippet"')[1:]
    assert snippets and all("&lt;" not in s.split("</p>")[0] for s in snippets)
    assert "《全球<mark>医学</mark>科技动态》每月一期" in content
    founding_snippet = next(s for s in snippets if "成立大会举行" in s).split("</p>")[0]
    assert "正式成立" not in founding_snippet
    for internal in ("标准页面", "栏目索引页", "新闻文章", "新闻索引页"):
        assert internal not in content
    assert '>新闻 <span class="count">' in content and '>栏目 <span class="count">' in content
    english = client.get("/en/search/", {"q": "SMART"}).content.decode()
    assert "standard page" not in english.lower() and "section index page" not in english.lower()
    assert digest.pk


def test_year_filter_counts_dates_of_content_not_when_pages_were_loaded(client, corpus):
    """Pages without a date of their own (general pages, sections) are not counted under the year they were
    published in the site; a news article counts under its own date."""
    from django.utils import timezone

    load_year = timezone.localdate().year
    content = client.get("/zh-hans/search/", {"q": "医学"}).content.decode()
    assert f"year={load_year}" not in content  # the standard page 人工智能与医学 has no date of its own
    assert "?q=%E5%8C%BB%E5%AD%A6&amp;year=2023" in content  # the founding article (21 November 2023)


def test_filters_fold_into_a_disclosure(client, corpus):
    content = client.get("/zh-hans/search/", {"q": "医学"}).content.decode()
    assert '<details class="search-filters">' in content and "<summary>精确筛选结果" in content
    filtered = client.get("/zh-hans/search/", {"q": "医学", "year": "2023"}).content.decode()
    assert '<details class="search-filters" open>' in filtered
