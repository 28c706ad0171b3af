"""A small bilingual corpus for the search tests, built on build_site(): each page carries known words."""

import datetime

from wagtail.models import PageViewRestriction

from content.models import NewsArticlePage, SectionIndexPage, StandardPage
from tests.factories.pages import build_site, publish_child, translate


def paragraph(html):
    return [{"type": "paragraph", "value": html}]


def build_corpus(pages=None):
    """build_site() (or the tree given) plus pages whose words the tests look for; returns the dict of pages."""
    pages = build_site() if pages is None else pages
    home, news = pages["home"], pages["news"]
    library = publish_child(home, SectionIndexPage(title="资料库", slug="library", intro="研究资料"))
    pages["library"] = library
    pages["library_en"] = translate(library, pages["home_en"].locale, title="Library", intro="Research materials")
    pages["ai"] = publish_child(
        library,
        StandardPage(
            title="人工智能与医学",
            slug="ai",
            intro="深圳医学科学院研究人工智能辅助诊断。",
            body=paragraph("<p>我们用CRISPR基因编辑治疗遗传病，并开展AI影像研究。</p>"),
        ),
    )
    # Has 人工 and 智能, 科学 and 学院, but never 人工智能 or 科学院: must not be found for those.
    pages["decoy"] = publish_child(
        library,
        StandardPage(title="人工与智能", slug="decoy", intro="自然科学。学院的老师讲授智能人工的区别。"),
    )
    pages["tumour"] = publish_child(
        news,
        NewsArticlePage(
            title="肿瘤研究进展",
            slug="tumour",
            date=datetime.date(2024, 3, 5),
            intro="新药可以抗癌",  # 癌 ends a run here
            body=paragraph("<p>化学<b>元素</b>与 5 &lt; 7 的比较。</p>"),
        ),
    )
    pages["heart"] = publish_child(
        news,
        NewsArticlePage(title="心血管疾病", slug="heart", date=datetime.date(2023, 6, 1), intro="高血压与心脏健康"),
    )
    pages["tumour_en"] = translate(
        pages["tumour"],
        pages["home_en"].locale,
        title="Researchers studying tumours",
        intro="The study of cancer, with partners at 深圳医学科学院.",
        body=paragraph("<p>Running trials on <b>novel</b> therapies.</p>"),
    )
    pages["ai_en"] = translate(
        pages["ai"],
        pages["home_en"].locale,
        title="Artificial intelligence in medicine",
        intro="AI research for diagnosis",
        body=paragraph("<p>Gene editing with CRISPR.</p>"),
    )
    # A draft that was never published, and a live page whose newer draft says something else.
    draft = StandardPage(title="草稿机密页面", slug="draft", intro="草稿机密", live=False)
    library.add_child(instance=draft)
    draft.save_revision()
    pages["draft"] = draft
    edited = publish_child(library, StandardPage(title="已发布版本", slug="edited", intro="公开内容"))
    edited.title = "未发布修订"
    edited.intro = "未发布修订内容"
    edited.save_revision()
    pages["edited"] = edited
    # A private section (password) with a child: neither may be found.
    private = publish_child(home, StandardPage(title="内部保密文件", slug="private", intro="保密资料"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    pages["private"] = private
    pages["private_child"] = publish_child(private, StandardPage(title="保密子页", slug="child", intro="保密资料"))
    return pages
