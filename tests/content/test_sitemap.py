import xml.etree.ElementTree as ET

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_live_pages_with_language_alternates(client, site_tree):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {
        url.find("s:loc", NS).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        for url in root.findall("s:url", NS)
    }
    about_zh = "http://testserver/zh-hans/about/"
    about_en = "http://testserver/en/about/"
    assert entries[about_zh] == {"zh-Hans": about_zh, "en": about_en, "x-default": about_zh}
    assert entries[about_en]["zh-Hans"] == about_zh
    # A page with no translation is listed without alternates.
    assert entries["http://testserver/zh-hans/zh-only/"] == {}


def test_sitemap_leaves_out_drafts_and_private_pages(client, site_tree):
    from wagtail.models import PageViewRestriction

    site_tree["mission"].unpublish()
    PageViewRestriction.objects.create(page=site_tree["news"], restriction_type="login")
    body = client.get("/sitemap.xml").content.decode()
    assert "/zh-hans/about/mission/" not in body
    assert "/en/about/mission/" in body
    assert "/zh-hans/news/" not in body
    assert "/zh-hans/news/founding/" not in body


def test_robots_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
