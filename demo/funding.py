"""Funding: the Shenzhen Medical Research Fund (深医专项) and SMART Investigator (seed 003)."""

from content.models import (
    ApplicationStatusPage,
    FundCallPage,
    InstitutionRegistrationPage,
    SectionIndexPage,
    StandardPage,
)
from records.grants.models import Call

from . import facts as F
from .build import b, p, ul
from .reports import fund_table
from .spec import page


def funding_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.rich(
                p(
                    "依托全链条资助模式，深圳医科院为基础、临床与转化科学家的协同攻关提供有力的经费支持，"
                    "助力加快成果转化、实现创新突破。"
                ),
                ul(
                    (
                        blocks.link("funding/shenzhen-medical-research-fund", "深圳市医学研究专项资金（深医专项）"),
                        "：2023年4月经深圳市政府批准设立，首年安排财政资金2亿元。",
                    ),
                    (
                        blocks.link("funding/smart-investigator", "SMART Investigator"),
                        "：深圳医科院的研究资助项目。",
                    ),
                ),
            ),
            blocks.image("fund", "深浅不一的蓝绿色方块抽象示意图", "示意图"),
        ]
    return [
        blocks.rich(
            p(
                "Based on a whole-process funding model, SMART provides robust financial support to the collaborative "
                "work of basic, clinical and translational scientists, contributing to accelerated technology "
                "transfer and innovation success."
            ),
            ul(
                (
                    blocks.link("funding/shenzhen-medical-research-fund", "Shenzhen Medical Research Fund"),
                    ": established with the approval of the Shenzhen Municipal Government in April 2023, with "
                    "CNY 200 million of public funds for its first year.",
                ),
                (
                    blocks.link("funding/smart-investigator", "SMART Investigator"),
                    ": SMART's research funding programme.",
                ),
            ),
        ),
        blocks.image("fund", "Abstract illustration of teal squares in several shades", "Illustration"),
    ]


def fund_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.heading("设立与管理"),
            blocks.rich(
                p(
                    "2023年4月，深圳市政府批准设立深圳市医学研究专项资金（简称深医专项），首年安排财政资金2亿元，"
                    "成立深医专项管理委员会。"
                ),
                p(
                    "市卫生健康委、市科技创新委及市财政局联合印发了深医专项工作的纲领性文件",
                    b("《深圳市医学研究专项资金管理办法（试行）》"),
                    "。根据文件精神，深圳医科院陆续制定了深医专项的实施细则。",
                ),
            ),
            blocks.heading("专家库与依托单位"),
            blocks.rich(
                ul(
                    "从全国高等院校、科研院所和医院等单位遴选出9000余位高水平专家，形成项目评审专家库。",
                    f"开展{F.FUND_REGISTRATION_ROUNDS}轮依托单位注册申请受理，共审议通过"
                    f"{F.FUND_REGISTERED_INSTITUTIONS}家依托单位。",
                )
            ),
            blocks.heading("2023年项目评审与资助"),
            blocks.rich(
                p(
                    f"2023年，深医专项共受理{F.FUND_APPLICATION_TYPES}种类型{F.FUND_APPLICATION_CATEGORIES}个类别的"
                    f"项目申请，共收到来自{F.FUND_APPLYING_INSTITUTIONS_2023}家依托单位的项目申请"
                    f"{F.FUND_APPLICATIONS_2023}项，正式受理{F.FUND_ACCEPTED_2023}项。经形式审查、同行评议及会议评审，"
                    f"最终批准资助{F.FUND_FUNDED_2023}项，资助总经费{F.wan_yuan(F.FUND_TOTAL_AWARDED_CNY_2023)}万元，"
                    "已拨付完毕。"
                )
            ),
            fund_table(blocks, "zh"),
            blocks.heading("2024年工作"),
            blocks.rich(
                ul(
                    "编写2024年深医专项申请指南，按程序发布实施。",
                    "成立深医专项咨询委员会，开展专家库建设。",
                    "进行项目宣讲，提高申报质量。",
                )
            ),
            blocks.cta(
                "2024年度项目申请（示例）",
                "查看申请指南并在线提交申请；依托单位须先完成注册。",
                "前往申请",
                page="funding/shenzhen-medical-research-fund/2024-call",
            ),
            blocks.cta(
                "咨询深医专项",
                "依托单位注册与项目申请的相关问题，请与我们联系。",
                "联系我们",
                page="contact",
            ),
        ]
    return [
        blocks.heading("Establishment and management"),
        blocks.rich(
            p(
                "In April 2023 the Shenzhen Municipal Government approved the establishment of the Shenzhen Medical "
                "Research Fund (深圳市医学研究专项资金, 深医专项), allocating CNY 200 million of public funds for its "
                "first year, and set up a management committee for the fund."
            ),
            p(
                "The Shenzhen Municipal Health Commission, the Shenzhen Municipal Science, Technology and Innovation "
                "Commission and the Shenzhen Municipal Finance Bureau jointly issued the fund's guiding document, ",
                b("the Measures for the Administration of the Shenzhen Medical Research Fund (Trial)"),
                ". In line with these measures, SMART has drawn up the fund's detailed implementation rules.",
            ),
        ),
        blocks.heading("Expert pool and host institutions"),
        blocks.rich(
            ul(
                "More than 9,000 leading experts from universities, research institutes, hospitals and other "
                "institutions across China form the pool of reviewers for project evaluation.",
                "Two rounds of host-institution registration approved "
                f"{F.FUND_REGISTERED_INSTITUTIONS} host institutions.",
            )
        ),
        blocks.heading("Review and awards in 2023"),
        blocks.rich(
            p(
                f"In 2023 the fund accepted applications in {F.FUND_APPLICATION_CATEGORIES} categories of "
                f"{F.FUND_APPLICATION_TYPES_EN} types. It received {F.FUND_APPLICATIONS_2023:,} applications "
                f"from {F.FUND_APPLYING_INSTITUTIONS_2023} host institutions, of which {F.FUND_ACCEPTED_2023:,} were "
                "formally accepted. After eligibility screening, peer review and panel review, "
                f"{F.FUND_FUNDED_2023} projects were funded with a total of CNY {F.FUND_TOTAL_AWARDED_CNY_2023:,} "
                f"({F.wan_yuan(F.FUND_TOTAL_AWARDED_CNY_2023)}万元), all of which has been disbursed."
            )
        ),
        fund_table(blocks, "en"),
        blocks.heading("Work in 2024"),
        blocks.rich(
            ul(
                "Prepare the 2024 application guide and issue it through the proper procedures.",
                "Set up the fund's advisory committee and build up the expert pool.",
                "Hold briefings to raise the quality of applications.",
            )
        ),
        blocks.cta(
            "2024 call for applications (sample)",
            "Read the guide and apply online; host institutions register first.",
            "Apply",
            page="funding/shenzhen-medical-research-fund/2024-call",
        ),
        blocks.cta(
            "Questions about the fund",
            "For questions about host-institution registration and applications, please contact us.",
            "Contact us",
            page="contact",
        ),
    ]


OPEN_CALL_CODE = "smrf-2024"  # the open call made by `manage.py load_grants_demo`


def open_call(blocks):
    """The 2024 call of the grants demo (None when the grants demo was not loaded: the page then says so)."""
    return Call.objects.filter(code=OPEN_CALL_CODE).first()


def call_body(blocks):
    if blocks.lang == "zh":
        return [
            blocks.rich(
                p(
                    "申请人须通过已注册的依托单位申报。尚未注册的单位请先完成",
                    blocks.link("funding/shenzhen-medical-research-fund/host-institutions", "依托单位注册"),
                    "。提交后可凭受理编号和负责人邮箱",
                    blocks.link("funding/shenzhen-medical-research-fund/status", "查询申请状态"),
                    "，在作出资助决定前也可在该页面撤回申请。",
                )
            )
        ]
    return [
        blocks.rich(
            p(
                "Applications are made through a registered host institution. Institutions that are not registered "
                "yet should first complete the ",
                blocks.link(
                    "funding/shenzhen-medical-research-fund/host-institutions", "host-institution registration"
                ),
                ". After submitting, ",
                blocks.link("funding/shenzhen-medical-research-fund/status", "look up the status"),
                " with the reference number and the principal investigator's email; an application can also be "
                "withdrawn there until a funding decision is made.",
            )
        )
    ]


FUND_FORM_PAGES = [
    page(
        FundCallPage,
        "2024-call",
        zh={
            "title": "2024年度项目申请（示例）",
            "intro": "本页面为示例：申请指南与在线申请表，截止时间为北京时间。",
            "listing_summary": "2024年度深医专项项目申请指南与在线申请（示例）。",
            "call": open_call,
        },
        en={
            "title": "2024 call for applications (sample)",
            "intro": "A sample page: the call's guide and the online application form; deadlines are Beijing time.",
            "listing_summary": "Guide and online application for the fund's 2024 call (sample).",
            "call": open_call,
        },
        body=call_body,
    ),
    page(
        InstitutionRegistrationPage,
        "host-institutions",
        zh={
            "title": "依托单位注册",
            "intro": "高等院校、科研院所、医院等单位须先注册为依托单位，其科研人员方可申请深医专项。",
            "listing_summary": "依托单位注册申请，经审核通过后方可组织项目申报。",
        },
        en={
            "title": "Host institution registration",
            "intro": "Universities, research institutes and hospitals register as host institutions before their "
            "researchers can apply to the fund.",
            "listing_summary": "Register as a host institution; approved institutions can submit applications.",
        },
    ),
    page(
        ApplicationStatusPage,
        "status",
        zh={
            "title": "申请状态查询",
            "intro": "输入受理编号和项目负责人邮箱，查询申请的办理状态；作出资助决定前可申请撤回。",
            "listing_summary": "凭受理编号和负责人邮箱查询申请状态或撤回申请。",
        },
        en={
            "title": "Application status",
            "intro": "Enter the reference number and the principal investigator's email to see where your "
            "application stands; until a funding decision you can also withdraw it here.",
            "listing_summary": "Look up or withdraw an application with its reference number and email.",
        },
    ),
]


def investigator_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.rich(
                p(
                    "“SMART Investigator”（深圳医科院研究员项目）是深圳医科院的研究资助项目。2023年，我们推动制定"
                    "项目章程及实施方案，并探索怎样用社会力量支持源头创新。"
                ),
                p(
                    "根据2024年工作计划，深圳医科院将启动 SMART Investigator 项目，制定章程及实施方案，"
                    "与 SMART Program 一起，构成首届深圳医科院研究员和研究生项目。"
                ),
                p(
                    "社会力量支持源头创新的渠道之一，是",
                    blocks.link("foundation", "深圳市光明致远科技基金会"),
                    "。",
                ),
            )
        ]
    return [
        blocks.rich(
            p(
                "SMART Investigator is SMART's research funding programme. In 2023 SMART drove the drafting of its "
                "charter and implementation plan and explored how support from society can back original innovation."
            ),
            p(
                "Under the 2024 work plan, SMART will launch SMART Investigator with its charter and implementation "
                "plan; together with the SMART Program, it makes up SMART's first investigator and graduate "
                "programmes."
            ),
            p(
                "One channel for society to support original innovation is the ",
                blocks.link("foundation", "Shenzhen Guangming Zhiyuan Science and Technology Foundation"),
                ".",
            ),
        )
    ]


FUNDING = page(
    SectionIndexPage,
    "funding",
    zh={
        "title": "科研资助",
        "intro": "以全链条资助模式，支持基础、临床与转化科学家协同攻关。",
        "listing_summary": "深圳市医学研究专项资金（深医专项）与 SMART Investigator。",
        "listing_image_alt": "深浅不一的蓝绿色方块抽象示意图",
    },
    en={
        "title": "Funding",
        "intro": "Whole-process funding for basic, clinical and translational scientists working together.",
        "listing_summary": "The Shenzhen Medical Research Fund and SMART Investigator.",
        "listing_image_alt": "Abstract illustration of teal squares in several shades",
    },
    image="fund",
    body=funding_body,
    children=[
        page(
            StandardPage,
            "shenzhen-medical-research-fund",
            zh={
                "title": "深圳市医学研究专项资金（深医专项）",
                "intro": f"2023年，深医专项收到项目申请{F.FUND_APPLICATIONS_2023}项，批准资助{F.FUND_FUNDED_2023}项，"
                f"资助总经费{F.wan_yuan(F.FUND_TOTAL_AWARDED_CNY_2023)}万元。",
                "listing_summary": "2023年4月设立，首年安排财政资金2亿元；2023年资助285个项目。",
                "listing_image_alt": "深浅不一的蓝绿色方块抽象示意图",
            },
            en={
                "title": "Shenzhen Medical Research Fund",
                "intro": f"In 2023 the fund received {F.FUND_APPLICATIONS_2023:,} applications and funded "
                f"{F.FUND_FUNDED_2023} projects with a total of CNY {F.FUND_TOTAL_AWARDED_CNY_2023:,}.",
                "listing_summary": "Established in April 2023 with CNY 200 million for its first year; 285 projects "
                "funded in 2023.",
                "listing_image_alt": "Abstract illustration of teal squares in several shades",
            },
            image="fund",
            body=fund_body,
            children=FUND_FORM_PAGES,
        ),
        page(
            StandardPage,
            "smart-investigator",
            zh={
                "title": "SMART Investigator 研究资助项目",
                "intro": "深圳医科院的研究资助项目。",
                "listing_summary": "深圳医科院的研究资助项目，探索用社会力量支持源头创新。",
                "listing_image_alt": "由线条连接的节点组成的抽象示意图",
            },
            en={
                "title": "SMART Investigator",
                "intro": "SMART's research funding programme.",
                "listing_summary": "SMART's research funding programme, exploring how society can support original "
                "innovation.",
                "listing_image_alt": "Abstract illustration of nodes joined by lines",
            },
            image="foundation",
            body=investigator_body,
        ),
    ],
)
