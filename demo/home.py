"""The home page and the assembled demo tree (the same tree in both languages)."""

from content.models import HomePage

from . import facts as F
from .about import ABOUT, CAPABILITY_SUMMARIES, CAPABILITY_TITLES
from .build import p
from .education import EDUCATION, EVENTS
from .funding import FUNDING
from .news import NEWS
from .organisation import CAREERS, CONTACT, DIGEST, FOUNDATION, WHITE_PAPERS
from .research import RESEARCH
from .spec import assign_keys, page


def fund_figures(lang):
    """The key figures of the Shenzhen Medical Research Fund in 2023 as (value, label) pairs."""
    total_wan = F.wan_yuan(F.FUND_TOTAL_AWARDED_CNY_2023)
    if lang == "zh":
        return [
            (f"{F.FUND_APPLICATIONS_2023:,}", "项目申请（项）"),
            (str(F.FUND_APPLYING_INSTITUTIONS_2023), "提交申请的依托单位（家）"),
            (f"{F.FUND_ACCEPTED_2023:,}", "正式受理（项）"),
            (str(F.FUND_FUNDED_2023), "批准资助（项）"),
            (f"{total_wan}万元", "资助总经费"),
            (str(F.FUND_REGISTERED_INSTITUTIONS), "注册依托单位（家）"),
            ("9000+", "评审专家库（位）"),
        ]
    return [
        (f"{F.FUND_APPLICATIONS_2023:,}", "applications received"),
        (str(F.FUND_APPLYING_INSTITUTIONS_2023), "host institutions that applied"),
        (f"{F.FUND_ACCEPTED_2023:,}", "applications formally accepted"),
        (str(F.FUND_FUNDED_2023), "projects funded"),
        (f"CNY {F.cny_millions(F.FUND_TOTAL_AWARDED_CNY_2023)} m", "total funding awarded"),
        (str(F.FUND_REGISTERED_INSTITUTIONS), "registered host institutions"),
        (F.FUND_EXPERT_POOL, "experts in the review pool"),
    ]


def home_body(blocks):
    zh = blocks.lang == "zh"
    capabilities = [
        (
            CAPABILITY_TITLES[slug][0 if zh else 1],
            CAPABILITY_SUMMARIES[slug][0 if zh else 1],
            f"about/capabilities/{slug}",
        )
        for slug in CAPABILITY_TITLES
    ]
    if zh:
        return [
            blocks.highlights("五大核心职能", capabilities),
            blocks.key_figures(
                "深医专项2023年数据",
                fund_figures("zh"),
                "数据来源：深圳医学科学院2023年工作进展。",
            ),
            blocks.rich(
                p(
                    "2023年11月21日，深圳医学科学院成立大会在光明云谷国际会议中心举行。深圳医科院是深圳市政府直属"
                    "事业单位，按法定机构模式运作，实行全新机制。"
                )
            ),
            blocks.latest_news("新闻动态", 3),
            blocks.cta(
                "加入深圳医科院",
                "我们在全球范围内招聘高水平科研人员，并与深圳湾实验室联合招收培养博士后。",
                "人才招聘",
                page="careers",
            ),
        ]
    return [
        blocks.highlights("Five core capabilities", capabilities),
        blocks.key_figures(
            "The Shenzhen Medical Research Fund in 2023",
            fund_figures("en"),
            "Source: SMART 2023 work report.",
        ),
        blocks.rich(
            p(
                "On 21 November 2023 the founding ceremony of the Shenzhen Medical Academy of Research and Translation "
                "was held at the Guangming Cloud Valley International Conference Center. SMART is a public institution "
                "directly under the Shenzhen Municipal Government and operates under the statutory-body model with an "
                "entirely new mechanism."
            )
        ),
        blocks.latest_news("Latest news", 3),
        blocks.cta(
            "Join SMART",
            "We recruit high-calibre researchers worldwide and train postdoctoral fellows together with Shenzhen Bay "
            "Laboratory.",
            "Careers",
            page="careers",
        ),
    ]


def build_tree():
    """The demo page tree (its PageSpecs with their keys assigned)."""
    home = page(
        HomePage,
        "home",
        zh={
            "title": "首页",
            "hero_heading": "为未来医学科学开辟新路",
            "hero_text": "推动科学技术转化为全民健康，是深圳医学科学院一切工作的核心。",
            "hero_image_alt": "深蓝绿色背景上交叠的圆环与弧线抽象示意图",
            "hero_link_label": "了解深圳医科院",
            "hero_image": lambda blocks: blocks.images["hero"],
            "hero_link": lambda blocks: blocks.page("about"),
            "listing_summary": "深圳医学科学院（SMART）：为未来医学科学开辟新路。",
            "listing_image_alt": "深蓝绿色背景上交叠的圆环与弧线抽象示意图",
        },
        en={
            "title": "Home",
            "hero_heading": "Blazing new trails for future medical sciences",
            "hero_text": "At SMART, translating science and technology into health for all is at the center of what we "
            "do.",
            "hero_image_alt": "Abstract illustration of overlapping rings and arcs on deep teal",
            "hero_link_label": "Explore SMART",
            "hero_image": lambda blocks: blocks.images["hero"],
            "hero_link": lambda blocks: blocks.page("about"),
            "listing_summary": "The Shenzhen Medical Academy of Research and Translation: blazing new trails for "
            "future medical sciences.",
            "listing_image_alt": "Abstract illustration of overlapping rings and arcs on deep teal",
        },
        image="hero",
        body=home_body,
        children=[
            ABOUT,
            RESEARCH,
            FUNDING,
            EDUCATION,
            EVENTS,
            DIGEST,
            WHITE_PAPERS,
            NEWS,
            CAREERS,
            FOUNDATION,
            CONTACT,
        ],
    )
    return assign_keys(home)
