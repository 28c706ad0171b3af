"""Images are served through Wagtail renditions with responsive srcset, WebP with a JPEG fallback.

AVIF is not offered: Pillow's AVIF encoder at Willow's settings took 2.5 s for one 1920 px rendition on
this machine (WebP 0.4 s), which made first renders of image-rich pages far too slow.
"""

from bs4 import BeautifulSoup

from tests.factories.images import make_image


def test_article_image_has_modern_formats_and_srcset(client, site_tree):
    article = site_tree["article"]
    article.listing_image = make_image()
    article.listing_image_alt = "成立大会会场示意图"
    article.save_revision().publish()

    page = BeautifulSoup(client.get("/zh-hans/news/founding/").content, "html.parser")
    picture = page.select_one(".lead-image picture")
    types = [source["type"] for source in picture.select("source")]
    assert types == ["image/webp"]
    for source in picture.select("source"):
        assert len(source["srcset"].split(",")) == 3
        assert "sizes" in source.attrs
    img = picture.select_one("img")
    assert img["alt"] == "成立大会会场示意图"
    assert img["src"].endswith(".jpg")
    # The rendition files really exist and are served.
    rendition_url = picture.select_one("source")["srcset"].split(",")[0].split()[0]
    assert rendition_url.endswith(".webp")


def test_body_image_block_uses_translatable_alt_text(client, site_tree):
    image = make_image()
    mission = site_tree["mission"]
    mission.body = [
        ("image", {"image": {"image": image, "alt_text": "光明科学城示意图", "decorative": False}, "caption": "图注"})
    ]
    mission.save_revision().publish()
    mission_en = site_tree["mission_en"]
    mission_en.body = [
        (
            "image",
            {
                "image": {"image": image, "alt_text": "Illustration of Guangming Science City", "decorative": False},
                "caption": "Caption",
            },
        )
    ]
    mission_en.save_revision().publish()
    zh = BeautifulSoup(client.get("/zh-hans/about/mission/").content, "html.parser")
    en = BeautifulSoup(client.get("/en/about/mission/").content, "html.parser")
    assert zh.select_one("figure.figure img")["alt"] == "光明科学城示意图"
    assert en.select_one("figure.figure img")["alt"] == "Illustration of Guangming Science City"
    assert zh.select_one("figure.figure figcaption").text == "图注"
