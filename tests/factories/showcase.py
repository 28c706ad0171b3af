"""A fuller build_site() tree for looking at the theme: every home section and body block, a hero image,
footers with a QR image and enough news for two listing pages.

Facts come from the seed documents (SMART's 2023 work report and English introduction); everything else
(the QR image, the address, the extra news items) is visibly marked as sample test data.
"""

import datetime
import hashlib
import io
import math

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

from content.models import Footer, NewsArticlePage

from .pages import locales, menu_items, publish_child

TEAL = (11, 92, 107)
DEEP = (4, 42, 49)
GOLD = (240, 180, 76)


def save_image(title, picture):
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    name = title.lower().replace(" ", "-") + ".png"
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=name))


def abstract_image(title, width, height, seed):
    """A decorative picture: a teal gradient with a network of soft nodes (nothing that needs describing)."""
    picture = PILImage.new("RGB", (width, height), DEEP)
    draw = ImageDraw.Draw(picture)
    for x in range(width):
        t = x / width
        colour = tuple(int(DEEP[i] + (TEAL[i] - DEEP[i]) * t) for i in range(3))
        draw.line([(x, 0), (x, height)], fill=colour)
    digest = hashlib.sha256(seed.encode()).digest() * 4
    nodes = [
        (
            int(width * (0.35 + 0.65 * digest[2 * i] / 255)),
            int(height * digest[2 * i + 1] / 255),
            4 + digest[i + 40] % 10,
        )
        for i in range(24)
    ]
    overlay = PILImage.new("RGBA", (width, height), (0, 0, 0, 0))
    layer = ImageDraw.Draw(overlay)
    for i, (x, y, _r) in enumerate(nodes):
        for x2, y2, _r2 in nodes[i + 1 :]:
            if math.dist((x, y), (x2, y2)) < width * 0.18:
                layer.line([(x, y), (x2, y2)], fill=(200, 235, 240, 70), width=max(1, width // 640))
    for x, y, r in nodes:
        r = r * width // 800
        layer.ellipse([x - 3 * r, y - 3 * r, x + 3 * r, y + 3 * r], fill=(240, 180, 76, 40))
        layer.ellipse([x - r, y - r, x + r, y + r], fill=(235, 248, 250, 210))
    overlay = overlay.filter(ImageFilter.GaussianBlur(radius=max(1, width // 900)))
    picture.paste(overlay, (0, 0), overlay)
    return save_image(title, picture)


def sample_qr_image(title):
    """A QR-like sample square (finder patterns and seeded modules): test data, it encodes nothing."""
    modules, scale = 29, 8
    digest = hashlib.sha256(title.encode()).digest() * 8
    picture = PILImage.new("L", ((modules + 8) * scale, (modules + 8) * scale), 255)
    draw = ImageDraw.Draw(picture)

    def module(col, row):
        x, y = (col + 4) * scale, (row + 4) * scale
        draw.rectangle([x, y, x + scale - 1, y + scale - 1], fill=0)

    bits = "".join(f"{byte:08b}" for byte in digest)
    for row in range(modules):
        for col in range(modules):
            if bits[row * modules + col] == "1":
                module(col, row)
    for col0, row0 in ((0, 0), (modules - 7, 0), (0, modules - 7)):
        x, y = (col0 + 4) * scale, (row0 + 4) * scale
        draw.rectangle([x - scale, y - scale, x + 8 * scale - 1, y + 8 * scale - 1], fill=255)
        draw.rectangle([x, y, x + 7 * scale - 1, y + 7 * scale - 1], fill=0)
        draw.rectangle([x + scale, y + scale, x + 6 * scale - 1, y + 6 * scale - 1], fill=255)
        draw.rectangle([x + 2 * scale, y + 2 * scale, x + 5 * scale - 1, y + 5 * scale - 1], fill=0)
    return save_image(title, picture.convert("RGB"))


def _highlights(heading, items, pages):
    return {
        "type": "highlights",
        "value": {
            "heading": heading,
            "items": [
                {"title": title, "text": text, "page": page.pk if page else None}
                for (title, text), page in zip(items, pages, strict=True)
            ],
        },
    }


def _figures(heading, figures, note):
    return {
        "type": "key_figures",
        "value": {
            "heading": heading,
            "figures": [{"value": value, "label": label} for value, label in figures],
            "note": note,
        },
    }


CAPABILITIES_ZH = [
    ("科技资源管理", "以全流程资助模式，支持基础、临床与转化科学家协同攻关，加速科技成果转化。"),
    ("医学科学研究", "每个研究所承载源于前沿领域的创建使命，经严格国际同行评议遴选顶尖人才。"),
    ("教育与交流", "借鉴全球医师科学家培养经验，培养连接实验室与临床的医师科学家。"),
    ("临床研究与成果转化", "汇聚知识产权、资本、市场等要素，推动创新链与产业链融合。"),
    ("政策咨询", "为政府决策提供科学咨询，定期发布医学科技创新与发展白皮书。"),
]
CAPABILITIES_EN = [
    (
        "Sci-tech Resources Management",
        "A whole-process funding model supports basic, clinical and translational scientists working together.",
    ),
    (
        "Medical Sciences",
        "Each SMART institute carries a founding mission and recruits top talents through international peer review.",
    ),
    ("Education and Exchanges", "Nurturing physician-scientists who bridge the gap between bench and bedside."),
    (
        "Clinical Research and Technology Transfer",
        "Assembling intellectual property, capital and markets to accelerate technology transfer.",
    ),
    (
        "Policy Consultation",
        "Science-driven advice for government decisions, and regular white papers on medical innovation.",
    ),
]
FIGURES_ZH = [
    ("2,711", "2023年深医专项项目申请（项）"),
    ("285", "批准资助项目（项）"),
    ("19,599.6万元", "资助总经费"),
    ("124", "审议通过的依托单位（家）"),
    ("9,000+", "评审专家库专家（位）"),
]
FIGURES_EN = [
    ("2,711", "applications to the Shenzhen Medical Research Fund in 2023"),
    ("285", "projects funded"),
    ("CNY 196.0 m", "total funding awarded"),
    ("124", "host institutions registered"),
    ("9,000+", "experts in the review pool"),
]
FUND_TABLE_ZH = {
    "table_caption": "2023年深医专项项目评审情况",
    "first_row_is_table_header": True,
    "first_col_is_header": True,
    "data": [
        ["环节", "数量", "说明"],
        ["项目申请", "2,711 项", "来自 88 家依托单位，4 种类型 11 个类别"],
        ["正式受理", "2,648 项", "经形式审查"],
        ["批准资助", "285 项", "经同行评议及会议评审"],
        ["资助总经费", "19,599.6 万元", "已拨付完毕"],
    ],
}
FUND_TABLE_EN = {
    "table_caption": "Shenzhen Medical Research Fund reviews in 2023",
    "first_row_is_table_header": True,
    "first_col_is_header": True,
    "data": [
        ["Stage", "Number", "Notes"],
        ["Applications", "2,711", "From 88 host institutions, 4 types and 11 categories"],
        ["Accepted", "2,648", "After the formal check"],
        ["Funded", "285", "After peer review and panel review"],
        ["Total awarded", "CNY 195.996 m", "Paid in full"],
    ],
}


def _table(value):
    return {"type": "table", "value": {**value, "cell": [], "mergeCells": [], "table_header_choice": ""}}


def _publish(page, **fields):
    """Set fields on a fresh copy of the page (in-memory copies have stale tree counts) and publish it."""
    page = type(page).objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def add_footers(qr_image):
    zh, en = locales()
    social_zh = [
        {
            "type": "account",
            "value": {
                "name": "深圳医科院公众号",
                "handle": "示例二维码（测试数据）",
                "url": "",
                "qr_code": qr_image.pk,
            },
        }
    ]
    social_en = [
        {
            "type": "account",
            "value": {
                "name": "WeChat official account",
                "handle": "Sample QR (test data)",
                "url": "",
                "qr_code": qr_image.pk,
            },
        }
    ]
    footer = Footer.objects.create(
        locale=zh,
        organisation="深圳医学科学院",
        address="示例地址（测试数据）\n深圳市",
        email="contact@example.org",
        icp_number="粤ICP备00000000号（示例）",
        social_accounts=social_zh,
        copyright_notice="© 深圳医学科学院",
    )
    footer_en = footer.copy_for_translation(en)
    footer_en.organisation = "Shenzhen Medical Academy of Research and Translation (SMART)"
    footer_en.address = "Sample address (test data)\nShenzhen"
    footer_en.icp_number = "Sample ICP filing number"
    footer_en.social_accounts = social_en
    footer_en.copyright_notice = "© Shenzhen Medical Academy of Research and Translation"
    footer_en.save()
    return footer, footer_en


def build_showcase(pages):
    """Fill a build_site() tree (with add_navigation()) so that every part of the theme shows. Returns pages."""
    hero = abstract_image("Hero network", 1440, 810, "hero")
    listing = abstract_image("Founding listing", 800, 450, "founding")
    qr = sample_qr_image("Sample QR code")
    footer, footer_en = add_footers(qr)
    for key, links in (("home", ("about", "mission", "news")), ("home_en", ("about_en", "mission_en", "news_en"))):
        menu = pages["menu" if key == "home" else "menu_en"]
        menu.items = menu_items(*(pages[name] for name in links))
        menu.save()

    about, mission, news = pages["about"], pages["mission"], pages["news"]
    _publish(
        pages["home"],
        hero_text="深圳医学科学院是探索未来医学的新型科研机构，致力于以科技转化促进全民健康。",
        hero_image=hero,
        hero_link=about,
        hero_link_label="了解深圳医科院",
        body=[
            _highlights("核心职能", CAPABILITIES_ZH, [about, mission, None, None, None]),
            _figures("2023年深医专项", FIGURES_ZH, "数据来源：深圳医学科学院2023年工作进展"),
            {"type": "latest_news", "value": {"heading": "新闻动态", "count": 3}},
            {
                "type": "call_to_action",
                "value": {
                    "title": "了解深圳医学科学院",
                    "text": "深圳医科院是市政府直属事业单位，按法定机构模式运作，实行全新机制。",
                    "button_label": "关于我们",
                    "link": {"page": about.pk, "url": ""},
                },
            },
        ],
    )
    _publish(
        pages["home_en"],
        hero_text="An institute blazing new trails for future medical sciences: translating science and technology "
        "into health for all.",
        hero_image=hero,
        hero_link=pages["about_en"],
        hero_link_label="Explore SMART",
        body=[
            _highlights(
                "Core capabilities",
                CAPABILITIES_EN,
                [pages["about_en"], pages["mission_en"], None, None, None],
            ),
            _figures(
                "Shenzhen Medical Research Fund, 2023",
                FIGURES_EN,
                "Source: SMART 2023 work report",
            ),
            {"type": "latest_news", "value": {"heading": "News", "count": 3}},
        ],
    )
    about_body_zh = [
        {"type": "heading", "value": "深圳医学科学院正式成立"},
        {
            "type": "paragraph",
            "value": "<p>2023 年 10 月，深圳市委编制委员会办公室批复去筹成立深圳医科院，明确深圳医科院为"
            "<b>市政府直属事业单位</b>，按法定机构模式运作，实行全新机制。2023 年 11 月 21 日上午，"
            "深圳医科院成立大会在光明云谷国际会议中心举行。</p>"
            "<ul><li>深医专项首年安排财政资金 2 亿元</li><li>成功举办 5 期 SMART Symposia 系列论坛</li>"
            "<li>已招收博士后 3 人</li></ul>",
        },
        _table(FUND_TABLE_ZH),
        {
            "type": "quote",
            "value": {"quote": "以科技转化促进全民健康，是我们一切工作的核心。", "attribution": "深圳医学科学院简介"},
        },
        {
            "type": "call_to_action",
            "value": {
                "title": "新闻动态",
                "text": "深圳医科院的最新消息。",
                "button_label": "查看新闻",
                "link": {"page": news.pk, "url": ""},
            },
        },
    ]
    about_body_en = [
        {"type": "heading", "value": "Who we are"},
        {
            "type": "paragraph",
            "value": "<p>The Shenzhen Medical Academy of Research and Translation (SMART) is an institute blazing new "
            "trails for future medical sciences. At SMART, <b>translating science and technology into health for "
            "all</b> is at the center of what we do.</p>",
        },
        _table(FUND_TABLE_EN),
        {
            "type": "quote",
            "value": {
                "quote": "What we do at SMART is part of something larger: strategic, spearheading, and with "
                "global impact.",
                "attribution": "Introduction to SMART",
            },
        },
    ]
    _publish(about, body=about_body_zh, listing_summary="深圳医学科学院简介")
    _publish(pages["about_en"], body=about_body_en, listing_summary="An introduction to SMART")
    _publish(
        mission, listing_summary="探索最能激发原始创新的新机制，培养应对紧迫挑战的顶尖人才。", listing_image=listing
    )
    _publish(pages["mission_en"], listing_summary="New mechanisms for original innovation.", listing_image=listing)
    _publish(
        pages["article"],
        listing_image=listing,
        listing_summary="2023 年 11 月 21 日上午，深圳医科院成立大会在光明云谷国际会议中心举行。",
        intro="深圳医科院为市政府直属事业单位，按法定机构模式运作，实行全新机制。",
    )
    _publish(
        pages["article_en"], listing_image=listing, listing_summary="The founding meeting of SMART, 21 November 2023."
    )

    # Sample items so that the news index has a second page.
    for number in range(1, 12):
        publish_child(
            pages["news"],
            NewsArticlePage(
                title=f"示例新闻 {number}（测试数据）",
                slug=f"sample-{number}",
                date=datetime.date(2023, 11, 20) - datetime.timedelta(days=7 * number),
                listing_summary="这是一条用于测试新闻列表与分页的示例新闻。",
            ),
        )
    pages.update(footer=footer, footer_en=footer_en, hero_image=hero, qr_image=qr)
    return pages
