"""Annual reports: the 2023 work report and the 2024 work plan (from seed 003), in Chinese and English.

The Chinese follows the report's own wording; the English is a careful translation of it. The same
data feeds the pages and the generated PDF summary (demo.documents).
The texts are in ``demo/data/reports.json``.
"""

from content.models import SectionIndexPage, StandardPage

from . import facts as F
from .build import b, ol, p
from .datafiles import read
from .spec import page

_DATA = read("reports", facts=True)

REPORT_2023_INTRO = _DATA["report_2023_intro"]

# Each section: (heading, [(lead, text), ...]); an empty lead means the text stands alone.
REPORT_2023 = {
    lang: [(s["heading"], [(i["lead"], i["text"]) for i in s["items"]]) for s in sections]
    for lang, sections in _DATA["report_2023"].items()
}

# The ten tasks of 2024: (heading, text).
PLAN_2024_INTRO = _DATA["plan_2024_intro"]

PLAN_2024 = {lang: [(task["heading"], task["text"]) for task in tasks] for lang, tasks in _DATA["plan_2024"].items()}


def fund_table(blocks, lang):
    """The 2023 figures of the Shenzhen Medical Research Fund as a table block."""
    if lang == "zh":
        return blocks.table(
            [
                ["项目", "2023年"],
                ["申请类型", f"{F.FUND_APPLICATION_TYPES}种类型、{F.FUND_APPLICATION_CATEGORIES}个类别"],
                ["提交申请的依托单位", f"{F.FUND_APPLYING_INSTITUTIONS_2023}家"],
                ["收到项目申请", f"{F.FUND_APPLICATIONS_2023}项"],
                ["正式受理", f"{F.FUND_ACCEPTED_2023}项"],
                ["批准资助", f"{F.FUND_FUNDED_2023}项"],
                ["资助总经费", f"{F.wan_yuan(F.FUND_TOTAL_AWARDED_CNY_2023)}万元（已拨付完毕）"],
                ["两轮注册审议通过的依托单位", f"{F.FUND_REGISTERED_INSTITUTIONS}家"],
                ["评审专家库", "9000余位专家"],
            ],
            caption="2023年深医专项申请、评审与资助情况",
        )
    return blocks.table(
        [
            ["Item", "2023"],
            [
                "Types of application",
                f"{F.FUND_APPLICATION_TYPES} types, {F.FUND_APPLICATION_CATEGORIES} categories",
            ],
            ["Host institutions that applied", str(F.FUND_APPLYING_INSTITUTIONS_2023)],
            ["Applications received", f"{F.FUND_APPLICATIONS_2023:,}"],
            ["Applications formally accepted", f"{F.FUND_ACCEPTED_2023:,}"],
            ["Projects funded", str(F.FUND_FUNDED_2023)],
            [
                "Total funding awarded",
                f"CNY {F.FUND_TOTAL_AWARDED_CNY_2023:,} ({F.wan_yuan(F.FUND_TOTAL_AWARDED_CNY_2023)}万元), "
                "fully disbursed",
            ],
            ["Host institutions approved in two registration rounds", str(F.FUND_REGISTERED_INSTITUTIONS)],
            ["Experts in the review pool", F.FUND_EXPERT_POOL],
        ],
        caption="Shenzhen Medical Research Fund in 2023: applications, review and awards",
    )


def _report_items(items, lang):
    """Numbered items with a bold lead, or plain paragraphs when the items have no lead."""
    if all(lead for lead, _text in items):
        return [ol(*[(b(lead, "。" if lang == "zh" else ". "), text) for lead, text in items])]
    return [p(text) for _lead, text in items]


def report_2023_body(blocks):
    lang = blocks.lang
    zh = lang == "zh"
    body = [
        blocks.image(
            "report",
            "层叠纸页形状的抽象示意图" if zh else "Abstract illustration of stacked pages",
            "示意图" if zh else "Illustration",
        )
    ]
    for index, (heading, items) in enumerate(REPORT_2023[lang]):
        body.append(blocks.heading(heading))
        body.append(blocks.rich(*_report_items(items, lang)))
        if index == 1:
            body.append(fund_table(blocks, lang))
    body.append(blocks.heading("下载" if zh else "Download"))
    body.append(
        blocks.document(
            "report-2023",
            "2023年工作进展摘要（PDF）" if zh else "2023 work report summary (PDF)",
        )
    )
    body.append(
        blocks.rich(
            p(
                "2024年的重点任务见",
                blocks.link("about/annual-reports/work-plan-2024", "2024年工作计划"),
                "。",
            )
            if zh
            else p(
                "SMART's priorities for 2024 are set out in the ",
                blocks.link("about/annual-reports/work-plan-2024", "2024 work plan"),
                ".",
            )
        )
    )
    return body


def plan_2024_body(blocks):
    lang = blocks.lang
    zh = lang == "zh"
    body = []
    for number, (heading, text) in enumerate(PLAN_2024[lang], start=1):
        body.append(blocks.heading(f"{number}. {heading}"))
        body.append(blocks.rich(p(text)))
    body.append(
        blocks.cta(
            "回顾2023年" if zh else "Looking back at 2023",
            "深圳医科院正式成立之年的工作进展。" if zh else "What SMART achieved in the year it was established.",
            "阅读2023年工作进展" if zh else "Read the 2023 work report",
            page="about/annual-reports/work-report-2023",
        )
    )
    return body


def annual_reports_body(blocks):
    zh = blocks.lang == "zh"
    return [
        blocks.rich(
            p(
                "年度报告记录深圳医科院每一年的工作进展与下一年的重点任务。2023年是深圳医科院正式成立之年："
                "深医专项完成首年评审与资助，SMART Symposia 学术会议品牌创立，人才培养与科研体系建设全面起步。"
            )
            if zh
            else p(
                "SMART's annual reports record the progress of each year and the priorities for the next. 2023 was "
                "the year SMART was formally established: the Shenzhen Medical Research Fund completed its first "
                "round of review and awards, the SMART Symposia brand was created, and work on talent development "
                "and the research system got under way."
            )
        )
    ]


ANNUAL_REPORTS = page(
    SectionIndexPage,
    "annual-reports",
    zh={
        "title": "年度报告",
        "intro": "深圳医学科学院年度工作进展与工作计划。",
        "listing_summary": "2023年工作进展与2024年工作计划。",
        "listing_image_alt": "层叠纸页形状的抽象示意图",
    },
    en={
        "title": "Annual reports",
        "intro": "SMART's annual work reports and work plans.",
        "listing_summary": "The 2023 work report and the 2024 work plan.",
        "listing_image_alt": "Abstract illustration of stacked pages",
    },
    image="report",
    body=annual_reports_body,
    children=[
        page(
            StandardPage,
            "work-report-2023",
            zh={
                "title": "2023年工作进展",
                "intro": REPORT_2023_INTRO["zh"],
                "listing_summary": "深圳医科院正式成立；深医专项首年资助285个项目；SMART Symposia 举办5期。",
                "listing_image_alt": "层叠纸页形状的抽象示意图",
            },
            en={
                "title": "2023 work report",
                "intro": REPORT_2023_INTRO["en"],
                "listing_summary": "SMART is formally established; the Shenzhen Medical Research Fund funds 285 "
                "projects in its first year; five SMART Symposia are held.",
                "listing_image_alt": "Abstract illustration of stacked pages",
            },
            image="report",
            body=report_2023_body,
        ),
        page(
            StandardPage,
            "work-plan-2024",
            zh={
                "title": "2024年工作计划",
                "intro": PLAN_2024_INTRO["zh"],
                "listing_summary": "与深圳湾实验室融合发展、计划引进25名 PI、开展深医专项2024年项目等十项重点任务。",
                "listing_image_alt": "层叠纸页与红色标记的抽象示意图",
            },
            en={
                "title": "2024 work plan",
                "intro": PLAN_2024_INTRO["en"],
                "listing_summary": "Ten priorities, including integration with Shenzhen Bay Laboratory, recruiting 25 "
                "PIs and the fund's 2024 programme.",
                "listing_image_alt": "Abstract illustration of stacked pages with a red marker",
            },
            image="policy",
            body=plan_2024_body,
        ),
    ],
)
