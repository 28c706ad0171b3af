"""One bilingual site with every page type, built once per module and rolled back at its end, plus content
that must never reach the API: a draft, a private section with a page below it, an image and a document in
a private collection (the private image is also the listing image of a public page)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from content.models import StandardPage
from tests.factories.digest import add_issue, item, make_fields, make_index, make_pdf, translate_issue
from tests.factories.images import make_image
from tests.factories.pages import add_navigation, build_site, publish_child, translate
from tests.factories.publications import build_events, build_jobs, build_white_papers, document
from tests.factories.showcase import build_showcase


def build_api_tree():
    pages = build_site()
    pages.update(add_navigation(pages))
    build_showcase(pages)
    build_white_papers(pages)
    build_events(pages)
    build_jobs(pages)

    fields = make_fields()
    index, index_en = make_index(pages["home"], pages["home_en"])
    onco, neuro = fields["oncology"], fields["neuroscience"]
    issues = {}
    for month in (datetime.date(2025, 12, 1), datetime.date(2026, 1, 1), datetime.date(2026, 2, 1)):
        about = pages["about"].pk
        summary = (
            f'<p>摘要 <a href="https://example.org/{month:%m}">来源</a> <a linktype="page" id="{about}">关于</a></p>'
        )
        items = [item(onco[0], f"肿瘤条目 {month:%Y-%m}", summary=summary), item(neuro[0], f"神经条目 {month:%Y-%m}")]
        issues[month] = add_issue(index, month, title=f"动态 {month:%Y-%m}", items=items)
    february = issues[datetime.date(2026, 2, 1)]
    february.pdf_edition = make_pdf("digest-2026-02")
    february.editors_note = f'<p>编者按，见<a linktype="page" id="{pages["mission"].pk}">使命</a>。</p>'
    february.save_revision().publish()
    issue_en = translate_issue(february, index_en.locale, "Digest February 2026")

    # Never public: a draft, a private section and the page below it, private media.
    draft = StandardPage(title="草稿页面", slug="draft", live=False)
    pages["home"].add_child(instance=draft)
    draft.save_revision()
    private = publish_child(pages["home"], StandardPage(title="内部资料", slug="internal"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    below_private = publish_child(private, StandardPage(title="内部子页面", slug="below"))
    private_en = translate(private, index_en.locale, title="Internal")
    PageViewRestriction.objects.create(page=private_en, restriction_type=PageViewRestriction.PASSWORD, password="x")
    secret = Collection.get_first_root_node().add_child(name="Private media")
    CollectionViewRestriction.objects.create(collection=secret, restriction_type=CollectionViewRestriction.LOGIN)
    private_image = make_image("私密图片")
    private_image.collection = secret
    private_image.save()
    private_doc = document("私密文件")
    private_doc.collection = secret
    private_doc.save()
    mission = StandardPage.objects.get(pk=pages["mission"].pk)
    mission.listing_image = private_image
    mission.body = [
        {"type": "document", "value": {"document": private_doc.pk, "label": "私密"}},
        {"type": "paragraph", "value": f'<p>见<a linktype="page" id="{draft.pk}">草稿</a></p>'},
        {
            "type": "call_to_action",
            "value": {"title": "t", "text": "", "button_label": "b", "link": {"page": private.pk, "url": ""}},
        },
    ]
    mission.save_revision().publish()
    pages.update(
        digest_index=index,
        digest_index_en=index_en,
        issues=issues,
        issue_en=issue_en,
        fields=fields,
        draft=draft,
        private=private,
        private_en=private_en,
        below_private=below_private,
        private_image=private_image,
        private_doc=private_doc,
    )
    return pages


@pytest.fixture(scope="module")
def tree(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        pages = build_api_tree()
        yield pages
        transaction.set_rollback(True)


@pytest.fixture
def api(tree, db, client):
    """A client for the API with a clean throttle/cache state."""
    cache.clear()
    return client
