"""Education (SMART Program, joint postdoctoral programme) and Events (SMART Symposia), from seeds 000 and 003."""

from content.models import SectionIndexPage, StandardPage

from . import facts as F
from .build import p, ul
from .spec import page


def education_index_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.rich(
                p(
                    "深圳医科院借鉴全球医师科学家教育与培养经验，致力于培养自己的医师科学家，让他们成为连接实验室与"
                    "病床的桥梁。"
                ),
                ul(
                    (
                        blocks.link("education/smart-program", "SMART Program"),
                        "：与清华大学、西湖大学合作培养博士研究生。",
                    ),
                    (
                        blocks.link("education/postdoctoral-programme", "博士后联合培养"),
                        "：与深圳湾实验室联合招收培养博士后。",
                    ),
                ),
            ),
            blocks.image("education", "多条向前延伸的曲线抽象示意图", "示意图"),
        ]
    return [
        blocks.rich(
            p(
                "Drawing on global experience in educating and training physician-scientists, SMART endeavors to "
                "nurture its own physician-scientists who can bridge the gap between bench and bedside."
            ),
            ul(
                (
                    blocks.link("education/smart-program", "SMART Program"),
                    ": PhD training with Tsinghua University and Westlake University.",
                ),
                (
                    blocks.link("education/postdoctoral-programme", "Joint postdoctoral programme"),
                    ": postdoctoral fellows recruited and trained together with Shenzhen Bay Laboratory.",
                ),
            ),
        ),
        blocks.image("education", "Abstract illustration of curved lines running forward", "Illustration"),
    ]


def program_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.rich(
                p(
                    "“SMART Program”是深圳医科院与高水平大学合作培养博士研究生的项目。2023年，深圳医科院构建了这一"
                    "项目体系，保障与清华大学、西湖大学的人才培养合作协议签约落地。"
                ),
                p(
                    "院领导带队赴清华大学、西湖大学等研究型高校，学习人才培养、科研经费管理、人才保障等先进经验；"
                    "清华大学一行也曾来访，洽谈 Tsinghua-SMART Program 合作事宜。"
                ),
            ),
            blocks.heading("2024年计划"),
            blocks.rich(
                ul(
                    "建设 SMART Program 项目精品课程体系与学生培养方案。",
                    "做好招生与学生管理工作。",
                )
            ),
            blocks.table(
                [["合作高校", "合作内容"], ["清华大学", "博士研究生联合培养"], ["西湖大学", "博士研究生联合培养"]],
                caption="SMART Program 合作高校",
            ),
        ]
    return [
        blocks.rich(
            p(
                "The SMART Program is SMART's joint PhD programme with leading universities. In 2023 SMART built the "
                "programme's framework and saw its talent-training agreements with Tsinghua University and Westlake "
                "University signed and put into effect."
            ),
            p(
                "SMART's leaders visited research universities such as Tsinghua University and Westlake University to "
                "learn from their experience in talent development, research funding management and support for "
                "researchers, and a Tsinghua University delegation visited SMART to discuss cooperation on the "
                "Tsinghua-SMART Program."
            ),
        ),
        blocks.heading("Plans for 2024"),
        blocks.rich(
            ul(
                "Build a high-quality curriculum and training plan for the SMART Program.",
                "Manage admissions and students well.",
            )
        ),
        blocks.table(
            [
                ["Partner university", "Cooperation"],
                ["Tsinghua University", "Joint PhD training"],
                ["Westlake University", "Joint PhD training"],
            ],
            caption="SMART Program partner universities",
        ),
    ]


def postdoc_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.rich(
                p(
                    "2023年，深圳医科院与深圳湾实验室启动联合招收培养博士后项目，"
                    f"已招收博士后{F.POSTDOCS_RECRUITED}人。"
                ),
                p("根据2024年工作计划，深圳医科院将建立博士后工作站（分站）。"),
                p("招聘信息见", blocks.link("careers", "人才招聘"), "。"),
            )
        ]
    return [
        blocks.rich(
            p(
                "In 2023 SMART and Shenzhen Bay Laboratory launched a joint programme to recruit and train "
                f"postdoctoral fellows; {F.POSTDOCS_RECRUITED_EN} postdocs have been recruited so far."
            ),
            p("Under its 2024 work plan, SMART will set up a postdoctoral workstation (sub-station)."),
            p("Open positions are listed under ", blocks.link("careers", "Careers"), "."),
        )
    ]


def events_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.rich(
                p(
                    "深圳医科院依托跨境互联互通优势，为全球生物医学界的青年科学家搭建学术交流平台。旗舰学术活动是 ",
                    blocks.link("events/smart-symposia", "SMART Symposia"),
                    " 系列论坛。",
                )
            )
        ]
    return [
        blocks.rich(
            p(
                "Leveraging enhanced cross-border connectivity, SMART creates a platform for academic exchange among "
                "young scientists across the global biomedical community. Its flagship series is ",
                blocks.link("events/smart-symposia", "SMART Symposia"),
                ".",
            )
        )
    ]


def symposia_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.image("symposia", "围绕中心的同心圆抽象示意图", "示意图"),
            blocks.heading("2023年：5期论坛"),
            blocks.rich(
                p(
                    "深圳医科院致力于将 SMART Symposia 建成国际化、专业化、高水平的学术交流平台。2023年，"
                    f"我们成功举办了{F.SYMPOSIA_2023}期 SMART Symposia 系列论坛，共邀请100余名中外院士、"
                    "顶尖专家汇聚深圳光明科学城，其中包括数位诺奖得主。新老科学家们热烈探讨了生物医学领域的"
                    "前沿研究和创新应用，为学术交流注入新鲜血液。"
                ),
            ),
            blocks.heading("以会聚才"),
            blocks.rich(
                p(
                    "SMART Symposia 对人才的磁吸效应显著。2023年度，有30余位专家学者借由 SMART Symposia "
                    "对光明科学城与深圳医科院表达了浓厚的兴趣，近十位正在深入讨论引进可能。"
                    "高品质的论坛在学界反响热烈，增强了深圳在生物医药领域的学术影响力。"
                )
            ),
            blocks.table(
                [
                    ["2023年", "数字"],
                    ["举办论坛", f"{F.SYMPOSIA_2023}期"],
                    ["邀请中外院士、顶尖专家", "100余名（含数位诺奖得主）"],
                    ["表达加盟兴趣的专家学者", "30余位"],
                ],
                caption="SMART Symposia 2023年概况",
            ),
            blocks.heading("2024年"),
            blocks.rich(
                p(
                    "继续举办汇集多位诺奖、中外顶尖科学家的 SMART Symposia 系列论坛，加强与知名专家和机构的合作，"
                    "扩大高层次人才集聚效应，进一步提升 SMART Symposia 学术会议品牌的国际影响力。"
                )
            ),
        ]
    return [
        blocks.image("symposia", "Abstract illustration of concentric circles", "Illustration"),
        blocks.heading("2023: five symposia"),
        blocks.rich(
            p(
                "SMART is committed to building SMART Symposia into an international, specialised and high-level "
                f"platform for academic exchange. In 2023 we held {F.SYMPOSIA_2023_EN} SMART Symposia, which "
                "brought more than 100 academicians and leading experts from China and abroad, several Nobel laureates "
                "among them, to Guangming Science City in Shenzhen. Established and early-career scientists discussed "
                "frontier research and innovative applications in biomedicine, bringing fresh energy to academic "
                "exchange."
            )
        ),
        blocks.heading("Attracting talent"),
        blocks.rich(
            p(
                "SMART Symposia have proved a strong draw for talent. In 2023 more than 30 experts and scholars "
                "expressed a strong interest in Guangming Science City and SMART through the symposia, and in-depth "
                "talks about possible appointments are under way with nearly ten of them. The symposia have been "
                "warmly received in academia and have strengthened Shenzhen's academic standing in biomedicine."
            )
        ),
        blocks.table(
            [
                ["2023", "Figure"],
                ["Symposia held", str(F.SYMPOSIA_2023)],
                ["Academicians and leading experts invited", "100+ (including several Nobel laureates)"],
                ["Experts who expressed interest in joining", "30+"],
            ],
            caption="SMART Symposia in 2023",
        ),
        blocks.heading("2024"),
        blocks.rich(
            p(
                "SMART will continue the series, bringing together Nobel laureates and leading scientists from China "
                "and abroad, strengthen cooperation with renowned experts and institutions, widen its pull on "
                "high-level talent and further raise the international profile of the SMART Symposia brand."
            )
        ),
    ]


EDUCATION = page(
    SectionIndexPage,
    "education",
    zh={
        "title": "人才培养",
        "intro": "培养能够连接实验室与病床的医师科学家。",
        "listing_summary": "SMART Program 博士研究生项目与博士后联合培养。",
        "listing_image_alt": "多条向前延伸的曲线抽象示意图",
    },
    en={
        "title": "Education",
        "intro": "Nurturing physician-scientists who can bridge the gap between bench and bedside.",
        "listing_summary": "The SMART Program for PhD students and the joint postdoctoral programme.",
        "listing_image_alt": "Abstract illustration of curved lines running forward",
    },
    image="education",
    body=education_index_body,
    children=[
        page(
            StandardPage,
            "smart-program",
            zh={
                "title": "SMART Program 博士研究生项目",
                "intro": "深圳医科院与高水平大学合作培养博士研究生的项目，合作高校包括清华大学、西湖大学。",
                "listing_summary": "与清华大学、西湖大学合作培养博士研究生。",
                "listing_image_alt": "多条向前延伸的曲线抽象示意图",
            },
            en={
                "title": "SMART Program",
                "intro": "SMART's joint PhD programme with leading universities, including Tsinghua University and "
                "Westlake University.",
                "listing_summary": "Joint PhD training with Tsinghua University and Westlake University.",
                "listing_image_alt": "Abstract illustration of curved lines running forward",
            },
            image="education",
            body=program_body,
        ),
        page(
            StandardPage,
            "postdoctoral-programme",
            zh={
                "title": "博士后联合培养",
                "intro": f"深圳医科院与深圳湾实验室联合招收培养博士后，已招收博士后{F.POSTDOCS_RECRUITED}人。",
                "listing_summary": "与深圳湾实验室联合招收培养博士后。",
                "listing_image_alt": "交错的曲线抽象示意图",
            },
            en={
                "title": "Joint postdoctoral programme",
                "intro": "SMART and Shenzhen Bay Laboratory recruit and train postdoctoral fellows together; "
                f"{F.POSTDOCS_RECRUITED_EN} have been recruited so far.",
                "listing_summary": "Postdoctoral fellows recruited and trained with Shenzhen Bay Laboratory.",
                "listing_image_alt": "Abstract illustration of crossing curves",
            },
            image="news",
            body=postdoc_body,
        ),
    ],
)

EVENTS = page(
    SectionIndexPage,
    "events",
    zh={
        "title": "学术活动",
        "intro": "SMART Symposia 系列论坛及其他学术活动。",
        "listing_summary": "SMART Symposia 系列论坛：2023年举办5期。",
        "listing_image_alt": "围绕中心的同心圆抽象示意图",
    },
    en={
        "title": "Events",
        "intro": "SMART Symposia and other academic events.",
        "listing_summary": "SMART Symposia: five symposia in 2023.",
        "listing_image_alt": "Abstract illustration of concentric circles",
    },
    image="symposia",
    body=events_body,
    children=[
        page(
            StandardPage,
            "smart-symposia",
            zh={
                "title": "SMART Symposia 系列论坛",
                "intro": f"2023年举办{F.SYMPOSIA_2023}期，邀请100余名中外院士、顶尖专家汇聚深圳光明科学城，"
                "其中包括数位诺奖得主。",
                "listing_summary": "国际化、专业化、高水平的学术交流平台。",
                "listing_image_alt": "围绕中心的同心圆抽象示意图",
            },
            en={
                "title": "SMART Symposia",
                "intro": f"{F.SYMPOSIA_2023_EN.capitalize()} symposia in 2023, bringing more than 100 "
                "academicians and leading experts from China and abroad, several Nobel laureates among them, to "
                "Guangming Science City.",
                "listing_summary": "An international, specialised and high-level platform for academic exchange.",
                "listing_image_alt": "Abstract illustration of concentric circles",
            },
            image="symposia",
            body=symposia_body,
        ),
    ],
)
