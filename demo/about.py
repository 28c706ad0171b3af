"""About SMART: mission, the five core capabilities and the annual reports.

English: SMART's own English introduction (seed 000), with two small grammar slips corrected.
Chinese: a translation of it, with the facts of the 2023 work report (seed 003).
The texts are in ``demo/data/about.json``.
"""

from content.models import SectionIndexPage, StandardPage

from . import facts as F
from .build import p, ul
from .datafiles import read
from .reports import ANNUAL_REPORTS, fund_table
from .spec import page

_DATA = read("about", facts=True)

MISSION = _DATA["mission"]

# The five core capabilities: official English text and its Chinese translation.
CAPABILITY_TEXT = _DATA["capability_text"]

CAPABILITY_TITLES = {key: (title["zh"], title["en"]) for key, title in _DATA["capability_titles"].items()}

CAPABILITY_SUMMARIES = {key: (summary["zh"], summary["en"]) for key, summary in _DATA["capability_summaries"].items()}

CAPABILITY_IMAGES = {
    key: (image["image"], image["alt_zh"], image["alt_en"]) for key, image in _DATA["capability_images"].items()
}


def _official(blocks, slug):
    return blocks.rich(p(CAPABILITY_TEXT[slug]["zh" if blocks.lang == "zh" else "en"]))


def _figure(blocks, slug):
    key, alt_zh, alt_en = CAPABILITY_IMAGES[slug]
    zh = blocks.lang == "zh"
    return blocks.image(key, alt_zh if zh else alt_en, "示意图" if zh else "Illustration")


def resources_body(blocks):
    zh = blocks.lang == "zh"
    slug = "sci-tech-resources-management"
    fund = "funding/shenzhen-medical-research-fund"
    if zh:
        text = [
            blocks.heading("深圳市医学研究专项资金（深医专项）"),
            blocks.rich(
                p(
                    "2023年4月，深圳市政府批准设立深圳市医学研究专项资金（简称深医专项），首年安排财政资金2亿元，"
                    "并成立深医专项管理委员会。市卫生健康委、市科技创新委及市财政局联合印发纲领性文件"
                    "《深圳市医学研究专项资金管理办法（试行）》，深圳医科院据此陆续制定了深医专项的实施细则。"
                ),
                p(
                    "我们从全国高等院校、科研院所和医院等单位遴选出9000余位高水平专家，组建项目评审专家库；"
                    f"经两轮依托单位注册申请受理，共审议通过{F.FUND_REGISTERED_INSTITUTIONS}家依托单位。"
                ),
                p(
                    f"2023年，深医专项收到来自{F.FUND_APPLYING_INSTITUTIONS_2023}家依托单位的项目申请"
                    f"{F.FUND_APPLICATIONS_2023}项，正式受理{F.FUND_ACCEPTED_2023}项，经形式审查、同行评议及会议评审，"
                    f"批准资助{F.FUND_FUNDED_2023}项，资助总经费{F.wan_yuan(F.FUND_TOTAL_AWARDED_CNY_2023)}万元，"
                    "已拨付完毕。"
                ),
            ),
            fund_table(blocks, "zh"),
            blocks.heading("SMART Investigator"),
            blocks.rich(
                p(
                    "SMART Investigator 是深圳医科院的研究资助项目。2023年，我们推动制定项目章程及实施方案，"
                    "并探索怎样用社会力量支持源头创新。详见",
                    blocks.link("funding/smart-investigator", "SMART Investigator"),
                    "。",
                )
            ),
            blocks.cta(
                "了解深医专项",
                "深医专项的设立、管理制度、专家库与依托单位注册。",
                "深医专项介绍",
                page=fund,
            ),
        ]
    else:
        text = [
            blocks.heading("Shenzhen Medical Research Fund"),
            blocks.rich(
                p(
                    "In April 2023 the Shenzhen Municipal Government approved the establishment of the Shenzhen "
                    "Medical Research Fund (深医专项), allocating CNY 200 million of public funds for its first year, "
                    "and set up a management committee for the fund. The Shenzhen Municipal Health Commission, the "
                    "Shenzhen Municipal Science, Technology and Innovation Commission and the Shenzhen Municipal "
                    "Finance Bureau jointly issued its guiding document, the Measures for the Administration of the "
                    "Shenzhen Medical Research Fund (Trial), on which SMART has based the fund's detailed "
                    "implementation rules."
                ),
                p(
                    "More than 9,000 leading experts from universities, research institutes and hospitals across "
                    "China form the fund's pool of reviewers. Two rounds of host-institution registration approved "
                    f"{F.FUND_REGISTERED_INSTITUTIONS} host institutions."
                ),
                p(
                    f"In 2023 the fund received {F.FUND_APPLICATIONS_2023:,} applications from "
                    f"{F.FUND_APPLYING_INSTITUTIONS_2023} host institutions and formally accepted "
                    f"{F.FUND_ACCEPTED_2023:,}. After eligibility screening, peer review and panel review, "
                    f"{F.FUND_FUNDED_2023} projects were funded with a total of CNY "
                    f"{F.FUND_TOTAL_AWARDED_CNY_2023:,}, all of which has been disbursed."
                ),
            ),
            fund_table(blocks, "en"),
            blocks.heading("SMART Investigator"),
            blocks.rich(
                p(
                    "SMART Investigator is SMART's research funding programme. In 2023 we drove the drafting of its "
                    "charter and implementation plan and explored how support from society can back original "
                    "innovation. See ",
                    blocks.link("funding/smart-investigator", "SMART Investigator"),
                    ".",
                )
            ),
            blocks.cta(
                "About the fund",
                "How the Shenzhen Medical Research Fund was set up, its rules, expert pool and host institutions.",
                "Shenzhen Medical Research Fund",
                page=fund,
            ),
        ]
    return [_official(blocks, slug), _figure(blocks, slug), *text]


def medical_body(blocks):
    zh = blocks.lang == "zh"
    slug = "medical-sciences"
    if zh:
        text = [
            blocks.heading("2023年进展"),
            blocks.rich(
                ul(
                    "深圳医科院持续在全球范围内招聘高水平科研人员，成功引进华盛顿大学冠名讲席教授全职加盟。",
                    f"全年组织{F.PI_INTERVIEWS_2023}次 PI 面试，招聘全职 PI {F.PIS_RECRUITED_2023}位，"
                    "并协助新进 PI 组建科研团队。",
                    "获得国家自然科学基金、广东省自然科学基金项目依托单位资格；制定科研诚信、伦理、人类遗传资源管理等制度。",
                    "组建专业的科研支撑团队，采用经费包干制，落实“科研无忧”理念。",
                ),
                p("了解更多：", blocks.link("research", "科学研究"), "。"),
            ),
        ]
    else:
        text = [
            blocks.heading("Progress in 2023"),
            blocks.rich(
                ul(
                    "SMART recruits high-calibre researchers worldwide; a named chair professor from the University "
                    "of Washington has joined full time.",
                    f"Four rounds of PI interviews in 2023 led to {F.PIS_RECRUITED_2023_EN} full-time "
                    "principal investigators, whom SMART helped to build their teams.",
                    "SMART became an eligible host institution of the National Natural Science Foundation of China "
                    "and the Guangdong Natural Science Foundation, and adopted rules on research integrity, ethics and "
                    "human genetic resources.",
                    "A professional research-support team and lump-sum funding put the idea of worry-free research "
                    "into practice.",
                ),
                p("Read more under ", blocks.link("research", "Research"), "."),
            ),
        ]
    return [_official(blocks, slug), _figure(blocks, slug), *text]


def education_body(blocks):
    zh = blocks.lang == "zh"
    slug = "education-and-exchanges"
    if zh:
        text = [
            blocks.heading("SMART Program"),
            blocks.rich(
                p(
                    "“SMART Program”是深圳医科院与高水平大学合作培养博士研究生的项目。"
                    "2023年，深圳医科院构建了项目体系，与清华大学、西湖大学的人才培养合作协议签约落地。详见",
                    blocks.link("education/smart-program", "SMART Program"),
                    "。",
                )
            ),
            blocks.heading("博士后联合培养"),
            blocks.rich(
                p(
                    f"深圳医科院与深圳湾实验室启动联合招收培养博士后项目，已招收博士后{F.POSTDOCS_RECRUITED}人。详见",
                    blocks.link("education/postdoctoral-programme", "博士后联合培养"),
                    "。",
                )
            ),
            blocks.heading("SMART Symposia"),
            blocks.rich(
                p(
                    f"2023年，深圳医科院举办{F.SYMPOSIA_2023}期 SMART Symposia 系列论坛，邀请100余名中外院士、"
                    "顶尖专家汇聚深圳光明科学城，其中包括数位诺奖得主。详见",
                    blocks.link("events/smart-symposia", "SMART Symposia"),
                    "。",
                )
            ),
        ]
    else:
        text = [
            blocks.heading("SMART Program"),
            blocks.rich(
                p(
                    "The SMART Program is SMART's joint PhD programme with leading universities. In 2023 SMART built "
                    "the programme's framework, and its talent-training agreements with Tsinghua University and "
                    "Westlake University were signed and put into effect. See ",
                    blocks.link("education/smart-program", "SMART Program"),
                    ".",
                )
            ),
            blocks.heading("Joint postdoctoral programme"),
            blocks.rich(
                p(
                    "SMART and Shenzhen Bay Laboratory have launched a joint programme to recruit and train "
                    f"postdoctoral fellows; {F.POSTDOCS_RECRUITED_EN} postdocs have been recruited so far. See ",
                    blocks.link("education/postdoctoral-programme", "Joint postdoctoral programme"),
                    ".",
                )
            ),
            blocks.heading("SMART Symposia"),
            blocks.rich(
                p(
                    f"In 2023 SMART held {F.SYMPOSIA_2023_EN} SMART Symposia, bringing more than 100 "
                    "academicians and leading experts from China and abroad, several Nobel laureates among them, to "
                    "Guangming Science City in Shenzhen. See ",
                    blocks.link("events/smart-symposia", "SMART Symposia"),
                    ".",
                )
            ),
        ]
    return [_official(blocks, slug), _figure(blocks, slug), *text]


def transfer_body(blocks):
    zh = blocks.lang == "zh"
    slug = "clinical-research-and-technology-transfer"
    if zh:
        text = [
            blocks.heading("向先进机构学习"),
            blocks.rich(
                p(
                    "2023年，院领导带队赴北京协和医院、四川大学华西医院、北京天坛医院等知名医疗机构调研，"
                    "研讨怎样建设研究型医院、深圳区域医疗中心，以及临床研究与临床试验等平台；"
                    "赴北京生命科学研究所、清华工研院等科研机构考察，交流项目管理和成果转化经验。"
                )
            ),
            blocks.heading("2024年计划"),
            blocks.rich(
                ul(
                    "实现深圳医科院转化载体的注册成立，建设转化服务中心。",
                    "建立伦理审查制度，筹建临床研究相关平台和基础设施。",
                ),
                p("详见", blocks.link("about/annual-reports/work-plan-2024", "2024年工作计划"), "。"),
            ),
        ]
    else:
        text = [
            blocks.heading("Learning from leading institutions"),
            blocks.rich(
                p(
                    "In 2023 SMART's leaders visited leading medical institutions, including Peking Union Medical "
                    "College Hospital, West China Hospital of Sichuan University and Beijing Tiantan Hospital, to "
                    "discuss how to build research hospitals, a regional medical centre in Shenzhen and platforms for "
                    "clinical research and clinical trials. Visits to the National Institute of Biological Sciences, "
                    "Beijing and Tsinghua's industrial research institute were devoted to project management and "
                    "technology transfer."
                )
            ),
            blocks.heading("Plans for 2024"),
            blocks.rich(
                ul(
                    "Register and establish SMART's technology-transfer entity and build a technology-transfer "
                    "service centre.",
                    "Set up an ethics review system and prepare platforms and infrastructure for clinical research.",
                ),
                p("See the ", blocks.link("about/annual-reports/work-plan-2024", "2024 work plan"), "."),
            ),
        ]
    return [_official(blocks, slug), _figure(blocks, slug), *text]


def policy_body(blocks):
    zh = blocks.lang == "zh"
    slug = "policy-consultation"
    if zh:
        text = [
            blocks.heading("智库工作"),
            blocks.rich(
                ul(
                    "为教育部和广东省联合主办的教育强国战略咨询会建言献策。",
                    (
                        "每月发布",
                        blocks.link("digest", "《全球医学科技动态》"),
                        "，追踪全球医学科技进展。",
                    ),
                    ("定期发布医学科技创新与发展", blocks.link("white-papers", "白皮书"), "。"),
                ),
            ),
        ]
    else:
        text = [
            blocks.heading("Think-tank work"),
            blocks.rich(
                ul(
                    "SMART contributed advice to a strategic consultation on building China into a leading country "
                    "in education, co-hosted by the Ministry of Education and Guangdong Province.",
                    (
                        "Every month SMART publishes the ",
                        blocks.link("digest", "Global Medical Science & Technology Digest"),
                        ", which follows progress in medical science and technology around the world.",
                    ),
                    (
                        "SMART issues ",
                        blocks.link("white-papers", "white papers"),
                        " on medical sciences innovation and development.",
                    ),
                ),
            ),
        ]
    return [_official(blocks, slug), _figure(blocks, slug), *text]


CAPABILITY_BODIES = {
    "sci-tech-resources-management": resources_body,
    "medical-sciences": medical_body,
    "education-and-exchanges": education_body,
    "clinical-research-and-technology-transfer": transfer_body,
    "policy-consultation": policy_body,
}


def _capability(slug):
    zh_title, en_title = CAPABILITY_TITLES[slug]
    zh_summary, en_summary = CAPABILITY_SUMMARIES[slug]
    image, alt_zh, alt_en = CAPABILITY_IMAGES[slug]
    return page(
        StandardPage,
        slug,
        zh={"title": zh_title, "intro": zh_summary, "listing_summary": zh_summary, "listing_image_alt": alt_zh},
        en={"title": en_title, "intro": en_summary, "listing_summary": en_summary, "listing_image_alt": alt_en},
        image=image,
        body=CAPABILITY_BODIES[slug],
    )


def mission_body(blocks):
    zh = blocks.lang == "zh"
    paragraphs = MISSION["zh" if zh else "en"][1:]
    return [
        blocks.rich(*[p(text) for text in paragraphs]),
        blocks.image(
            "about",
            "由线条连接的节点组成的抽象示意图" if zh else "Abstract illustration of nodes joined by lines",
            "示意图" if zh else "Illustration",
        ),
        blocks.cta(
            "五大核心职能" if zh else "Five core capabilities",
            "科技资源管理、医学科学研究、教育与交流、临床研究与成果转化、政策咨询。"
            if zh
            else "Sci-tech resources management, medical sciences, education and exchanges, clinical research and "
            "technology transfer, and policy consultation.",
            "了解核心职能" if zh else "Explore our capabilities",
            page="about/capabilities",
        ),
    ]


def about_body(blocks):
    zh = blocks.lang == "zh"
    capability_links = [blocks.link(f"about/capabilities/{slug}") for slug in CAPABILITY_TITLES]
    if zh:
        return [
            blocks.image("about", "由线条连接的节点组成的抽象示意图", "示意图"),
            blocks.rich(
                p(
                    "2023年10月，深圳市委编制委员会办公室发布“深编〔2023〕32号文”，批复深圳医科院去筹成立，"
                    "明确深圳医科院为市政府直属事业单位，按法定机构模式运作，实行全新机制。"
                    "2023年11月21日，深圳医科院成立大会在光明云谷国际会议中心举行。"
                ),
                p("深圳医科院围绕五大核心职能开展工作："),
                ul(*capability_links),
                p(
                    "每年的工作进展与计划见",
                    blocks.link("about/annual-reports", "年度报告"),
                    "；我们的使命见",
                    blocks.link("about/mission", "使命与愿景"),
                    "。",
                ),
            ),
        ]
    return [
        blocks.image("about", "Abstract illustration of nodes joined by lines", "Illustration"),
        blocks.rich(
            p(
                "In October 2023 the Office of the Shenzhen Municipal Institutional Organization Commission issued "
                "document Shen Bian [2023] No. 32, approving SMART's formal establishment as a public institution "
                "directly under the Shenzhen Municipal Government that operates under the statutory-body model with "
                "an entirely new mechanism. SMART's founding ceremony was held on 21 November 2023 at the Guangming "
                "Cloud Valley International Conference Center."
            ),
            p("SMART's work rests on five core capabilities:"),
            ul(*capability_links),
            p(
                "Each year's progress and plans are set out in our ",
                blocks.link("about/annual-reports", "annual reports"),
                "; read about our ",
                blocks.link("about/mission", "mission and vision"),
                ".",
            ),
        ),
    ]


def capabilities_body(blocks):
    zh = blocks.lang == "zh"
    return [
        blocks.rich(
            p(
                "依托全链条的工作方式，深圳医科院的五大核心职能相互衔接，贯通基础研究、临床研究与转化研究，"
                "共同服务于“推动科学技术转化为全民健康”的使命。"
            )
            if zh
            else p(
                "Following a whole-process approach, SMART's five core capabilities work together to bridge basic, "
                "clinical and translational research, all serving one purpose: translating science and technology "
                "into health for all."
            )
        )
    ]


ABOUT = page(
    SectionIndexPage,
    "about",
    zh={
        "title": "关于我们",
        "intro": "深圳医学科学院（SMART）是一所为未来医学科学开辟新路的研究机构，是深圳市政府直属事业单位，"
        "按法定机构模式运作。",
        "listing_summary": "使命与愿景、五大核心职能与年度报告。",
        "listing_image_alt": "由线条连接的节点组成的抽象示意图",
    },
    en={
        "title": "About SMART",
        "intro": "The Shenzhen Medical Academy of Research and Translation (SMART) is an institute blazing new trails "
        "for future medical sciences: a public institution directly under the Shenzhen Municipal Government, "
        "operating under the statutory-body model.",
        "listing_summary": "Our mission, our five core capabilities and our annual reports.",
        "listing_image_alt": "Abstract illustration of nodes joined by lines",
    },
    image="about",
    body=about_body,
    children=[
        page(
            StandardPage,
            "mission",
            zh={
                "title": "使命与愿景",
                "intro": MISSION["zh"][0],
                "listing_summary": "推动科学技术转化为全民健康，是我们一切工作的核心。",
                "listing_image_alt": "由线条连接的节点组成的抽象示意图",
            },
            en={
                "title": "Mission and vision",
                "intro": MISSION["en"][0],
                "listing_summary": "Translating science and technology into health for all is at the center of what "
                "we do.",
                "listing_image_alt": "Abstract illustration of nodes joined by lines",
            },
            image="about",
            body=mission_body,
        ),
        page(
            SectionIndexPage,
            "capabilities",
            zh={
                "title": "核心职能",
                "intro": "科技资源管理、医学科学研究、教育与交流、临床研究与成果转化、政策咨询。",
                "listing_summary": "深圳医科院的五大核心职能。",
                "listing_image_alt": "大小不一的方块排成网格的抽象示意图",
            },
            en={
                "title": "Core capabilities",
                "intro": "Sci-tech resources management, medical sciences, education and exchanges, clinical research "
                "and technology transfer, and policy consultation.",
                "listing_summary": "SMART's five core capabilities.",
                "listing_image_alt": "Abstract grid of squares",
            },
            image="resources",
            body=capabilities_body,
            children=[_capability(slug) for slug in CAPABILITY_TITLES],
        ),
        ANNUAL_REPORTS,
    ],
)
