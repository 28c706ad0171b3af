"""Rich text is cleaned on output as well as on input: HTML written to the database by another route than the
editor (an import, a script, a database console) renders without javascript: links, event handlers or scripts,
on the page (``|richtext`` of a RichTextField, a RichTextBlock of a StreamField) and in the API."""

import json

import pytest
from django.template import engines

from content.models import JobPostingPage, StandardPage
from tests.factories.publications import build_jobs
from tests.sharing import tree_layer

pytestmark = pytest.mark.django_db

EVIL = (
    '<p data-block-key="k1">Read <a href="javascript:alert(101)">this</a> and '
    '<a href="/en/about/" onclick="alert(102)">about us</a>, <b>kept</b>.</p>'
    "<script>alert(103)</script>"
    '<p><img src="/media/x.png" onerror="alert(104)" alt="pic"><a href=" JaVaScRiPt:alert(105)">x</a></p>'
    '<p style="background:url(javascript:alert(106))"><iframe src="https://evil.example/"></iframe></p>'
)


def assert_clean(html, where):
    for needle in ["alert(10", "javascript:", "JaVaScRiPt", "onclick", "onerror", "<iframe", "evil.example"]:
        assert needle not in html, (where, needle)
    assert "<b>kept</b>" in html and 'href="/en/about/"' in html, where  # the rest of the text is kept


@tree_layer
def pages(site_tree):
    return build_jobs(site_tree)


def test_the_richtext_filter_and_rich_text_values_are_cleaned():
    template = engines["django"].from_string("{% load wagtailcore_tags %}{{ source|richtext }}")
    assert_clean(template.render({"source": EVIL}), "|richtext")
    from wagtail.rich_text import RichText

    assert_clean(str(RichText(EVIL)), "RichText")


def test_a_rich_text_field_written_by_another_route_renders_clean(client, pages):
    posting = pages["pi"]
    JobPostingPage.objects.filter(pk=posting.pk).update(description=EVIL)
    html = client.get(posting.url).content.decode()
    assert "Read" in html
    assert_clean(html[html.index("Read") - 200 :], "the job posting page")
    assert "alert(10" not in html and "javascript:" not in html


def test_a_rich_text_block_written_by_another_route_renders_clean(client, site_tree):
    page = site_tree["mission"]
    StandardPage.objects.filter(pk=page.pk).update(body=json.dumps([{"type": "paragraph", "value": EVIL}]))
    html = client.get(page.url).content.decode()
    assert "Read" in html
    assert "alert(10" not in html and "javascript:" not in html and "onclick" not in html and "onerror" not in html
    assert "<b>kept</b>" in html


def test_the_api_rich_text_is_cleaned(client, pages):
    posting = pages["pi"]
    JobPostingPage.objects.filter(pk=posting.pk).update(description=EVIL)
    StandardPage.objects.filter(pk=pages["mission"].pk).update(body=json.dumps([{"type": "paragraph", "value": EVIL}]))
    for page in [posting, pages["mission"]]:
        response = client.get(f"/api/v2/pages/{page.pk}/")
        assert response.status_code == 200
        text = response.content.decode()
        assert "Read" in text
        for needle in ["alert(10", "javascript:", "onclick", "onerror", "<script"]:
            assert needle not in text, (page, needle)
