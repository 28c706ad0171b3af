"""Chinese words kept whole on a line: the segmentation (content.chinese_words, jieba with SMART's terms) and
the template filters that wrap each word in <span class="w"> (``phrases`` for titles, ``words`` for table cells,
captions and figure labels): escaped, English left as it is, and only in the page's visible HTML (never in the
<title>, meta tags, structured data, feeds, search results or the API)."""

import datetime
import json
import re
from html import unescape

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeData, mark_safe

from content import chinese_words
from content.chinese_words import is_word, segments
from content.templatetags.smart_tags import phrases, words
from tests.factories import digest
from tests.factories.pages import build_site

WORD_SPAN = re.compile(r'<span class="w">([^<]*)</span>')


def test_segments_give_the_text_back_and_keep_smarts_terms_whole():
    for text in (
        "深圳医学科学院2024年工作报告",
        "全球医学科技动态 · 2026年11月",
        "深医专项申报指南",
        "SMART Symposia：类器官与疾病模型（示例）",
        "深圳市光明致远科技基金会",
        " 医学科学  研究所 ",
    ):
        assert "".join(segments(text)) == text
    assert [piece for piece in segments("全球医学科技动态 · 2026年11月") if is_word(piece)] == [
        "全球医学科技动态",
        "2026年",  # a number and what it counts read as one word
        "11月",
    ]
    assert "深圳医学科学院" in segments("深圳医学科学院2024年工作报告")
    assert "深医专项" in segments("深医专项申报指南")
    assert segments("深圳市光明致远科技基金会")[:2] == ["深圳市", "光明致远"]
    assert "医学科学" in segments("医学科学研究所")


def test_every_term_of_the_user_dictionary_comes_out_whole():
    for term in chinese_words._user_words():
        assert segments(term) == [term], term


def test_text_without_chinese_never_loads_the_dictionary(monkeypatch):
    monkeypatch.setattr(chinese_words, "tokenizer", lambda: pytest.fail("the dictionary was loaded"))
    assert segments("Global Medical Science & Technology Digest") == ["Global Medical Science & Technology Digest"]
    assert segments("") == []
    assert phrases("SMART Symposia 2023, No. 1") == "SMART Symposia 2023, No. 1"
    assert words("Room 101") == "Room 101"


def test_the_dictionary_is_built_in_memory_once(tmp_path, monkeypatch):
    """No cache file is written (a read-only server may refuse one): jieba's own start-up, which would write
    one to the temporary folder, is never called."""
    import tempfile

    import jieba

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(chinese_words, "_tokenizer", None)
    monkeypatch.setattr(jieba.Tokenizer, "initialize", lambda *args: pytest.fail("jieba's cached start-up"))
    first = chinese_words.tokenizer()
    assert chinese_words.tokenizer() is first
    assert segments("深圳市医学科学") == ["深圳市", "医学科学"]
    assert list(tmp_path.iterdir()) == []


def test_phrases_wrap_each_chinese_word_inside_its_phrase():
    assert phrases("全球医学科技动态 · 2026年11月") == (
        '<span class="phrase"><span class="w">全球医学科技动态</span>\u00a0·</span> '
        '<span class="phrase"><span class="w">2026年</span><span class="w">11月</span></span>'
    )
    assert WORD_SPAN.findall(phrases("深圳市光明致远科技基金会")) == ["深圳市", "光明致远", "科技", "基金会"]
    # Single characters and marks stay outside the word spans: the lines may break around them.
    assert phrases("类器官与疾病模型") == (
        '<span class="phrase"><span class="w">类器官</span>与<span class="w">疾病模型</span></span>'
    )


def test_english_titles_come_back_unchanged():
    assert phrases("Global Medical Science & Technology Digest") == "Global Medical Science & Technology Digest"
    rendered = Template("{% load smart_tags %}{{ title|phrases }}|{{ title|words }}").render(
        Context({"title": "R&D <b>news</b>"})
    )
    assert rendered == "R&amp;D &lt;b&gt;news&lt;/b&gt;|R&amp;D &lt;b&gt;news&lt;/b&gt;"


@pytest.mark.parametrize("wrap", [phrases, words])
def test_the_filters_escape_the_text_and_mark_safe_only_their_own_spans(wrap):
    text = '深圳市<script>alert("x")</script>光明 & <img src=x onerror=alert(1)>'
    html = wrap(text)
    assert isinstance(html, SafeData)
    assert "<script" not in html and "<img" not in html
    assert set(re.findall(r"<[^>]*>", html)) <= {'<span class="w">', '<span class="phrase">', "</span>"}
    # Without its spans, the output is the text escaped (phrases may add or change spaces between phrases).
    assert "".join(unescape(re.sub(r"<[^>]*>", "", html)).split()) == "".join(text.split())
    rendered = Template("{% load smart_tags %}<h1>{{ title|" + wrap.__name__ + " }}</h1>").render(
        Context({"title": "深圳市<script>alert(1)</script>"})
    )
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered


def test_words_cut_only_the_text_of_safe_html():
    table = mark_safe(
        '<table><caption>深圳市 &amp; 光明</caption><tr><th scope="col" title="会议室">会场</th>'
        '<td>第一会议室&lt;b&gt;</td></tr></table><script>var name = "深圳市";</script>'
    )
    assert words(table) == (
        '<table><caption><span class="w">深圳市</span> &amp; <span class="w">光明</span></caption>'
        '<tr><th scope="col" title="会议室"><span class="w">会场</span></th>'
        '<td><span class="w">第一</span><span class="w">会议室</span>&lt;b&gt;</td></tr></table>'
        '<script>var name = "深圳市";</script>'
    )
    rendered = Template("{% load smart_tags %}{% filter words %}<td>{{ cell }}</td>{% endfilter %}").render(
        Context({"cell": "深圳市<script>"})
    )
    assert rendered == '<td><span class="w">深圳市</span>&lt;script&gt;</td>'


@pytest.mark.django_db
def test_only_the_visible_html_gets_the_word_spans(client):
    """A Chinese title shows its words in spans in the page's headings and cards; the <title>, meta tags,
    JSON-LD, the digest's feeds, the search page's results and the API give the title as it is."""
    pages = build_site()
    title = "深圳市光明致远科技基金会<script>alert(1)</script>揭牌"
    article = pages["article"]
    article.title = title
    article.save_revision().publish()
    index, _index_en = digest.make_index(pages["home"], pages["home_en"])
    field = digest.make_fields()["oncology"][0]
    digest.add_issue(
        index,
        datetime.date(2026, 11, 1),
        title="全球医学科技动态 · 2026年11月",
        items=[digest.item(field, "基因编辑猪肾异种移植研究持续推进")],
        published_at=digest.publish_time(datetime.date(2026, 11, 1)),
    )

    page = client.get("/zh-hans/news/founding/").content.decode()
    assert "<script>alert(1)" not in page
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert WORD_SPAN.findall(heading)[:2] == ["深圳市", "光明致远"]
    head = page[: page.index("</head>")]
    assert 'class="w"' not in head and 'class="phrase"' not in head
    assert "<title>深圳市光明致远科技基金会&lt;script&gt;alert(1)&lt;/script&gt;揭牌" in head
    for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        assert "class=" not in script and "span" not in script

    cards = client.get("/zh-hans/news/").content.decode()
    assert '<span class="w">光明致远</span>' in cards

    issue = client.get("/zh-hans/digest/2026-11/").content.decode()
    assert '<span class="w">全球医学科技动态</span>' in issue
    assert '<span class="w">异种</span>' in issue or '<span class="w">异种移植</span>' in issue
    for kind in ("rss", "atom"):
        feed = client.get(f"/zh-hans/digest/feed/{kind}/").content.decode()
        assert "全球医学科技动态 · 2026年11月" in feed
        assert 'class="w"' not in feed and "class=&quot;w" not in feed and "phrase" not in feed

    search = client.get("/zh-hans/search/", {"q": "光明致远"}).content.decode()
    assert "光明致远" in search and 'class="w"' not in search

    api = client.get("/api/v2/pages/", {"type": "content.NewsArticlePage", "fields": "title"})
    assert api.status_code == 200
    assert title in [item["title"] for item in json.loads(api.content)["items"]]
    assert "class=" not in api.content.decode()
