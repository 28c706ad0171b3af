"""Annual reports: the 2023 work report and the 2024 work plan (from seed 003), in Chinese and English.

The Chinese follows the report's own wording; the English is a careful translation of it. The same
data feeds the pages and the generated PDF summary (demo.documents).
"""

from content.models import SectionIndexPage, StandardPage

from . import facts as F
from .build import b, ol, p
from .spec import page

REPORT_2023_INTRO = {
    "zh": "深圳市委市政府高度重视、高位推动深圳医学科学院（以下简称深圳医科院）建设，在各部门大力支持下，"
    "深圳医科院各项建设加速推进。",
    "en": "The CPC Shenzhen Municipal Committee and the Shenzhen Municipal Government have given the development of "
    "the Shenzhen Medical Academy of Research and Translation (SMART) high priority and high-level support. With "
    "the strong backing of government departments, work on every front of SMART's development gathered pace in "
    "2023.",
}

# Each section: (heading, [(lead, text), ...]); an empty lead means the text stands alone.
REPORT_2023 = {
    "zh": [
        (
            "一、深圳医学科学院正式成立",
            [
                (
                    "",
                    "2023年10月，深圳市委编制委员会办公室发布“深编〔2023〕32号文”，批复深圳医科院去筹成立，"
                    "明确深圳医科院为市政府直属事业单位，按法定机构模式运作，实行全新机制。"
                    "2023年11月21日上午，深圳医科院成立大会在光明云谷国际会议中心举行。",
                ),
            ],
        ),
        (
            "二、立项并稳步推进深圳市医学研究专项资金（简称深医专项）",
            [
                (
                    "深医专项立项",
                    "4月，深圳市政府批准设立深医专项，首年安排财政资金2亿元，成立深医专项管理委员会。",
                ),
                (
                    "制定管理制度",
                    "市卫生健康委、市科技创新委及市财政局联合印发了深医专项工作的纲领性文件"
                    "《深圳市医学研究专项资金管理办法（试行）》。根据文件精神，我们陆续制定了深医专项的实施细则。",
                ),
                (
                    "组建专家库",
                    "从全国高等院校、科研院所和医院等单位遴选出9000余位高水平专家，形成项目评审专家库。",
                ),
                (
                    "开展依托单位注册审查",
                    f"开展两轮依托单位注册申请受理，共审议通过{F.FUND_REGISTERED_INSTITUTIONS}家依托单位。",
                ),
                (
                    "完成首年项目评审与立项",
                    f"2023年，深医专项共受理{F.FUND_APPLICATION_TYPES}种类型{F.FUND_APPLICATION_CATEGORIES}个类别的"
                    f"项目申请，共收到来自{F.FUND_APPLYING_INSTITUTIONS_2023}家依托单位的项目申请"
                    f"{F.FUND_APPLICATIONS_2023}项，正式受理{F.FUND_ACCEPTED_2023}项。经形式审查、同行评议及会议评审，"
                    f"最终批准资助{F.FUND_FUNDED_2023}项，资助总经费{F.wan_yuan(F.FUND_TOTAL_AWARDED_CNY_2023)}万元，"
                    "拨付完毕。",
                ),
            ],
        ),
        (
            "三、创立 SMART Symposia 学术会议品牌，以会聚才成效显著",
            [
                (
                    "",
                    "深圳医科院致力于将 SMART Symposia 建成国际化、专业化、高水平的学术交流平台。2023年，"
                    "我们成功举办了5期 SMART Symposia 系列论坛，共邀请100余名中外院士、顶尖专家汇聚深圳光明科学城，"
                    "其中包括数位诺奖得主。新老科学家们热烈探讨了生物医学领域的前沿研究和创新应用，"
                    "为学术交流注入新鲜血液。",
                ),
                (
                    "",
                    "SMART Symposia 对人才的磁吸效应显著，达成了“以会聚才”的设想。2023年度，有30余位专家学者借由 "
                    "SMART Symposia 对光明科学城与深圳医科院表达了浓厚的兴趣，近十位正在深入讨论引进可能。"
                    "SMART Symposia 的高品质论坛在学界反响热烈，增强了深圳在生物医药领域的学术影响力。",
                ),
            ],
        ),
        (
            "四、构建人才集聚创新、科教融汇发展的“无忧”生态",
            [
                (
                    "引才聚智，打造生物领域高水平人才高地",
                    "深圳医科院持续在全球范围内招聘高水平科研人员，成功引进华盛顿大学冠名讲席教授全职加盟。"
                    "2023年度，我们共组织了四次 PI 面试，招聘全职 PI 七位，并协助新进 PI 组建科研团队。",
                ),
                (
                    "组建高层级战略专家咨询团队",
                    "组织召开建设规划专家论证会、高层次闭门论坛、首届战略咨询委员会会议，凝聚战略科学家的智慧，"
                    "汇集医、教、研、产各界专家，系统研讨、论证“深圳医科院发展规划”“与深圳湾实验室协同发展规划”等议题。",
                ),
                (
                    "加强科研体系建设",
                    "2023年，深圳医科院获得国家自然科学基金、广东省自然科学基金项目依托单位资格。"
                    "我们出台了纵向、横向科研项目管理办法，编制了国家、省、市项目申报指引，"
                    "制定了科研诚信、伦理、人类遗传资源管理等制度。",
                ),
                (
                    "落实“科研无忧”理念",
                    "我们组建了专业的科研支撑团队，为科学家提供行政助理、科研经费管理经理等服务人员，"
                    "让科学家围绕科学问题转；采用经费包干制，让资金围绕科学家转。",
                ),
                (
                    "SMART Program",
                    "“SMART Program”是深圳医科院与高水平大学合作培养博士研究生项目。2023年，我们构建了这一项目体系，"
                    "保障深圳医科院与清华大学、西湖大学人才培养合作协议签约落地。",
                ),
                (
                    "SMART Investigator",
                    "“SMART Investigator”是深圳医科院的研究资助项目。2023年，我们推动制定项目章程及实施方案，"
                    "并探索怎样用社会力量支持源头创新。",
                ),
                (
                    "博士后联合培养",
                    "启动深圳医科院与深圳湾实验室联合招收培养博士后项目，已招收博士后3人。",
                ),
            ],
        ),
        (
            "五、高标准严要求，推进深圳医科院基建、平台和信息化建设",
            [
                (
                    "基础设施建设",
                    "启用光明生命科学园办公场地与卫光生命科学园一期科研场地；完成28万平方米选址用地规划与概念方案设计、"
                    "可研批复与片区修建性详规编制等前期工作，深圳医科院及深圳湾实验室一体化建设项目首期地块动工。",
                ),
                (
                    "科研平台建设",
                    "建立专家咨询组，统筹永久场地仪器设备需求，编制设备可行性研究报告。价值50万元以上的设备已获批复；"
                    "50万元以下设备则完成合同签订，启动配送安装。",
                ),
                (
                    "信息化建设",
                    "正式上线科研项目管理、OA、内网门户、人事、采购、实验室管理系统。",
                ),
            ],
        ),
        (
            "六、扎实推进深圳医科院软环境建设",
            [
                (
                    "召开四次市长专题会议",
                    "市政府主要领导年内共主持召开4次专题会议，明确工作要求，把舵定向，解决建设工作中重大问题。",
                ),
                (
                    "推进立法工作",
                    "在广泛公开征求意见的基础上，《深圳医学科学院办法》已报请市政府审议。",
                ),
                (
                    "成立基金会并启动募资",
                    "2023年4月，深圳市光明致远科技基金会在光明科学城论坛揭牌，已签署数项捐赠协议。",
                ),
                (
                    "积极履行智库职能",
                    "为教育部和广东省联合主办的教育强国战略咨询会建言献策；每月发布《全球医学科技动态》。",
                ),
                (
                    "开展党组织与群团建设",
                    "成立临时党支部，建立党小组，开展主题党日和集体学习活动；成立工会组织，逐步开展工会活动。",
                ),
                (
                    "常态化运维文宣平台",
                    "上线深圳医科院官网，常态化运营深圳医科院公众号，完成吉祥物等宣传形象设计和物料制作。",
                ),
                (
                    "深入推进与相关部门工作的机制建设",
                    "与市科技创新、卫生健康部门建立协同工作会议制度；与市委编办、市发展改革委、市财政局、市建筑工务署、"
                    "光明区有关部门建立日常工作机制，协调解决落地的具体问题。",
                ),
                (
                    "广泛开展交流调研",
                    "院领导带队赴清华大学、西湖大学等研究型高校，学习人才培养、科研经费管理、人才保障等先进经验；"
                    "赴协和、华西、天坛等知名医疗机构调研，研讨怎样建设研究型医院、深圳区域医疗中心，"
                    "以及临床研究与临床试验等平台；赴北京生命科学研究所、清华工研院等科研机构考察，"
                    "交流项目管理和成果转化经验。",
                ),
            ],
        ),
    ],
    "en": [
        (
            "1. SMART is formally established",
            [
                (
                    "",
                    "In October 2023 the Office of the Shenzhen Municipal Institutional Organization Commission issued "
                    "document Shen Bian [2023] No. 32 (深编〔2023〕32号), approving the end of SMART's preparatory "
                    "phase and its formal establishment. The document defines SMART as a public institution directly "
                    "under the Shenzhen Municipal Government that operates under the statutory-body model with an "
                    "entirely new mechanism. On the morning of 21 November 2023, SMART's founding ceremony was held "
                    "at the Guangming Cloud Valley International Conference Center (光明云谷国际会议中心).",
                ),
            ],
        ),
        (
            "2. The Shenzhen Medical Research Fund is launched and making steady progress",
            [
                (
                    "The fund is established",
                    "In April the Shenzhen Municipal Government approved the establishment of the Shenzhen Medical "
                    "Research Fund (深医专项), allocating CNY 200 million of public funds for its first year, and "
                    "a management committee for the fund was set up.",
                ),
                (
                    "Management rules",
                    "The Shenzhen Municipal Health Commission, the Shenzhen Municipal Science, Technology and "
                    "Innovation Commission and the Shenzhen Municipal Finance Bureau jointly issued the fund's "
                    "guiding document, the Measures for the Administration of the Shenzhen Medical Research Fund "
                    "(Trial). In line with these measures, we have drawn up the fund's detailed implementation rules.",
                ),
                (
                    "An expert pool",
                    "More than 9,000 leading experts were selected from universities, research institutes, hospitals "
                    "and other institutions across China to form the pool of reviewers for project evaluation.",
                ),
                (
                    "Host institution registration",
                    f"Two rounds of host-institution registration were held, and "
                    f"{F.FUND_REGISTERED_INSTITUTIONS} host institutions were approved.",
                ),
                (
                    "First-year review and awards",
                    f"In 2023 the fund accepted applications in {F.FUND_APPLICATION_CATEGORIES} categories of "
                    f"{F.FUND_APPLICATION_TYPES_EN} types. It received {F.FUND_APPLICATIONS_2023:,} "
                    f"applications from {F.FUND_APPLYING_INSTITUTIONS_2023} host institutions, of which "
                    f"{F.FUND_ACCEPTED_2023:,} were formally accepted. After eligibility screening, peer review and "
                    f"panel review, {F.FUND_FUNDED_2023} projects were funded with a total of "
                    f"CNY {F.FUND_TOTAL_AWARDED_CNY_2023:,}, all of which has been disbursed.",
                ),
            ],
        ),
        (
            "3. SMART Symposia: a new academic brand that attracts talent",
            [
                (
                    "",
                    "SMART is committed to building SMART Symposia into an international, specialised and high-level "
                    "platform for academic exchange. In 2023 we held five SMART Symposia, which brought more than "
                    "100 academicians and leading experts from China and abroad, several Nobel laureates among them, "
                    "to Guangming Science City in Shenzhen. Established and early-career scientists discussed frontier "
                    "research and innovative applications in biomedicine, bringing fresh energy to academic exchange.",
                ),
                (
                    "",
                    "SMART Symposia have proved a strong draw for talent, realising the idea of attracting talent "
                    "through conferences. In 2023 more than 30 experts and scholars expressed a strong interest in "
                    "Guangming Science City and SMART through SMART Symposia, and in-depth talks about possible "
                    "appointments are under way with nearly ten of them. The symposia have been warmly received in "
                    "academia and have strengthened Shenzhen's academic standing in biomedicine.",
                ),
            ],
        ),
        (
            "4. A worry-free environment where talent gathers and research and education grow together",
            [
                (
                    "Attracting talent",
                    "SMART recruits high-calibre researchers worldwide; a named chair professor from the University "
                    "of Washington (华盛顿大学) has joined SMART full time. In 2023 we held four rounds of interviews "
                    "for principal investigators (PIs), recruited seven full-time PIs and helped the new PIs build "
                    "their research teams.",
                ),
                (
                    "High-level strategic advice",
                    "We convened an expert review of the development plan, high-level closed-door forums and the "
                    "first meeting of the Strategic Advisory Committee, drawing on the insight of strategic scientists "
                    "and on experts from medicine, education, research and industry to examine topics such as the "
                    "SMART Development Plan and the Plan for Coordinated Development with Shenzhen Bay Laboratory.",
                ),
                (
                    "A stronger research system",
                    "In 2023 SMART became an eligible host institution for projects of the National Natural Science "
                    "Foundation of China and the Guangdong Natural Science Foundation. We issued management rules for "
                    "government-funded and commissioned research projects, prepared guides for applying to national, "
                    "provincial and municipal programmes, and put in place rules on research integrity, ethics and "
                    "the management of human genetic resources.",
                ),
                (
                    "Worry-free research",
                    "We built a professional research-support team that provides scientists with administrative "
                    "assistants, research-grant managers and other support staff, so that scientists can concentrate "
                    "on scientific questions; and we adopted lump-sum funding, so that funding serves the scientists "
                    "rather than the other way round.",
                ),
                (
                    "SMART Program",
                    "The SMART Program is SMART's joint PhD training programme with leading universities. In 2023 we "
                    "built the programme's framework and saw the talent-training cooperation agreements with Tsinghua "
                    "University and Westlake University signed and put into effect.",
                ),
                (
                    "SMART Investigator",
                    "SMART Investigator is SMART's research funding programme. In 2023 we drove the drafting of its "
                    "charter and implementation plan and explored how support from society can back original "
                    "innovation.",
                ),
                (
                    "Joint postdoctoral programme",
                    "SMART and Shenzhen Bay Laboratory launched a joint programme to recruit and train postdoctoral "
                    "fellows; three postdocs have been recruited so far.",
                ),
            ],
        ),
        (
            "5. Infrastructure, platforms and information systems built to high standards",
            [
                (
                    "Infrastructure",
                    "We moved into office space at Guangming Life Science Park and phase I research space at "
                    "Weiguang Life Science Park. Preliminary work for the 280,000-square-metre permanent site "
                    "(site selection and land-use planning, conceptual design, approval of the feasibility study and "
                    "the detailed construction plan for the area) was completed, and construction began on the first "
                    "plot of the integrated SMART and Shenzhen Bay Laboratory project.",
                ),
                (
                    "Research platforms",
                    "An expert advisory group coordinated the instrument and equipment needs of the permanent site "
                    "and prepared feasibility reports. Equipment worth more than CNY 500,000 per item has been "
                    "approved; for items below CNY 500,000, contracts have been signed and delivery and installation "
                    "have begun.",
                ),
                (
                    "Information systems",
                    "Systems for research project management, office automation, the intranet portal, human "
                    "resources, procurement and laboratory management went live.",
                ),
            ],
        ),
        (
            "6. A supportive environment for SMART's development",
            [
                (
                    "Four mayoral meetings",
                    "The principal leaders of the municipal government chaired four dedicated meetings during the "
                    "year, setting out requirements, steering the direction and resolving major issues in SMART's "
                    "development.",
                ),
                (
                    "Legislation",
                    "After a broad public consultation, the Measures on the Shenzhen Medical Academy of Research and "
                    "Translation (《深圳医学科学院办法》) have been submitted to the municipal government for review.",
                ),
                (
                    "A foundation and fundraising",
                    "In April 2023 the Shenzhen Guangming Zhiyuan Science and Technology Foundation "
                    "(深圳市光明致远科技基金会) was unveiled at the Guangming Science City Forum, and several donation "
                    "agreements have been signed.",
                ),
                (
                    "A think tank",
                    "SMART contributed advice to a strategic consultation on building China into a leading country in "
                    "education, co-hosted by the Ministry of Education and Guangdong Province, and publishes the "
                    "monthly Global Medical Science & Technology Digest (《全球医学科技动态》).",
                ),
                (
                    "Party and mass organisations",
                    "A provisional Party branch and Party groups were set up and hold themed Party days and group "
                    "study sessions; a trade union was established and has begun its activities.",
                ),
                (
                    "Communications",
                    "SMART's official website went live, its WeChat official account is run on a regular basis, and "
                    "a mascot and other visual identity and promotional materials were designed and produced.",
                ),
                (
                    "Working with government departments",
                    "SMART set up joint working meetings with the municipal science, technology and innovation "
                    "authority and the municipal health authority, and day-to-day working arrangements with the "
                    "municipal institutional organization office, the Development and Reform Commission, the Finance "
                    "Bureau, the Bureau of Public Works and the relevant departments of Guangming District, to solve "
                    "practical problems on the ground.",
                ),
                (
                    "Study visits",
                    "SMART's leaders led delegations to research universities such as Tsinghua University and "
                    "Westlake University to learn from their experience in talent development, research funding "
                    "management and support for researchers; to leading medical institutions, including Peking Union "
                    "Medical College Hospital, West China Hospital of Sichuan University and Beijing Tiantan "
                    "Hospital, to discuss how to build research hospitals, a regional medical centre in Shenzhen and "
                    "platforms for clinical research and clinical trials; and to research institutions such as the "
                    "National Institute of Biological Sciences, Beijing and Tsinghua's industrial research institute "
                    "(清华工研院) to exchange experience in project management and technology transfer.",
                ),
            ],
        ),
    ],
}

# The ten tasks of 2024: (heading, text).
PLAN_2024_INTRO = {
    "zh": "2024年，深圳医科院将围绕以下十项重点任务开展工作。",
    "en": "In 2024 SMART will concentrate on the following ten tasks.",
}

PLAN_2024 = {
    "zh": [
        (
            "深入推进深圳医科院与深圳湾实验室融合发展",
            "贯彻落实市委市政府工作部署，加快与深圳湾实验室形成深度融合、分工协调、共生共促的发展格局。",
        ),
        (
            "加速人才引进，践行“无忧”服务",
            f"积极引才聚智，接洽国外资深意向 PI，定期开展 PI 面试，计划引进{F.PIS_PLANNED_2024}名 PI。"
            "建立“人才无忧”机制，加强建设科研支撑团队。",
        ),
        (
            "开展深医专项2024年项目",
            "编写2024年深医专项申请指南，按程序发布实施。成立深医专项咨询委员会，开展专家库建设，进行项目宣讲，"
            "提高申报质量。",
        ),
        (
            "开展高水平的 SMART Symposia，持续以会聚才",
            "继续举办汇集多位诺奖、中外顶尖科学家的 SMART Symposia 系列论坛，加强与知名专家和机构的合作，"
            "扩大高层次人才集聚效应，进一步提升 SMART Symposia 学术会议品牌的国际影响力。",
        ),
        (
            "着力科研体系建设",
            "全力推进科研工作，力争产出高质量科研成果，培育新质生产力。推动研究所建立，夯实科研项目和成果管理等"
            "服务支持能力，建立伦理审查制度，筹建临床研究相关平台和基础设施，实现国家级项目与人才资助计划突破。",
        ),
        (
            "启动首届深圳医科院研究员和研究生项目",
            "启动 SMART Investigator 项目，制定章程及实施方案；建设 SMART Program 项目精品课程体系与学生培养方案，"
            "做好招生与学生管理工作。建立深圳医科院博士后工作站（分站）。",
        ),
        (
            "推进建章立制与党组织建设",
            "建立联席会议制度，制定、发布深圳医科院章程、联席会议章程等规章制度。用好经济特区立法权，"
            "启动《深圳医学科学院条例》地方性法规的立法进程。建立深圳医科院党委，完善党组织架构。",
        ),
        (
            "扎实推进基建、平台与信息化建设",
            "卫光科研场地一期工程全面运营，二期建设完成，交付使用动物中心。完成永久场地概算申报，推动实体建设，"
            "完成年度投资计划。完成小型设备采购、装调和大型设备报审、采购，上线设备共享平台。"
            "启动科研数据应用中心等软硬件设施建设。",
        ),
        (
            "启动转化载体建设",
            "实现深圳医科院转化载体的注册成立，建设转化服务中心。",
        ),
        (
            "深入推进基金会募资运作",
            "建立完善的管理体系和稳定的筹款模式，持续开展筹款活动。开展第一批项目资助，定期对项目进展和成果进行评估"
            "并反馈捐赠人。",
        ),
    ],
    "en": [
        (
            "Deeper integration with Shenzhen Bay Laboratory",
            "Carry out the decisions of the municipal Party committee and government, and move faster towards a "
            "pattern of development with Shenzhen Bay Laboratory marked by deep integration, a coordinated "
            "division of labour and mutual reinforcement.",
        ),
        (
            "Faster recruitment and worry-free services",
            f"Actively attract talent, engage senior PIs abroad who are interested in joining, hold PI interviews "
            f"regularly and plan to recruit {F.PIS_PLANNED_2024} PIs; establish a worry-free talent mechanism and "
            f"strengthen the research-support team.",
        ),
        (
            "The fund's 2024 programme",
            "Prepare the 2024 application guide of the Shenzhen Medical Research Fund and issue it through the "
            "proper procedures; set up the fund's advisory committee, build up the expert pool and hold briefings "
            "to raise the quality of applications.",
        ),
        (
            "High-level SMART Symposia that keep attracting talent",
            "Continue the SMART Symposia series, which brings together Nobel laureates and leading scientists from "
            "China and abroad; strengthen cooperation with renowned experts and institutions; widen the pull on "
            "high-level talent; and further raise the international profile of the SMART Symposia brand.",
        ),
        (
            "Building the research system",
            "Drive research forward to produce high-quality results and foster new quality productive forces; "
            "establish institutes; strengthen support services such as the management of projects and research "
            "outputs; set up an ethics review system; prepare platforms and infrastructure for clinical research; "
            "and achieve breakthroughs in national research projects and talent programmes.",
        ),
        (
            "The first SMART Investigator and graduate programmes",
            "Launch SMART Investigator with its charter and implementation plan; build a high-quality curriculum "
            "and training plan for the SMART Program and manage admissions and students well; and set up a SMART "
            "postdoctoral workstation (sub-station).",
        ),
        (
            "Rules, governance and Party organisation",
            "Establish a joint-meeting system and draw up and publish SMART's charter, the rules of the joint "
            "meeting and other regulations; use the Special Economic Zone's legislative power to start the "
            "legislative process for the Regulations on the Shenzhen Medical Academy of Research and Translation "
            "(《深圳医学科学院条例》) as a local regulation; set up SMART's Party committee and complete its Party "
            "organisation.",
        ),
        (
            "Infrastructure, platforms and information systems",
            "Bring phase I of the Weiguang research site into full operation, complete phase II and hand over the "
            "animal centre for use; submit the budget estimate for the permanent site, push its construction "
            "forward and complete the year's investment plan; finish purchasing, installing and commissioning small "
            "equipment and the approval and purchase of large equipment, and launch an equipment-sharing platform; "
            "and begin building hardware and software facilities such as a research data application centre.",
        ),
        (
            "A technology-transfer vehicle",
            "Register and establish SMART's technology-transfer entity and build a technology-transfer service centre.",
        ),
        (
            "Foundation fundraising",
            "Put in place a sound management system and a stable fundraising model and keep fundraising; fund the "
            "first batch of projects, evaluate their progress and results regularly and report back to donors.",
        ),
    ],
}


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
