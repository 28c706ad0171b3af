"""Demo job postings: eight sample postings across the five categories in both languages, one of them closed.

What the seeds state is used as fact (SMART plans to recruit 25 PIs under its 2024 plan; postdocs are
recruited jointly with Shenzhen Bay Laboratory; the SMART Program trains PhD students with Tsinghua
University and Westlake University; the research support team includes administrative assistants and
research funding managers). Everything else (institutes, numbers of openings, dates) is sample data, and
every title says so. Dates are relative to the day the demo is first loaded. Idempotent: postings by slug.
"""

import datetime

from django.utils import timezone
from django.utils.html import escape

from content.models import JobIndexPage, JobPostingPage

from . import facts as F
from .people import artwork, ensure_index

SLUG = "careers"
SAMPLE = {
    "zh": "本招聘信息为网站演示示例，不是真实职位，请勿投递。",
    "en": "This posting is a sample for demonstrating the website; it is not a real vacancy, so please do not apply.",
}

INDEX = {
    "zh": {
        "title": "人才招聘",
        "intro": "深圳医科院持续在全球范围内招聘高水平科研人员。以下职位均为网站演示示例。",
        "listing_summary": "首席研究员、博士后、科研支撑与管理人员，以及 SMART Program 博士研究生。",
    },
    "en": {
        "title": "Careers",
        "intro": "SMART recruits high-calibre researchers worldwide. The positions below are samples for "
        "demonstration.",
        "listing_summary": "Principal investigators, postdoctoral fellows, research support and management staff, and "
        "the SMART Program for PhD students.",
    },
}


def _html(*paragraphs):
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def _list(*items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


# (slug, category, employment type, openings, posted days ago, closes in days (None: until filled), zh, en)
POSTINGS = [
    (
        "principal-investigators",
        "pi",
        "FULL_TIME",
        None,
        14,
        75,
        {
            "title": "首席研究员（PI）（示例）",
            "institute": "各研究所（示例）",
            "summary": f"根据2024年工作计划，深圳医科院计划引进{F.PIS_PLANNED_2024}名PI。",
            "description": [
                f"深圳医科院持续在全球范围内招聘高水平科研人员。根据2024年工作计划，深圳医科院计划引进"
                f"{F.PIS_PLANNED_2024}名PI，并定期开展PI面试。",
                "深圳医科院组建了专业的科研支撑团队，为科学家提供行政助理、科研经费管理经理等服务人员，实行经费包干制。",
            ],
            "requirements": [
                "博士学位，具有独立开展原创研究的能力（示例要求）",
                "在生物医学相关领域有突出成果（示例要求）",
            ],
            "salary": "面议（示例）",
        },
        {
            "title": "Principal investigators (sample)",
            "institute": "SMART institutes (sample)",
            "summary": f"Under its 2024 work plan, SMART plans to recruit {F.PIS_PLANNED_2024} principal "
            "investigators.",
            "description": [
                "SMART recruits high-calibre researchers worldwide. Under its 2024 work plan it plans to recruit "
                f"{F.PIS_PLANNED_2024} principal investigators and holds PI interviews regularly.",
                "A professional research support team, with administrative assistants and research funding managers, "
                "serves SMART's scientists, and research funding follows a lump-sum model.",
            ],
            "requirements": [
                "A doctorate and the ability to lead original research (sample requirement)",
                "An outstanding record in a biomedical field (sample requirement)",
            ],
            "salary": "Competitive (sample)",
        },
    ),
    (
        "young-investigators",
        "pi",
        "FULL_TIME",
        3,
        7,
        60,
        {
            "title": "青年研究员（示例）",
            "institute": "示例研究所",
            "summary": "面向青年科学家的独立研究岗位（示例）。",
            "description": ["示例职位：面向有志于独立开展研究的青年科学家。"],
            "requirements": ["博士学位及博士后研究经历（示例要求）"],
            "salary": "面议（示例）",
        },
        {
            "title": "Early-career investigators (sample)",
            "institute": "Sample Institute",
            "summary": "Independent research positions for early-career scientists (sample).",
            "description": ["A sample position for early-career scientists who want to lead their own research."],
            "requirements": ["A doctorate and postdoctoral experience (sample requirement)"],
            "salary": "Competitive (sample)",
        },
    ),
    (
        "joint-postdoctoral-fellows",
        "postdoc",
        "CONTRACTOR",
        None,
        10,
        45,
        {
            "title": "博士后（与深圳湾实验室联合招收）（示例）",
            "institute": "深圳医学科学院、深圳湾实验室",
            "summary": "深圳医科院与深圳湾实验室联合招收培养博士后。",
            "description": [
                f"深圳医科院与深圳湾实验室联合招收培养博士后，已招收博士后{F.POSTDOCS_RECRUITED}人。",
            ],
            "requirements": ["近三年内获得博士学位（示例要求）"],
            "salary": "按相关规定执行（示例）",
        },
        {
            "title": "Postdoctoral fellows, joint with Shenzhen Bay Laboratory (sample)",
            "institute": "SMART and Shenzhen Bay Laboratory",
            "summary": "SMART and Shenzhen Bay Laboratory recruit and train postdoctoral fellows together.",
            "description": [
                "SMART and Shenzhen Bay Laboratory recruit and train postdoctoral fellows together; "
                f"{F.POSTDOCS_RECRUITED} have been recruited so far.",
            ],
            "requirements": ["A doctorate awarded within the last three years (sample requirement)"],
            "salary": "According to the applicable regulations (sample)",
        },
    ),
    (
        "postdoctoral-fellows-earlier-round",
        "postdoc",
        "CONTRACTOR",
        2,
        60,
        -10,
        {
            "title": "博士后（上一批次，已截止）（示例）",
            "institute": "示例研究所",
            "summary": "已截止的示例职位，保留供查阅。",
            "description": ["示例职位：上一批次的博士后招聘，申请已截止。"],
            "requirements": ["博士学位（示例要求）"],
            "salary": "按相关规定执行（示例）",
        },
        {
            "title": "Postdoctoral fellows, earlier round, closed (sample)",
            "institute": "Sample Institute",
            "summary": "A closed sample posting, kept for reference.",
            "description": ["A sample posting from an earlier round of postdoctoral recruitment; applications closed."],
            "requirements": ["A doctorate (sample requirement)"],
            "salary": "According to the applicable regulations (sample)",
        },
    ),
    (
        "research-funding-manager",
        "research-support",
        "FULL_TIME",
        2,
        5,
        40,
        {
            "title": "科研经费管理经理（示例）",
            "institute": "科研支撑团队",
            "summary": "为科学家提供科研经费管理服务（示例）。",
            "description": ["深圳医科院组建了专业的科研支撑团队，其中包括科研经费管理经理，让科学家围绕科学问题转。"],
            "requirements": ["财务或管理相关专业背景（示例要求）"],
            "salary": "面议（示例）",
        },
        {
            "title": "Research funding manager (sample)",
            "institute": "Research support team",
            "summary": "Research funding management for SMART's scientists (sample).",
            "description": [
                "SMART's professional research support team includes research funding managers, so that scientists "
                "can keep their minds on science."
            ],
            "requirements": ["A background in finance or management (sample requirement)"],
            "salary": "Competitive (sample)",
        },
    ),
    (
        "administrative-assistant",
        "research-support",
        "FULL_TIME",
        4,
        3,
        30,
        {
            "title": "科研行政助理（示例）",
            "institute": "科研支撑团队",
            "summary": "为科学家提供行政助理服务（示例）。",
            "description": ["深圳医科院的科研支撑团队为科学家提供行政助理等服务人员。"],
            "requirements": ["本科及以上学历（示例要求）"],
            "salary": "面议（示例）",
        },
        {
            "title": "Research administrative assistant (sample)",
            "institute": "Research support team",
            "summary": "Administrative assistance for SMART's scientists (sample).",
            "description": ["SMART's research support team provides administrative assistants to its scientists."],
            "requirements": ["A bachelor's degree or above (sample requirement)"],
            "salary": "Competitive (sample)",
        },
    ),
    (
        "management-officer",
        "management",
        "FULL_TIME",
        1,
        8,
        35,
        {
            "title": "综合管理岗（示例）",
            "institute": "综合管理部门（示例）",
            "summary": "负责院务综合管理工作（示例）。",
            "description": ["示例职位：参与规章制度建设与日常运行管理。"],
            "requirements": ["硕士及以上学历（示例要求）"],
            "salary": "面议（示例）",
        },
        {
            "title": "Management officer (sample)",
            "institute": "General management office (sample)",
            "summary": "General management of the academy (sample).",
            "description": ["A sample position helping to build SMART's rules and run its day-to-day management."],
            "requirements": ["A master's degree or above (sample requirement)"],
            "salary": "Competitive (sample)",
        },
    ),
    (
        "smart-program-phd",
        "phd",
        "OTHER",
        None,
        12,
        90,
        {
            "title": "SMART Program 博士研究生（示例）",
            "institute": "SMART Program（与清华大学、西湖大学合作）",
            "summary": "深圳医科院与清华大学、西湖大学合作培养博士研究生。",
            "description": [
                "“SMART Program”是深圳医科院与高水平大学合作培养博士研究生的项目，合作高校包括清华大学、西湖大学。"
            ],
            "requirements": ["具有推荐免试或报考博士研究生资格（示例要求）"],
            "salary": "按项目规定（示例）",
        },
        {
            "title": "SMART Program PhD students (sample)",
            "institute": "SMART Program (with Tsinghua University and Westlake University)",
            "summary": "SMART trains PhD students together with Tsinghua University and Westlake University.",
            "description": [
                "The SMART Program is SMART's joint PhD programme with leading universities, including Tsinghua "
                "University and Westlake University."
            ],
            "requirements": ["Eligibility for doctoral admission (sample requirement)"],
            "salary": "As set by the programme (sample)",
        },
    ),
]


def _fields(text, lang):
    how = (
        "请通过本页下方的申请表提交简历与求职信（首席研究员职位另需研究计划）。"
        if lang == "zh"
        else "Use the application form below to send your CV and a cover letter (and a research statement for "
        "principal "
        "investigator positions)."
    )
    return {
        "title": text["title"],
        "institute": text["institute"],
        "work_location": "广东省深圳市光明区" if lang == "zh" else "Guangming District, Shenzhen, Guangdong",
        "postal_code": "518107",  # Guangming District's post code (the district the sample postings name)
        "listing_summary": text["summary"],
        "listing_image_alt": "由线条连接的节点组成的抽象示意图"
        if lang == "zh"
        else "Abstract illustration of nodes joined by lines",
        "salary_text": text["salary"],
        "description": _html(*text["description"], SAMPLE[lang]),
        "requirements": _list(*text["requirements"]),
        "how_to_apply": _html(how),
    }


def _ensure_posting(row, index_zh, index_en, today):
    slug, category, employment, openings, posted_ago, closes_in, zh, en = row
    created = 0
    posting_zh = JobPostingPage.objects.child_of(index_zh).filter(slug=slug).first()
    if posting_zh is None:
        posting_zh = JobPostingPage(
            slug=slug,
            category=category,
            employment_type=employment,
            openings=openings,
            posted_on=today - datetime.timedelta(days=posted_ago),
            closes_on=today + datetime.timedelta(days=closes_in) if closes_in is not None else None,
            listing_image=artwork("about"),
            **_fields(zh, "zh"),
        )
        index_zh.add_child(instance=posting_zh)
        posting_zh.save_revision().publish()
        posting_zh = JobPostingPage.objects.get(pk=posting_zh.pk)
        created += 1
    if posting_zh.get_translation_or_none(index_en.locale) is None:
        posting_en = posting_zh.copy_for_translation(index_en.locale, copy_parents=False, alias=False).specific
        for name, value in _fields(en, "en").items():
            setattr(posting_en, name, value)
        posting_en.save_revision().publish()
        created += 1
    return created


def load(homes, stdout=None):
    """Create the job postings demo (idempotent); return how many objects were created."""
    home_zh, home_en = homes["zh-hans"], homes["en"]
    index_zh, index_en, created = ensure_index(JobIndexPage, SLUG, home_zh, home_en, INDEX["zh"], INDEX["en"])
    today = timezone.localdate()
    for row in POSTINGS:
        created += _ensure_posting(row, index_zh, index_en, today)
    if stdout is not None:
        stdout.write(f"  job postings: {len(POSTINGS)} in 2 languages, {created} objects created\n")
    return created
