"""What visitors get from search, the same for every engine (see conftest: embedded and elastic)."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from search import index, query
from search.text import MAX_QUERY_CHARS

pytestmark = pytest.mark.django_db


def titles(q, locale="zh-hans", **kwargs):
    return {hit.title for hit in query.search(q, locale, **kwargs).hits}


HOSTILE = [
    "医" * 100_000,
    "a " * 50_000,
    "!!!???。。。，，，——……",
    '"',
    '"医学',
    "*",
    "医*",
    "NEAR(医学 科学)",
    "医学 OR 科学",
    "research NOT cancer",
    "title:医学",
    "{title}: 医学",
    "<svg onload=alert(1)>",
    "'; DROP TABLE search_searchdocument; --",
    "\\x00\x00\u200b",
    "医学 & | ! ( ) <-> :*",
]


@pytest.mark.usefixtures("read_corpus")
class TestReading:
    """Searches over one corpus per engine."""

    @pytest.mark.parametrize(
        "word, expected",
        [
            ("医学", {"人工智能与医学", "关于我们", "使命", "深圳医学科学院正式成立"}),
            ("科学院", {"人工智能与医学", "关于我们", "深圳医学科学院正式成立"}),
            ("人工智能", {"人工智能与医学"}),
            ("基因编辑", {"人工智能与医学"}),
        ],
    )
    def test_chinese_words_of_two_to_four_characters(self, read_corpus, word, expected):
        found = titles(word)
        # Recall: every page with the word; precision: nothing without it (人工与智能 has 人工, 智能, 科学, 学院).
        assert expected <= found
        assert "人工与智能" not in found
        for title in found:
            page = Page.objects.get(title=title).specific
            text = " ".join(str(v) for v in (page.title, getattr(page, "intro", ""), getattr(page, "body", "")))
            assert word in text or word in getattr(page, "hero_text", "")

    def test_three_character_word_is_not_matched_across_punctuation(self, read_corpus):
        # 人工与智能 has "自然科学。学院": 科学 and 学院 side by side, but not the word 科学院.
        assert "人工与智能" not in titles("科学院")
        assert "人工与智能" in titles("学院")

    def test_one_character_query_is_a_prefix_and_finds_the_end_of_a_run(self, read_corpus):
        assert "肿瘤研究进展" in titles("癌")  # 抗癌 ends the run
        assert "心血管疾病" in titles("心")  # 心血管 starts the run, 心脏 too
        assert "肿瘤研究进展" not in titles("心")

    def test_mixed_chinese_and_english_query(self, read_corpus):
        assert titles("CRISPR基因编辑") == {"人工智能与医学"}
        assert titles("AI 影像") == {"人工智能与医学"}
        assert titles("AI 心脏") == set()

    def test_english_stems(self, read_corpus):
        assert "Researchers studying tumours" in titles("research", "en")
        assert "Researchers studying tumours" in titles("studies", "en")
        assert "Researchers studying tumours" in titles("run", "en")
        assert "Artificial intelligence in medicine" in titles("editing", "en")

    def test_case_and_width_do_not_matter(self, read_corpus):
        assert titles("crispr") == titles("ＣＲＩＳＰＲ") == {"人工智能与医学"}

    def test_results_are_in_the_visitors_language_unless_asked(self, read_corpus):
        assert titles("research", "zh-hans") == set()
        assert "Researchers studying tumours" in titles("research", "zh-hans", include_other=True)
        # An English page that mentions 深圳医学科学院 is found from Chinese only with the other language included.
        assert "Researchers studying tumours" not in titles("科学院", "zh-hans")
        results = query.search("科学院", "zh-hans", include_other=True)
        assert "Researchers studying tumours" in {hit.title for hit in results.hits}
        locales = [hit.locale for hit in results.hits]
        assert locales == sorted(locales, key=lambda code: code != "zh-hans"), "the visitor's language comes first"
        assert [hit.other_language for hit in results.hits if hit.locale == "en"] == [True]

    def test_drafts_private_pages_and_unpublished_revisions_are_never_found(self, read_corpus):
        assert titles("草稿机密") == set()
        assert titles("未发布修订") == set()
        assert "已发布版本" in titles("公开内容")
        assert titles("保密") == set()
        indexed = index.get_engine().page_ids()
        allowed = set(Page.objects.live().public().values_list("pk", flat=True))
        assert indexed <= allowed
        for name in ("draft", "private", "private_child"):
            assert read_corpus[name].pk not in indexed

    def test_highlights_come_from_the_original_text(self, read_corpus):
        hit = query.search("科学院", "zh-hans").hits
        ai = next(h for h in hit if h.title == "人工智能与医学")
        assert "深圳医学<mark>科学院</mark>研究人工智能辅助诊断" in str(ai.snippet_html)
        en = query.search("studies", "en").hits[0]
        assert "<mark>studying</mark>" in str(en.title_html)
        chem = query.search("化学", "zh-hans").hits[0]
        assert "<mark>化学</mark>元素与 5 &lt; 7" in str(chem.snippet_html)

    def test_facets_by_content_type_and_year(self, read_corpus):
        results = query.search("医学", "zh-hans")
        types = {facet.value: facet.count for facet in results.content_types}
        assert types["content.newsarticlepage"] == 1
        assert types["content.standardpage"] >= 2
        years = {facet.value: facet.count for facet in results.years}
        assert years[2023] == 1
        only_news = query.search("医学", "zh-hans", content_type="content.newsarticlepage")
        assert {h.title for h in only_news.hits} == {"深圳医学科学院正式成立"}
        assert only_news.total == 1
        # The content type facet still offers the other types; the year facet counts news only.
        assert {f.value for f in only_news.content_types} == set(types)
        assert {f.value: f.count for f in only_news.years} == {2023: 1}
        in_2023 = query.search("医学", "zh-hans", year=2023)
        assert {h.title for h in in_2023.hits} == {"深圳医学科学院正式成立"}

    def test_suggestions_for_chinese_and_english_prefixes(self, read_corpus):
        assert [s["title"] for s in query.suggest("人工智", "zh-hans")] == ["人工智能与医学"]
        assert "心血管疾病" in [s["title"] for s in query.suggest("心", "zh-hans")]
        assert [s["title"] for s in query.suggest("artif", "en")] == ["Artificial intelligence in medicine"]
        assert [s["title"] for s in query.suggest("resea", "en")] == ["Researchers studying tumours"]
        assert query.suggest("人工智", "en") == []
        suggestion = query.suggest("人工智", "zh-hans")[0]
        assert suggestion["url"] == "/zh-hans/library/ai/"

    @pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
    def test_hostile_queries_are_answered_safely(self, read_corpus, hostile):
        results = query.search(hostile, "zh-hans", include_other=True)
        assert not results.error
        assert len(results.query) <= MAX_QUERY_CHARS
        query.suggest(hostile, "zh-hans")
        assert titles("人工智能") == {"人工智能与医学"}  # the index is intact

    def test_operators_are_plain_words(self, read_corpus):
        assert titles("医学 OR 不存在的词") == set()  # OR is not an operator: both words are required
        assert titles('"人工智能"') == {"人工智能与医学"}


# Keeping the index current (a fresh corpus per test).


def test_only_live_public_pages_after_a_rebuild(corpus):
    call_command("rebuild_search_index", "--no-progress", stdout=io.StringIO())
    indexed = index.get_engine().page_ids()
    expected = set(index.indexable_pages().values_list("pk", flat=True))
    assert indexed == expected
    assert corpus["private_child"].pk not in indexed
    assert "人工智能与医学" in titles("人工智能")


def test_index_follows_publish_edit_unpublish_and_delete(corpus):
    library = corpus["library"]
    from content.models import StandardPage

    page = StandardPage(title="新发布的蛋白质组学", slug="proteomics", intro="蛋白质组学平台")
    library.add_child(instance=page)
    page.save_revision()
    assert titles("蛋白质组学") == set()  # saved as a draft only
    page.save_revision().publish()
    assert titles("蛋白质组学") == {"新发布的蛋白质组学"}
    page.title = "单细胞测序平台"
    page.save_revision().publish()
    assert titles("蛋白质组学") == {"单细胞测序平台"}  # still in the intro
    assert titles("单细胞") == {"单细胞测序平台"}
    page.unpublish()
    assert titles("单细胞") == set()
    page.save_revision().publish()
    assert titles("单细胞") == {"单细胞测序平台"}
    Page.objects.get(pk=page.pk).delete()
    assert titles("单细胞") == set()
    assert page.pk not in index.get_engine().page_ids()


def test_moving_a_page_updates_its_url_and_privacy(corpus):
    ai = Page.objects.get(pk=corpus["ai"].pk)
    ai.move(corpus["home"], pos="last-child")
    hit = query.search("人工智能", "zh-hans").hits[0]
    assert hit.url == "/zh-hans/ai/"
    ai.move(corpus["private"], pos="last-child")
    assert titles("人工智能") == set()


def test_a_page_that_becomes_private_drops_out(corpus):
    assert titles("心血管") == {"心血管疾病"}
    restriction = PageViewRestriction.objects.create(page=corpus["news"], restriction_type=PageViewRestriction.LOGIN)
    assert titles("心血管") == set()
    restriction.delete()
    assert titles("心血管") == {"心血管疾病"}


def test_pagination(corpus):
    from content.models import StandardPage

    for number in range(25):
        page = StandardPage(title=f"免疫学报告 {number}", slug=f"immunology-{number}", intro="免疫学")
        corpus["library"].add_child(instance=page)
        page.save_revision().publish()
    first = query.search("免疫学", "zh-hans")
    second = query.search("免疫学", "zh-hans", page=2)
    assert first.total == second.total == 25
    assert len(first.hits) == 20 and len(second.hits) == 5
    assert first.num_pages == 2 and second.has_previous and not second.has_next
    assert not {h.page_id for h in first.hits} & {h.page_id for h in second.hits}
    assert query.search("免疫学", "zh-hans", page=999).page == 2


def test_elasticsearch_rebuild_swaps_the_alias(corpus, engine):
    if engine.name != "elastic":
        pytest.skip("the alias belongs to the Elasticsearch engine")
    before = engine._indices_behind_alias()
    assert len(before) == 1
    index.rebuild()
    after = engine._indices_behind_alias()
    assert len(after) == 1 and after != before
    assert not engine.client.indices.exists(index=before[0])  # the old index is gone
    assert titles("人工智能") == {"人工智能与医学"}
    mapping = engine.client.indices.get_mapping(index=after[0])[after[0]]["mappings"]["properties"]
    assert mapping["title"]["analyzer"] == "cjk"
    assert mapping["title"]["fields"]["en"]["analyzer"] == "english"
    assert mapping["locale"]["type"] == "keyword"
