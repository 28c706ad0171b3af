"""Digest, White papers, Careers, Foundation and Contact (seeds 000 and 003).

Digest issues, white papers, job postings and the pledge form get their own page types in later
work; until then these sections are section index pages with an honest introduction.
Contact details that the seeds do not give are visibly marked as samples (示例), never invented as fact.
"""

from content.models import SectionIndexPage, StandardPage

from . import facts as F
from .build import b, p, ul
from .foundation import DONOR_LIST, PLEDGE
from .spec import page

SAMPLE_EMAIL = "contact@example.org"


def digest_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.rich(
                p(
                    "积极履行智库职能是深圳医科院的一项重要工作。深圳医科院每月发布",
                    b("《全球医学科技动态》"),
                    "，面向关注医学科技创新的读者。",
                ),
                p(
                    "深圳医科院的政策咨询工作见",
                    blocks.link("about/capabilities/policy-consultation", "政策咨询"),
                    "与",
                    blocks.link("white-papers", "白皮书"),
                    "。",
                ),
            )
        ]
    return [
        blocks.rich(
            p(
                "Serving as a think tank is an important part of SMART's work. Every month SMART publishes the ",
                b("Global Medical Science & Technology Digest"),
                " (《全球医学科技动态》) for readers who follow innovation in medical science and technology.",
            ),
            p(
                "Read more about SMART's advisory work under ",
                blocks.link("about/capabilities/policy-consultation", "Policy consultation"),
                " and ",
                blocks.link("white-papers", "White papers"),
                ".",
            ),
        )
    ]


def white_papers_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.rich(
                p(
                    "深圳医科院发挥专业人才资源优势，以科学为依据为政府决策提供咨询建议：协助深圳市开展生物医药发展的"
                    "总体规划设计，制定医学科技创新中长期战略规划，并定期发布医学科技创新与发展白皮书。"
                ),
                p("2023年，深圳医科院为教育部和广东省联合主办的教育强国战略咨询会建言献策。"),
            ),
            blocks.image("policy", "层叠纸页形状的抽象示意图", "示意图"),
            blocks.cta(
                "《全球医学科技动态》",
                "深圳医科院每月发布的医学科技动态。",
                "阅读动态",
                page="digest",
            ),
        ]
    return [
        blocks.rich(
            p(
                "SMART utilizes its professional talent resources to provide science-driven consultation and advice "
                "for government decision making. We assist Shenzhen Municipality in the masterplan design of "
                "biomedical development, making of medium- and long-term strategic plan for medical sciences "
                "innovation, as well as the regular issue of white papers on medical sciences innovation and "
                "development."
            ),
            p(
                "In 2023 SMART contributed advice to a strategic consultation on building China into a leading "
                "country in education, co-hosted by the Ministry of Education and Guangdong Province."
            ),
        ),
        blocks.image("policy", "Abstract illustration of stacked pages", "Illustration"),
        blocks.cta(
            "Global Medical Science & Technology Digest",
            "SMART's monthly digest of developments in medical science and technology.",
            "Read the digest",
            page="digest",
        ),
    ]


def careers_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.rich(
                p(
                    "深圳医科院持续在全球范围内招聘高水平科研人员，通过严格的国际同行评议招揽顶尖人才。"
                    f"2023年，我们组织了{F.PI_INTERVIEWS_2023}次 PI 面试，招聘全职 PI {F.PIS_RECRUITED_2023}位；"
                    f"2024年计划引进{F.PIS_PLANNED_2024}名 PI。"
                ),
                h_list_zh(),
            ),
            blocks.heading("“无忧”服务"),
            blocks.rich(
                p(
                    "深圳医科院组建了专业的科研支撑团队，为科学家提供行政助理、科研经费管理经理等服务人员，"
                    "并采用经费包干制，让科学家专注于科学问题。2024年，我们将建立“人才无忧”机制。"
                )
            ),
            blocks.cta(
                "与我们联系",
                "如有意加入深圳医科院，欢迎与我们联系。",
                "联系我们",
                page="contact",
            ),
        ]
    return [
        blocks.rich(
            p(
                "SMART recruits high-calibre researchers worldwide and appoints top talent through rigorous "
                f"international peer review. In 2023 we held {F.PI_INTERVIEWS_2023_EN} rounds of PI "
                f"interviews and recruited {F.PIS_RECRUITED_2023_EN} full-time PIs; in 2024 we plan to recruit "
                f"{F.PIS_PLANNED_2024} PIs."
            ),
            h_list_en(),
        ),
        blocks.heading("Worry-free services"),
        blocks.rich(
            p(
                "A professional research-support team provides scientists with administrative assistants, "
                "research-grant managers and other support staff, and lump-sum funding lets scientists concentrate "
                "on science. In 2024 SMART will establish a worry-free talent mechanism."
            )
        ),
        blocks.cta(
            "Get in touch",
            "If you are interested in joining SMART, please contact us.",
            "Contact us",
            page="contact",
        ),
    ]


def h_list_zh():
    return ul(
        "首席研究员（PI）：面向全球招聘，协助组建科研团队。",
        f"博士后：与深圳湾实验室联合招收培养，已招收{F.POSTDOCS_RECRUITED}人。",
        "科研支撑人员：行政助理、科研经费管理经理等。",
    )


def h_list_en():
    return ul(
        "Principal investigators (PIs): recruited worldwide, with help in building their teams.",
        f"Postdoctoral fellows: recruited and trained with Shenzhen Bay Laboratory; {F.POSTDOCS_RECRUITED_EN} so far.",
        "Research-support staff: administrative assistants, research-grant managers and more.",
    )


def foundation_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.image("foundation", "向中心汇聚的线条抽象示意图", "示意图"),
            blocks.rich(
                p(
                    "2023年4月，深圳市光明致远科技基金会在光明科学城论坛揭牌，并已签署数项捐赠协议。"
                    "深圳医科院正在探索怎样用社会力量支持源头创新，",
                    blocks.link("funding/smart-investigator", "SMART Investigator"),
                    " 研究资助项目即是其中的探索之一。",
                )
            ),
            blocks.heading("2024年工作"),
            blocks.rich(
                ul(
                    "建立完善的管理体系和稳定的筹款模式，持续开展筹款活动。",
                    "开展第一批项目资助。",
                    "定期对项目进展和成果进行评估，并向捐赠人反馈。",
                )
            ),
            blocks.cta(
                "支持源头创新",
                "欢迎在线认捐，或与我们联系。",
                "在线认捐",
                page="foundation/pledge",
            ),
        ]
    return [
        blocks.image("foundation", "Abstract illustration of lines converging on a centre", "Illustration"),
        blocks.rich(
            p(
                "The Shenzhen Guangming Zhiyuan Science and Technology Foundation (深圳市光明致远科技基金会) was "
                "unveiled at the Guangming Science City Forum in April 2023, and several donation agreements have been "
                "signed. SMART is exploring how support from society can back original innovation; its research "
                "funding programme ",
                blocks.link("funding/smart-investigator", "SMART Investigator"),
                " is part of that work.",
            )
        ),
        blocks.heading("Work in 2024"),
        blocks.rich(
            ul(
                "Put in place a sound management system and a stable fundraising model, and keep fundraising.",
                "Fund the first batch of projects.",
                "Evaluate the progress and results of funded projects regularly and report back to donors.",
            )
        ),
        blocks.cta(
            "Support original innovation",
            "Pledge a gift online, or get in touch with us.",
            "Make a pledge",
            page="foundation/pledge",
        ),
    ]


def contact_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.heading("地址"),
            blocks.rich(
                p("深圳医学科学院位于广东省深圳市光明区，办公场地设在光明生命科学园，科研场地设在卫光生命科学园。"),
            ),
            blocks.heading("电子邮箱"),
            blocks.rich(
                p(SAMPLE_EMAIL, "（示例地址，仅供演示）"),
            ),
            blocks.heading("微信公众号"),
            blocks.rich(
                p("深圳医科院常态化运营微信公众号。页脚中的二维码为示例图片，不能扫描。"),
            ),
            blocks.heading("常见咨询"),
            blocks.rich(
                ul(
                    ("深医专项：", blocks.link("funding/shenzhen-medical-research-fund", "深圳市医学研究专项资金")),
                    ("加入我们：", blocks.link("careers", "人才招聘")),
                    ("捐赠：", blocks.link("foundation", "深圳市光明致远科技基金会")),
                )
            ),
        ]
    return [
        blocks.heading("Address"),
        blocks.rich(
            p(
                "SMART is located in Guangming District, Shenzhen, Guangdong, China. Its offices are at Guangming "
                "Life Science Park and its research space is at Weiguang Life Science Park."
            ),
        ),
        blocks.heading("Email"),
        blocks.rich(p(SAMPLE_EMAIL, " (sample address for demonstration only)")),
        blocks.heading("WeChat official account"),
        blocks.rich(
            p(
                "SMART runs a WeChat official account. The QR code in the footer is a sample image and cannot be "
                "scanned."
            )
        ),
        blocks.heading("Common enquiries"),
        blocks.rich(
            ul(
                (
                    "The fund: ",
                    blocks.link("funding/shenzhen-medical-research-fund", "Shenzhen Medical Research Fund"),
                ),
                ("Joining SMART: ", blocks.link("careers", "Careers")),
                ("Donations: ", blocks.link("foundation", "Foundation")),
            )
        ),
    ]


DIGEST = page(
    SectionIndexPage,
    "digest",
    zh={
        "title": "全球医学科技动态",
        "intro": "深圳医科院每月发布的《全球医学科技动态》。",
        "listing_summary": "每月一期的全球医学科技动态。",
        "listing_image_alt": "层叠纸页形状的抽象示意图",
    },
    en={
        "title": "Global Medical Science & Technology Digest",
        "intro": "SMART's monthly Global Medical Science & Technology Digest.",
        "listing_summary": "A monthly digest of medical science and technology worldwide.",
        "listing_image_alt": "Abstract illustration of stacked pages",
    },
    image="policy",
    body=digest_body,
)

WHITE_PAPERS = page(
    SectionIndexPage,
    "white-papers",
    zh={
        "title": "白皮书",
        "intro": "以科学为依据，为政府决策提供咨询建议，定期发布医学科技创新与发展白皮书。",
        "listing_summary": "政策咨询与医学科技创新发展白皮书。",
        "listing_image_alt": "层叠纸页形状的抽象示意图",
    },
    en={
        "title": "White papers",
        "intro": "Science-driven advice for government decision making, and regular white papers on medical sciences "
        "innovation and development.",
        "listing_summary": "Policy consultation and white papers on medical sciences innovation.",
        "listing_image_alt": "Abstract illustration of stacked pages",
    },
    image="report",
    body=white_papers_body,
)

CAREERS = page(
    SectionIndexPage,
    "careers",
    zh={
        "title": "人才招聘",
        "intro": "深圳医科院持续在全球范围内招聘高水平科研人员。",
        "listing_summary": "首席研究员、博士后与科研支撑人员。",
        "listing_image_alt": "由线条连接的节点组成的抽象示意图",
    },
    en={
        "title": "Careers",
        "intro": "SMART recruits high-calibre researchers worldwide.",
        "listing_summary": "Principal investigators, postdoctoral fellows and research-support staff.",
        "listing_image_alt": "Abstract illustration of nodes joined by lines",
    },
    image="about",
    body=careers_body,
)

FOUNDATION = page(
    SectionIndexPage,
    "foundation",
    zh={
        "title": "深圳市光明致远科技基金会",
        "intro": "2023年4月在光明科学城论坛揭牌，以社会力量支持源头创新。",
        "listing_summary": "2023年4月揭牌，已签署数项捐赠协议。",
        "listing_image_alt": "向中心汇聚的线条抽象示意图",
    },
    en={
        "title": "Shenzhen Guangming Zhiyuan Science and Technology Foundation",
        "intro": "Unveiled at the Guangming Science City Forum in April 2023 to channel support from society into "
        "original innovation.",
        "listing_summary": "Unveiled in April 2023; several donation agreements signed.",
        "listing_image_alt": "Abstract illustration of lines converging on a centre",
    },
    image="foundation",
    body=foundation_body,
    children=[PLEDGE, DONOR_LIST],
)

CONTACT = page(
    StandardPage,
    "contact",
    zh={
        "title": "联系我们",
        "intro": "深圳医学科学院位于广东省深圳市光明区。",
        "listing_summary": "地址、电子邮箱与微信公众号。",
        "listing_image_alt": "",
    },
    en={
        "title": "Contact",
        "intro": "SMART is located in Guangming District, Shenzhen.",
        "listing_summary": "Address, email and WeChat official account.",
        "listing_image_alt": "",
    },
    body=contact_body,
)
