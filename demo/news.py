"""News: articles written from the facts of the 2023 work report (seed 003).

Only the founding ceremony has an exact date in the seeds (21 November 2023). The other events are
known to the month or the year, so their text says no more than that, and their date field is the
end of that month or year (a date on which the event had certainly happened), never an invented day.
"""

import datetime

from content.models import NewsArticlePage, NewsIndexPage

from . import facts as F
from .build import p, ul
from .reports import fund_table
from .spec import page


def _article(slug, date, zh, en, body, image="news", tags=None):
    zh = {**zh, "date": date}
    en = {**en}
    return page(NewsArticlePage, slug, zh=zh, en=en, image=image, body=body, tags=tags or {})


def fund_established_body(blocks):
    if blocks.lang == "zh":
        return [
            blocks.rich(
                p(
                    "2023年4月，深圳市政府批准设立深圳市医学研究专项资金（简称深医专项），首年安排财政资金2亿元，"
                    "并成立深医专项管理委员会。"
                ),
                p(
                    "市卫生健康委、市科技创新委及市财政局联合印发了深医专项工作的纲领性文件《深圳市医学研究专项资金"
                    "管理办法（试行）》。根据文件精神，深圳医科院陆续制定了深医专项的实施细则。"
                ),
                p("了解更多：", blocks.link("funding/shenzhen-medical-research-fund", "深圳市医学研究专项资金"), "。"),
            )
        ]
    return [
        blocks.rich(
            p(
                "In April 2023 the Shenzhen Municipal Government approved the establishment of the Shenzhen Medical "
                "Research Fund (深医专项), allocating CNY 200 million of public funds for its first year, and set up "
                "a management committee for the fund."
            ),
            p(
                "The Shenzhen Municipal Health Commission, the Shenzhen Municipal Science, Technology and Innovation "
                "Commission and the Shenzhen Municipal Finance Bureau jointly issued the fund's guiding document, the "
                "Measures for the Administration of the Shenzhen Medical Research Fund (Trial). In line with these "
                "measures, SMART has drawn up the fund's detailed implementation rules."
            ),
            p(
                "Read more: ",
                blocks.link("funding/shenzhen-medical-research-fund", "Shenzhen Medical Research Fund"),
                ".",
            ),
        )
    ]


def foundation_body(blocks):
    if blocks.lang == "zh":
        return [
            blocks.rich(
                p("2023年4月，深圳市光明致远科技基金会在光明科学城论坛揭牌。基金会已启动募资，并签署数项捐赠协议。"),
                p(
                    "2024年，基金会将建立完善的管理体系和稳定的筹款模式，持续开展筹款活动，开展第一批项目资助，"
                    "并定期对项目进展和成果进行评估、向捐赠人反馈。"
                ),
                p("了解更多：", blocks.link("foundation", "深圳市光明致远科技基金会"), "。"),
            )
        ]
    return [
        blocks.rich(
            p(
                "In April 2023 the Shenzhen Guangming Zhiyuan Science and Technology Foundation "
                "(深圳市光明致远科技基金会) was unveiled at the Guangming Science City Forum. Fundraising has begun, "
                "and several donation agreements have been signed."
            ),
            p(
                "In 2024 the foundation will put in place a sound management system and a stable fundraising model, "
                "keep fundraising, fund its first batch of projects, and regularly evaluate their progress and results "
                "and report back to donors."
            ),
            p("Read more: ", blocks.link("foundation", "the Foundation"), "."),
        )
    ]


def approval_body(blocks):
    if blocks.lang == "zh":
        return [
            blocks.rich(
                p("2023年10月，深圳市委编制委员会办公室发布“深编〔2023〕32号文”，批复深圳医学科学院去筹成立。"),
                p("文件明确，深圳医科院为市政府直属事业单位，按法定机构模式运作，实行全新机制。"),
                p("在广泛公开征求意见的基础上，《深圳医学科学院办法》已报请市政府审议。"),
                p("2023年11月21日，深圳医科院成立大会在光明云谷国际会议中心举行。"),
            )
        ]
    return [
        blocks.rich(
            p(
                "In October 2023 the Office of the Shenzhen Municipal Institutional Organization Commission issued "
                "document Shen Bian [2023] No. 32 (深编〔2023〕32号), approving the end of SMART's preparatory phase "
                "and its formal establishment."
            ),
            p(
                "The document defines SMART as a public institution directly under the Shenzhen Municipal Government "
                "that operates under the statutory-body model with an entirely new mechanism."
            ),
            p(
                "After a broad public consultation, the Measures on the Shenzhen Medical Academy of Research and "
                "Translation have been submitted to the municipal government for review."
            ),
            p(
                "On 21 November 2023 SMART's founding ceremony was held at the Guangming Cloud Valley International "
                "Conference Center."
            ),
        )
    ]


def ceremony_body(blocks):
    if blocks.lang == "zh":
        return [
            blocks.rich(
                p("2023年11月21日上午，深圳医学科学院成立大会在光明云谷国际会议中心举行。"),
                p(
                    "2023年10月，深圳市委编制委员会办公室发布“深编〔2023〕32号文”，批复深圳医科院去筹成立，"
                    "明确深圳医科院为市政府直属事业单位，按法定机构模式运作，实行全新机制。"
                ),
                p("深圳医科院以“为未来医学科学开辟新路”为使命，围绕五大核心职能开展工作："),
                ul(
                    blocks.link("about/capabilities/sci-tech-resources-management"),
                    blocks.link("about/capabilities/medical-sciences"),
                    blocks.link("about/capabilities/education-and-exchanges"),
                    blocks.link("about/capabilities/clinical-research-and-technology-transfer"),
                    blocks.link("about/capabilities/policy-consultation"),
                ),
            ),
        ]
    return [
        blocks.rich(
            p(
                "On the morning of 21 November 2023, the founding ceremony of the Shenzhen Medical Academy of Research "
                "and Translation (SMART) was held at the Guangming Cloud Valley International Conference Center "
                "(光明云谷国际会议中心)."
            ),
            p(
                "In October 2023 the Office of the Shenzhen Municipal Institutional Organization Commission had "
                "approved SMART's formal establishment in document Shen Bian [2023] No. 32, defining SMART as a public "
                "institution directly under the Shenzhen Municipal Government that operates under the statutory-body "
                "model with an entirely new mechanism."
            ),
            p(
                "SMART, an institute blazing new trails for future medical sciences, works through five core "
                "capabilities:"
            ),
            ul(
                blocks.link("about/capabilities/sci-tech-resources-management"),
                blocks.link("about/capabilities/medical-sciences"),
                blocks.link("about/capabilities/education-and-exchanges"),
                blocks.link("about/capabilities/clinical-research-and-technology-transfer"),
                blocks.link("about/capabilities/policy-consultation"),
            ),
        ),
    ]


def awards_body(blocks):
    if blocks.lang == "zh":
        return [
            blocks.rich(
                p(
                    f"2023年，深医专项共受理{F.FUND_APPLICATION_TYPES}种类型{F.FUND_APPLICATION_CATEGORIES}个类别的"
                    f"项目申请，共收到来自{F.FUND_APPLYING_INSTITUTIONS_2023}家依托单位的项目申请"
                    f"{F.FUND_APPLICATIONS_2023}项，正式受理{F.FUND_ACCEPTED_2023}项。"
                ),
                p(
                    f"经形式审查、同行评议及会议评审，最终批准资助{F.FUND_FUNDED_2023}项，资助总经费"
                    f"{F.wan_yuan(F.FUND_TOTAL_AWARDED_CNY_2023)}万元，已拨付完毕。项目评审专家库由全国高等院校、"
                    "科研院所和医院等单位遴选出的9000余位高水平专家组成。"
                ),
            ),
            fund_table(blocks, "zh"),
        ]
    return [
        blocks.rich(
            p(
                "In 2023 the Shenzhen Medical Research Fund accepted applications in "
                f"{F.FUND_APPLICATION_CATEGORIES} categories of {F.FUND_APPLICATION_TYPES_EN} types. It "
                f"received {F.FUND_APPLICATIONS_2023:,} applications from {F.FUND_APPLYING_INSTITUTIONS_2023} host "
                "institutions and formally accepted "
                f"{F.FUND_ACCEPTED_2023:,}."
            ),
            p(
                f"After eligibility screening, peer review and panel review, {F.FUND_FUNDED_2023} projects were funded "
                f"with a total of CNY {F.FUND_TOTAL_AWARDED_CNY_2023:,}, all of which has been disbursed. The pool of "
                "reviewers counts more than 9,000 leading experts from universities, research institutes and hospitals "
                "across China."
            ),
        ),
        fund_table(blocks, "en"),
    ]


def postdoc_body(blocks):
    if blocks.lang == "zh":
        return [
            blocks.rich(
                p(
                    "2023年，深圳医科院与深圳湾实验室启动联合招收培养博士后项目，"
                    f"已招收博士后{F.POSTDOCS_RECRUITED}人。"
                ),
                p(
                    "根据2024年工作计划，深圳医科院将建立博士后工作站（分站），并加快与深圳湾实验室形成深度融合、"
                    "分工协调、共生共促的发展格局。"
                ),
                p("了解更多：", blocks.link("education/postdoctoral-programme", "博士后联合培养"), "。"),
            )
        ]
    return [
        blocks.rich(
            p(
                "In 2023 SMART and Shenzhen Bay Laboratory launched a joint programme to recruit and train "
                f"postdoctoral fellows; {F.POSTDOCS_RECRUITED_EN} postdocs have been recruited so far."
            ),
            p(
                "Under its 2024 work plan, SMART will set up a postdoctoral workstation (sub-station) and move faster "
                "towards deep integration with Shenzhen Bay Laboratory, with a coordinated division of labour and "
                "mutual reinforcement."
            ),
            p("Read more: ", blocks.link("education/postdoctoral-programme", "Joint postdoctoral programme"), "."),
        )
    ]


def tsinghua_body(blocks):
    if blocks.lang == "zh":
        return [
            blocks.rich(
                p("清华大学一行来访深圳医科院，洽谈 Tsinghua-SMART Program 合作事宜。"),
                p(
                    "“SMART Program”是深圳医科院与高水平大学合作培养博士研究生的项目。2023年，深圳医科院构建了这一"
                    "项目体系，保障与清华大学、西湖大学的人才培养合作协议签约落地。"
                ),
                p("了解更多：", blocks.link("education/smart-program", "SMART Program"), "。"),
            )
        ]
    return [
        blocks.rich(
            p(
                "A delegation from Tsinghua University visited SMART to discuss cooperation on the "
                "Tsinghua-SMART Program."
            ),
            p(
                "The SMART Program is SMART's joint PhD programme with leading universities. In 2023 SMART built the "
                "programme's framework and saw its talent-training agreements with Tsinghua University and Westlake "
                "University signed and put into effect."
            ),
            p("Read more: ", blocks.link("education/smart-program", "SMART Program"), "."),
        )
    ]


def symposia_body(blocks):
    if blocks.lang == "zh":
        return [
            blocks.rich(
                p("SMART Symposia 系列在癸卯年的最后一次会议圆满收官。"),
                p(
                    f"2023年，深圳医科院共举办{F.SYMPOSIA_2023}期 SMART Symposia 系列论坛，邀请100余名中外院士、"
                    "顶尖专家汇聚深圳光明科学城，其中包括数位诺奖得主。新老科学家们热烈探讨了生物医学领域的前沿研究"
                    "和创新应用。"
                ),
                p(
                    "论坛的引才效应同样显著：30余位专家学者借由 SMART Symposia 对光明科学城与深圳医科院表达了浓厚的"
                    "兴趣，近十位正在深入讨论引进可能。2024年，SMART Symposia 将继续举办。"
                ),
                p("了解更多：", blocks.link("events/smart-symposia", "SMART Symposia 系列论坛"), "。"),
            ),
        ]
    return [
        blocks.rich(
            p(
                "The SMART Symposia series has closed the Year of the Rabbit (癸卯年) with its last symposium "
                "of the year."
            ),
            p(
                f"In 2023 SMART held {F.SYMPOSIA_2023_EN} SMART Symposia, bringing more than 100 academicians "
                "and leading experts from China and abroad, several Nobel laureates among them, to Guangming Science "
                "City in Shenzhen to discuss frontier research and innovative applications in biomedicine."
            ),
            p(
                "The symposia also attract talent: more than 30 experts and scholars expressed a strong interest in "
                "Guangming Science City and SMART through them, and in-depth talks about possible appointments are "
                "under way with nearly ten. The series continues in 2024."
            ),
            p("Read more: ", blocks.link("events/smart-symposia", "SMART Symposia"), "."),
        ),
    ]


NEWS = page(
    NewsIndexPage,
    "news",
    zh={
        "title": "新闻动态",
        "intro": "深圳医学科学院的最新动态。",
        "listing_summary": "深圳医学科学院的最新动态。",
        "listing_image_alt": "交错的曲线抽象示意图",
    },
    en={
        "title": "News",
        "intro": "The latest from SMART.",
        "listing_summary": "The latest from SMART.",
        "listing_image_alt": "Abstract illustration of crossing curves",
    },
    image="news",
    children=[
        _article(
            "shenzhen-medical-research-fund-established",
            datetime.date(2023, 4, 30),
            zh={
                "title": "深圳市政府批准设立深圳市医学研究专项资金",
                "intro": "2023年4月，深医专项获批设立，首年安排财政资金2亿元。",
                "listing_summary": "2023年4月，深医专项获批设立，首年安排财政资金2亿元。",
                "listing_image_alt": "深浅不一的蓝绿色方块抽象示意图",
            },
            en={
                "title": "Shenzhen Medical Research Fund established",
                "intro": "In April 2023 the Shenzhen Municipal Government approved the fund, with CNY 200 million for "
                "its first year.",
                "listing_summary": "Approved in April 2023, with CNY 200 million for its first year.",
                "listing_image_alt": "Abstract illustration of teal squares in several shades",
            },
            body=fund_established_body,
            image="fund",
            tags={"zh": ["深医专项"], "en": ["Shenzhen Medical Research Fund"]},
        ),
        _article(
            "foundation-unveiled",
            datetime.date(2023, 4, 30),
            zh={
                "title": "深圳市光明致远科技基金会在光明科学城论坛揭牌",
                "intro": "2023年4月，基金会揭牌并启动募资，已签署数项捐赠协议。",
                "listing_summary": "2023年4月，基金会揭牌并启动募资。",
                "listing_image_alt": "交错的曲线抽象示意图",
            },
            en={
                "title": "Shenzhen Guangming Zhiyuan Science and Technology Foundation unveiled",
                "intro": "In April 2023 the foundation was unveiled at the Guangming Science City Forum and began "
                "fundraising; several donation agreements have been signed.",
                "listing_summary": "Unveiled at the Guangming Science City Forum in April 2023.",
                "listing_image_alt": "Abstract illustration of crossing curves",
            },
            body=foundation_body,
            image="news",
            tags={"zh": ["基金会"], "en": ["Foundation"]},
        ),
        _article(
            "establishment-approved",
            datetime.date(2023, 10, 31),
            zh={
                "title": "深圳医学科学院获批去筹成立",
                "intro": "2023年10月，“深编〔2023〕32号文”明确深圳医科院为市政府直属事业单位，按法定机构模式运作。",
                "listing_summary": "2023年10月，深圳市委编办批复深圳医科院去筹成立。",
                "listing_image_alt": "蓝绿色圆环中心一个红色圆点的抽象示意图",
            },
            en={
                "title": "SMART approved as a formally established institution",
                "intro": "In October 2023 document Shen Bian [2023] No. 32 defined SMART as a public institution "
                "directly under the municipal government, operating under the statutory-body model.",
                "listing_summary": "In October 2023 SMART's preparatory phase formally came to an end.",
                "listing_image_alt": "Abstract illustration of a red dot inside teal rings",
            },
            body=approval_body,
            image="ceremony",
            tags={"zh": ["院务"], "en": ["SMART"]},
        ),
        _article(
            "founding-ceremony",
            datetime.date(2023, 11, 21),
            zh={
                "title": "深圳医学科学院成立大会在光明云谷国际会议中心举行",
                "intro": "2023年11月21日上午，深圳医学科学院正式成立。",
                "listing_summary": "2023年11月21日上午，深圳医学科学院成立大会举行。",
                "listing_image_alt": "蓝绿色圆环中心一个红色圆点的抽象示意图",
            },
            en={
                "title": "SMART's founding ceremony held at Guangming Cloud Valley",
                "intro": "On the morning of 21 November 2023 the Shenzhen Medical Academy of Research and Translation "
                "was formally founded.",
                "listing_summary": "SMART's founding ceremony was held on the morning of 21 November 2023.",
                "listing_image_alt": "Abstract illustration of a red dot inside teal rings",
            },
            body=ceremony_body,
            image="ceremony",
            tags={"zh": ["院务"], "en": ["SMART"]},
        ),
        _article(
            "fund-first-year-awards",
            datetime.date(2023, 12, 31),
            zh={
                "title": f"深医专项完成首年评审，资助{F.FUND_FUNDED_2023}个项目",
                "intro": f"2023年，深医专项收到项目申请{F.FUND_APPLICATIONS_2023}项，批准资助{F.FUND_FUNDED_2023}项，"
                f"资助总经费{F.wan_yuan(F.FUND_TOTAL_AWARDED_CNY_2023)}万元。",
                "listing_summary": f"批准资助{F.FUND_FUNDED_2023}项，资助总经费"
                f"{F.wan_yuan(F.FUND_TOTAL_AWARDED_CNY_2023)}万元。",
                "listing_image_alt": "深浅不一的蓝绿色方块抽象示意图",
            },
            en={
                "title": f"Shenzhen Medical Research Fund funds {F.FUND_FUNDED_2023} projects in its first year",
                "intro": f"In 2023 the fund received {F.FUND_APPLICATIONS_2023:,} applications and funded "
                f"{F.FUND_FUNDED_2023} projects with a total of CNY {F.FUND_TOTAL_AWARDED_CNY_2023:,}.",
                "listing_summary": f"{F.FUND_FUNDED_2023} projects funded with CNY {F.FUND_TOTAL_AWARDED_CNY_2023:,}.",
                "listing_image_alt": "Abstract illustration of teal squares in several shades",
            },
            body=awards_body,
            image="fund",
            tags={"zh": ["深医专项"], "en": ["Shenzhen Medical Research Fund"]},
        ),
        _article(
            "joint-postdoctoral-programme",
            datetime.date(2023, 12, 31),
            zh={
                "title": "深圳医科院与深圳湾实验室启动博士后联合培养",
                "intro": f"联合招收培养博士后项目已招收博士后{F.POSTDOCS_RECRUITED}人。",
                "listing_summary": f"联合招收培养博士后项目已招收博士后{F.POSTDOCS_RECRUITED}人。",
                "listing_image_alt": "交错的曲线抽象示意图",
            },
            en={
                "title": "SMART and Shenzhen Bay Laboratory launch joint postdoctoral programme",
                "intro": f"The joint programme has recruited {F.POSTDOCS_RECRUITED_EN} postdoctoral fellows so far.",
                "listing_summary": f"{F.POSTDOCS_RECRUITED_EN.capitalize()} postdoctoral fellows recruited so far.",
                "listing_image_alt": "Abstract illustration of crossing curves",
            },
            body=postdoc_body,
            image="news",
            tags={"zh": ["人才培养"], "en": ["Education"]},
        ),
        _article(
            "tsinghua-smart-program-visit",
            datetime.date(2023, 12, 31),
            zh={
                "title": "清华大学一行来访洽谈 Tsinghua-SMART Program 合作事宜",
                "intro": "双方围绕博士研究生联合培养项目 Tsinghua-SMART Program 开展洽谈。",
                "listing_summary": "清华大学一行来访，洽谈 Tsinghua-SMART Program 合作。",
                "listing_image_alt": "交错的曲线抽象示意图",
            },
            en={
                "title": "Tsinghua University delegation visits SMART to discuss the Tsinghua-SMART Program",
                "intro": "The talks concerned the Tsinghua-SMART Program for joint PhD training.",
                "listing_summary": "A Tsinghua University delegation discusses cooperation on the Tsinghua-SMART "
                "Program.",
                "listing_image_alt": "Abstract illustration of crossing curves",
            },
            body=tsinghua_body,
            tags={"zh": ["人才培养"], "en": ["Education"]},
        ),
        _article(
            "smart-symposia-year-of-the-rabbit-finale",
            datetime.date(2024, 2, 9),
            zh={
                "title": "SMART Symposia 系列在癸卯年的最后一次会议圆满收官",
                "intro": f"2023年，SMART Symposia 共举办{F.SYMPOSIA_2023}期，邀请100余名中外院士、顶尖专家，"
                "其中包括数位诺奖得主。",
                "listing_summary": "癸卯年的最后一次 SMART Symposia 圆满收官。",
                "listing_image_alt": "围绕中心的同心圆抽象示意图",
            },
            en={
                "title": "SMART Symposia close the Year of the Rabbit",
                "intro": f"SMART held {F.SYMPOSIA_2023_EN} SMART Symposia in 2023, with more than 100 "
                "academicians and leading experts, several Nobel laureates among them.",
                "listing_summary": "The last SMART Symposium of the Year of the Rabbit.",
                "listing_image_alt": "Abstract illustration of concentric circles",
            },
            body=symposia_body,
            image="symposia",
            tags={"zh": ["SMART Symposia"], "en": ["SMART Symposia"]},
        ),
    ],
)
