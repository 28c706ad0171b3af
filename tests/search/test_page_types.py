"""Page types from other rooms are indexed without code here: a white paper is found by the text of its PDF."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from content.models import WhitePaperIndexPage, WhitePaperPage
from search import query
from tests.factories.pages import build_site, publish_child
from tests.search.test_text import _pdf

pytestmark = pytest.mark.django_db


def test_white_paper_is_found_by_the_text_of_its_pdf(settings, tmp_path):
    settings.SEARCH_ENGINE = "embedded"
    settings.MEDIA_ROOT = tmp_path
    pages = build_site()
    index = publish_child(pages["home"], WhitePaperIndexPage(title="白皮书", slug="white-papers"))
    pdf = Document.objects.create(title="Paper", file=ContentFile(_pdf("Organoid biobanking roadmap"), name="p.pdf"))
    paper = publish_child(
        index, WhitePaperPage(title="类器官白皮书", slug="organoids", abstract="类器官研究的路线图", pdf=pdf)
    )
    results = query.search("biobanking", "zh-hans")
    assert [hit.page_id for hit in results.hits] == [paper.pk]
    assert results.hits[0].content_type == "content.whitepaperpage"
    assert "<mark>biobanking</mark>" in str(results.hits[0].snippet_html)


def test_admin_search_still_works(admin_client, settings):
    settings.SEARCH_ENGINE = "embedded"
    build_site()
    response = admin_client.get("/admin/pages/search/", {"q": "深圳医学科学院正式成立"})
    assert response.status_code == 200
