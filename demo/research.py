"""Research: institutes and research groups, research support, facilities and platforms (seed 003)."""

from content.models import SectionIndexPage, StandardPage

from . import facts as F
from .build import p, ul
from .spec import page


def research_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.rich(
                p(
                    "深圳医科院的医学研究，把“人人享有健康”的目标化为“人人为了健康”的行动。每个研究所都承载着源自前沿"
                    "领域的创立使命，并通过严格的国际同行评议招揽顶尖人才。"
                ),
                p(
                    "深圳医科院的科研范式强调跨学科、多层次、融合集成，并与深圳湾实验室协同发展、一体化建设。"
                    "研究工作的定位见",
                    blocks.link("about/capabilities/medical-sciences", "医学科学研究"),
                    "。",
                ),
            ),
            blocks.image("medical", "双螺旋形状的圆点抽象示意图", "示意图"),
        ]
    return [
        blocks.rich(
            p(
                "Medical research at SMART puts the purpose of health for all into the action of all for health. Each "
                "SMART institute carries a founding mission inspired by frontier fields and recruits top talents "
                "through rigorous international peer review."
            ),
            p(
                "SMART's research paradigm is transdisciplinary, multilevel and integrative, and SMART develops "
                "together with Shenzhen Bay Laboratory in an integrated way. Read how research fits SMART's mission "
                "under ",
                blocks.link("about/capabilities/medical-sciences", "Medical sciences"),
                ".",
            ),
        ),
        blocks.image("medical", "Abstract double helix of dots", "Illustration"),
    ]


def institutes_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.heading("引才聚智"),
            blocks.rich(
                p(
                    "深圳医科院持续在全球范围内招聘高水平科研人员，成功引进华盛顿大学冠名讲席教授全职加盟。"
                    f"2023年度，我们共组织了{F.PI_INTERVIEWS_2023}次 PI 面试，招聘全职 PI {F.PIS_RECRUITED_2023}位，"
                    "并协助新进 PI 组建科研团队。"
                ),
                p(
                    "SMART Symposia 也是引才的重要渠道：2023年，有30余位专家学者借由 SMART Symposia "
                    "对光明科学城与深圳医科院表达了浓厚的兴趣，近十位正在深入讨论引进可能。"
                ),
            ),
            blocks.heading("2024年计划"),
            blocks.rich(
                ul(
                    f"接洽国外资深意向 PI，定期开展 PI 面试，计划引进{F.PIS_PLANNED_2024}名 PI。",
                    "推动研究所建立，建立“人才无忧”机制，加强建设科研支撑团队。",
                ),
                p("招聘信息见", blocks.link("careers", "人才招聘"), "。"),
            ),
        ]
    return [
        blocks.heading("Attracting talent"),
        blocks.rich(
            p(
                "SMART recruits high-calibre researchers worldwide; a named chair professor from the University of "
                f"Washington has joined SMART full time. In 2023 SMART held {F.PI_INTERVIEWS_2023_EN} rounds "
                f"of interviews for principal investigators (PIs), recruited {F.PIS_RECRUITED_2023_EN} "
                "full-time PIs and helped the new PIs build their research teams."
            ),
            p(
                "SMART Symposia are an important channel too: in 2023 more than 30 experts and scholars expressed a "
                "strong interest in Guangming Science City and SMART through the symposia, and in-depth talks about "
                "possible appointments are under way with nearly ten of them."
            ),
        ),
        blocks.heading("Plans for 2024"),
        blocks.rich(
            ul(
                f"Engage senior PIs abroad who are interested in joining, hold PI interviews regularly and recruit "
                f"{F.PIS_PLANNED_2024} PIs.",
                "Establish institutes, set up a worry-free talent mechanism and strengthen the research-support team.",
            ),
            p("Open positions are listed under ", blocks.link("careers", "Careers"), "."),
        ),
    ]


def support_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.heading("科研管理制度"),
            blocks.rich(
                p(
                    "2023年，深圳医科院获得国家自然科学基金、广东省自然科学基金项目依托单位资格。我们出台了纵向、横向"
                    "科研项目管理办法，编制了国家、省、市项目申报指引，制定了科研诚信、伦理、人类遗传资源管理等制度。"
                )
            ),
            blocks.heading("“科研无忧”"),
            blocks.rich(
                p(
                    "我们组建了专业的科研支撑团队，为科学家提供行政助理、科研经费管理经理等服务人员，"
                    "让科学家围绕科学问题转；采用经费包干制，让资金围绕科学家转。"
                ),
                p(
                    "2024年，我们将夯实科研项目和成果管理等服务支持能力，建立伦理审查制度，"
                    "力争实现国家级项目与人才资助计划突破。"
                ),
            ),
        ]
    return [
        blocks.heading("Research management"),
        blocks.rich(
            p(
                "In 2023 SMART became an eligible host institution for projects of the National Natural Science "
                "Foundation of China and the Guangdong Natural Science Foundation. We issued management rules for "
                "government-funded and commissioned research projects, prepared guides for applying to national, "
                "provincial and municipal programmes, and put in place rules on research integrity, ethics and the "
                "management of human genetic resources."
            )
        ),
        blocks.heading("Worry-free research"),
        blocks.rich(
            p(
                "A professional research-support team provides scientists with administrative assistants, "
                "research-grant managers and other support staff, so that scientists can concentrate on scientific "
                "questions; and lump-sum funding means that funding serves the scientists rather than the other way "
                "round."
            ),
            p(
                "In 2024 we will strengthen support for managing projects and research outputs, set up an ethics "
                "review system and aim for breakthroughs in national research projects and talent programmes."
            ),
        ),
    ]


def facilities_body(blocks):
    zh = blocks.lang == "zh"
    if zh:
        return [
            blocks.image("facilities", "高低错落的建筑体块抽象示意图，并非建筑设计图", "示意图，并非建筑方案"),
            blocks.heading("科研与办公场地"),
            blocks.rich(
                p(
                    "2023年，深圳医科院启用光明生命科学园办公场地与卫光生命科学园一期科研场地；完成28万平方米选址"
                    "用地规划与概念方案设计、可研批复与片区修建性详规编制等前期工作，深圳医科院及深圳湾实验室一体化"
                    "建设项目首期地块动工。"
                )
            ),
            blocks.heading("仪器设备与信息化"),
            blocks.rich(
                p(
                    "专家咨询组统筹永久场地仪器设备需求，编制设备可行性研究报告。价值50万元以上的设备已获批复；"
                    "50万元以下设备则完成合同签订，启动配送安装。科研项目管理、OA、内网门户、人事、采购、"
                    "实验室管理系统已正式上线。"
                )
            ),
            blocks.heading("2024年计划"),
            blocks.rich(
                ul(
                    "卫光科研场地一期工程全面运营，二期建设完成，交付使用动物中心。",
                    "完成永久场地概算申报，推动实体建设，完成年度投资计划。",
                    "完成小型设备采购、装调和大型设备报审、采购，上线设备共享平台。",
                    "启动科研数据应用中心等软硬件设施建设。",
                )
            ),
        ]
    return [
        blocks.image(
            "facilities",
            "Abstract illustration of building blocks of different heights, not an architectural design",
            "Illustration, not an architectural design",
        ),
        blocks.heading("Research and office space"),
        blocks.rich(
            p(
                "In 2023 SMART moved into office space at Guangming Life Science Park and phase I research space at "
                "Weiguang Life Science Park. Preliminary work for the 280,000-square-metre permanent site (site "
                "selection and land-use planning, conceptual design, approval of the feasibility study and the "
                "detailed construction plan for the area) was completed, and construction began on the first plot "
                "of the integrated SMART and Shenzhen Bay Laboratory project."
            )
        ),
        blocks.heading("Instruments and information systems"),
        blocks.rich(
            p(
                "An expert advisory group coordinated the instrument and equipment needs of the permanent site and "
                "prepared feasibility reports. Equipment worth more than CNY 500,000 per item has been approved; for "
                "items below CNY 500,000, contracts have been signed and delivery and installation have begun. "
                "Systems for research project management, office automation, the intranet portal, human resources, "
                "procurement and laboratory management are in service."
            )
        ),
        blocks.heading("Plans for 2024"),
        blocks.rich(
            ul(
                "Bring phase I of the Weiguang research site into full operation, complete phase II and hand over "
                "the animal centre for use.",
                "Submit the budget estimate for the permanent site, push its construction forward and complete the "
                "year's investment plan.",
                "Finish purchasing and commissioning small equipment and the approval and purchase of large "
                "equipment, and launch an equipment-sharing platform.",
                "Begin building facilities such as a research data application centre.",
            )
        ),
    ]


RESEARCH = page(
    SectionIndexPage,
    "research",
    zh={
        "title": "科学研究",
        "intro": "研究所承载源自前沿领域的创立使命，通过严格的国际同行评议招揽顶尖人才。",
        "listing_summary": "研究所与研究团队、科研支撑体系、科研场地与平台。",
        "listing_image_alt": "双螺旋形状的圆点抽象示意图",
    },
    en={
        "title": "Research",
        "intro": "Institutes with founding missions in frontier fields, recruiting top talent through rigorous "
        "international peer review.",
        "listing_summary": "Institutes and research groups, research support, facilities and platforms.",
        "listing_image_alt": "Abstract double helix of dots",
    },
    image="medical",
    body=research_body,
    children=[
        page(
            StandardPage,
            "institutes",
            zh={
                "title": "研究所与研究团队",
                "intro": f"2023年，深圳医科院招聘全职 PI {F.PIS_RECRUITED_2023}位；"
                f"2024年计划引进{F.PIS_PLANNED_2024}名 PI。",
                "listing_summary": "面向全球招聘高水平科研人员，推动研究所建立。",
                "listing_image_alt": "由线条连接的节点组成的抽象示意图",
            },
            en={
                "title": "Institutes and research groups",
                "intro": f"SMART recruited {F.PIS_RECRUITED_2023_EN} full-time PIs in 2023 and plans to "
                f"recruit {F.PIS_PLANNED_2024} in 2024.",
                "listing_summary": "Recruiting high-calibre researchers worldwide and establishing institutes.",
                "listing_image_alt": "Abstract illustration of nodes joined by lines",
            },
            image="about",
            body=institutes_body,
        ),
        page(
            StandardPage,
            "research-support",
            zh={
                "title": "科研支撑体系",
                "intro": "让科学家围绕科学问题转，让资金围绕科学家转。",
                "listing_summary": "科研管理制度、专业科研支撑团队与经费包干制。",
                "listing_image_alt": "大小不一的方块排成网格的抽象示意图",
            },
            en={
                "title": "Research support",
                "intro": "Scientists concentrate on scientific questions; funding serves the scientists.",
                "listing_summary": "Research management rules, a professional support team and lump-sum funding.",
                "listing_image_alt": "Abstract grid of squares",
            },
            image="resources",
            body=support_body,
        ),
        page(
            StandardPage,
            "facilities",
            zh={
                "title": "科研场地与平台",
                "intro": "光明生命科学园办公场地、卫光生命科学园科研场地，以及建设中的28万平方米永久场地。",
                "listing_summary": "科研与办公场地、仪器设备与信息化建设。",
                "listing_image_alt": "高低错落的建筑体块抽象示意图",
            },
            en={
                "title": "Facilities and platforms",
                "intro": "Offices at Guangming Life Science Park, research space at Weiguang Life Science Park, and a "
                "280,000-square-metre permanent site in the making.",
                "listing_summary": "Research and office space, instruments and information systems.",
                "listing_image_alt": "Abstract illustration of building blocks",
            },
            image="facilities",
            body=facilities_body,
        ),
    ],
)
