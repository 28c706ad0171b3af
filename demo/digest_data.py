"""Sample issues of 《全球医学科技动态》 (Global Medical Science & Technology Digest), December 2025 to November 2026.

Everything here is SAMPLE DEMO CONTENT (示例内容), written as an editor would summarise common kinds of medical
science and technology news. No item reports a real person, a named real trial or a specific real result:
the sources are generic (“a national medicines regulator”) or clearly fictional outlets marked as samples, and
every source link points to example.org.
"""

import datetime

# slug: (sort order, 中文, English, 中文说明, English description)
FIELDS = {
    "oncology": (
        10,
        "肿瘤学",
        "Oncology",
        "肿瘤的预防、早筛、诊断与治疗",
        "Cancer prevention, screening, diagnosis and care",
    ),
    "neuroscience": (
        20,
        "神经科学",
        "Neuroscience",
        "脑科学、神经疾病与脑机接口",
        "The brain, neurological disease and neurotechnology",
    ),
    "ai-in-medicine": (
        30,
        "医学人工智能",
        "AI in medicine",
        "人工智能在临床、科研与管理中的应用",
        "AI in the clinic, research and health systems",
    ),
    "gene-cell-therapy": (
        40,
        "基因与细胞治疗",
        "Gene & cell therapy",
        "基因编辑、基因治疗与细胞治疗",
        "Gene editing, gene therapy and cell therapy",
    ),
    "medical-devices": (
        50,
        "医疗器械",
        "Medical devices",
        "诊疗设备、可穿戴与植入器械",
        "Diagnostic, wearable and implantable devices",
    ),
    "public-health": (
        60,
        "公共卫生",
        "Public health",
        "疾病预防、卫生政策与健康公平",
        "Prevention, health policy and health equity",
    ),
    "infectious-diseases": (
        70,
        "感染性疾病",
        "Infectious diseases",
        "传染病防控、疫苗与抗微生物药物耐药",
        "Epidemics, vaccines and antimicrobial resistance",
    ),
    "cardiometabolic": (
        80,
        "心血管与代谢",
        "Cardiovascular & metabolic",
        "心血管疾病、糖尿病与肥胖",
        "Heart disease, diabetes and obesity",
    ),
    "drug-discovery": (
        90,
        "新药研发",
        "Drug discovery",
        "药物发现、结构生物学与新疗法平台",
        "Drug discovery, structural biology and new modalities",
    ),
}

# key: (中文名称, English name). Generic kinds of source or clearly fictional sample outlets.
SOURCES = {
    "clinical": ("《示例临床医学杂志》", "Sample Journal of Clinical Medicine"),
    "translational": ("《示例转化医学季刊》", "Sample Translational Medicine Quarterly"),
    "regulator": ("某国家药品监管机构（示例）", "A national medicines regulator (sample)"),
    "agency": ("某国际卫生组织（示例）", "An international health agency (sample)"),
    "medtech": ("《医技观察》（示例媒体）", "MedTech Observer (sample outlet)"),
    "university": ("某大学医学院新闻稿（示例）", "A university medical school press release (sample)"),
    "publichealth": ("《示例公共卫生周报》", "Sample Public Health Weekly"),
    "preprint": ("某预印本平台（示例）", "A preprint server (sample)"),
    "neuro": ("《示例神经科学通讯》", "Sample Neuroscience Communications"),
    "congress": ("某医学会年会（示例）", "A medical society annual meeting (sample)"),
    "digital": ("《数字医学示例评论》", "Sample Digital Medicine Review"),
}

INDEX = {
    "zh": {
        "title": "全球医学科技动态",
        "listing_summary": "深圳医学科学院每月编发的全球医学科学与技术动态摘要，提供中英文版本及 RSS / Atom 订阅。",
        "intro": (
            "<p>《全球医学科技动态》每月一期，汇集全球医学科学与技术领域值得关注的进展，按肿瘤学、神经科学、"
            "医学人工智能、基因与细胞治疗等领域分类，并注明来源。可按领域筛选，也可通过 RSS 或 Atom 订阅。</p>"
            "<p><b>示例内容：</b>本栏目目前各期均为演示网站功能而编写的示例内容。条目按常见的医学科技新闻类型撰写，"
            "来源为泛指或虚构的期刊与机构，链接指向 example.org，不代表真实报道，也不涉及真实人物或具体试验的结果。</p>"
        ),
    },
    "en": {
        "title": "Global Medical Science & Technology Digest",
        "listing_summary": "SMART's monthly digest of global medical science and technology news, in Chinese and "
        "English, with RSS and Atom feeds.",
        "intro": (
            "<p>The Global Medical Science &amp; Technology Digest appears monthly. It gathers noteworthy developments "
            "in medical science and technology worldwide, filed by field (oncology, neuroscience, AI in medicine, gene "
            "&amp; cell therapy and more) with their sources. Filter by field, or follow it in a feed reader through "
            "RSS or Atom.</p>"
            "<p><b>Sample content:</b> every issue here is sample demo content (示例内容) written to show how the site "
            "works. The items are modelled on common kinds of medical-technology news; their sources are generic or "
            "fictional outlets, their links point to example.org, and they report no real person and no result of any "
            "real trial.</p>"
        ),
    },
}

NOTE_SAMPLE = {
    "zh": "本期为示例内容（示例内容），用于演示本刊的版式与订阅功能；各条目为编辑撰写的示意性摘要，不代表真实报道。",
    "en": "This issue is sample demo content (示例内容), showing the digest's layout and feeds; its items are "
    "illustrative summaries written by the editors, not real news reports.",
}


def _item(field, source, day, zh, en):
    """day: (month offset, day); month offset -1 means the month before the issue's month."""
    return {"field": field, "source": source, "day": day, "zh": zh, "en": en}


# Each issue: month, editor's theme (zh, en), items. Items: (zh headline, zh summary), (en headline, en summary).
ISSUES = [
    {
        "month": datetime.date(2025, 12, 1),
        "theme": (
            (
                "创刊号。我们从血液早筛、可自适应更新的医疗人工智能软件和碱基编辑等方向开始，尝试每月为读"
                "者梳理全球医学科技的脉络。"
            ),
            "Our first issue. We start with blood-based cancer screening, adaptive AI medical software and base "
            "editing, and will map the month's medical science and technology for our readers from here on.",
        ),
        "items": [
            _item(
                "oncology",
                "clinical",
                (-1, 12),
                (
                    "血液多癌早筛检测进入更大规模的前瞻性研究",
                    (
                        "多项研究正在评估通过一次抽血同时筛查多种癌症的检测方法。研究者强调，这类检测能否"
                        "降低癌症死亡率，仍需大规模随机研究回答，目前不能替代已有的常规筛查。"
                    ),
                ),
                (
                    "Blood tests that screen for many cancers move into larger prospective studies",
                    (
                        "Several studies are evaluating tests that look for signals of many cancers "
                        "in a single blood draw. Researchers stress that only large randomised studies "
                        "can show whether such tests reduce cancer deaths, and that for now they "
                        "do not replace established screening."
                    ),
                ),
            ),
            _item(
                "ai-in-medicine",
                "regulator",
                (-1, 20),
                (
                    "监管机构就可持续更新的人工智能医疗软件征求意见",
                    (
                        "某药品监管机构发布指导原则草案，允许人工智能医疗软件在上市前预先说明其更新计划和"
                        "验证方法。草案要求厂商持续监测模型在真实世界中的表现，并向使用者清楚说明变化。"
                    ),
                ),
                (
                    "Regulator consults on AI medical software that keeps learning",
                    (
                        "A medicines regulator has published draft guidance under which makers of "
                        "AI medical software describe, before approval, how their models will be "
                        "updated and validated. The draft asks makers to monitor real-world performance "
                        "and explain changes clearly to users."
                    ),
                ),
            ),
            _item(
                "gene-cell-therapy",
                "translational",
                (-1, 25),
                (
                    "碱基编辑治疗遗传性血液病的早期临床研究进展",
                    (
                        "与传统基因编辑不同，碱基编辑无需切断 DNA 双链即可改写单个碱基。早期研究主要关注安"
                        "全性和编辑效率，长期随访和可及性仍是该领域关注的重点。"
                    ),
                ),
                (
                    "Base editing for inherited blood disorders advances in early clinical studies",
                    (
                        "Unlike conventional gene editing, base editing rewrites a single DNA letter "
                        "without cutting both strands. Early studies focus on safety and editing "
                        "efficiency; long-term follow-up and access remain the field's open questions."
                    ),
                ),
            ),
            _item(
                "public-health",
                "agency",
                (-1, 28),
                (
                    "国际卫生组织报告呼吁加强抗微生物药物耐药监测",
                    (
                        "报告指出，许多国家的耐药监测数据仍不完整，难以及时发现耐药菌的传播。报告建议统一"
                        "实验室标准，并把人、动物与环境的监测数据联通起来。"
                    ),
                ),
                (
                    "Health agency report calls for stronger surveillance of antimicrobial resistance",
                    (
                        "The report finds that resistance data remain incomplete in many countries, "
                        "making it hard to spot the spread of resistant bacteria in time. It recommends "
                        "common laboratory standards and linking human, animal and environmental "
                        "surveillance."
                    ),
                ),
            ),
            _item(
                "medical-devices",
                "medtech",
                (0, 2),
                (
                    "无袖带血压监测设备：验证研究的标准之争",
                    (
                        "腕戴式和指环式设备声称可以不用袖带连续测量血压。业内专家认为，这类设备需要按统一"
                        "方案与标准袖带测量进行对照验证，并说明校准的频率。"
                    ),
                ),
                (
                    "Cuffless blood-pressure wearables: the debate over validation standards",
                    (
                        "Wrist and ring devices promise continuous blood-pressure readings without "
                        "a cuff. Experts argue that such devices should be validated against standard "
                        "cuff measurements under a common protocol, and should state how often they "
                        "need recalibration."
                    ),
                ),
            ),
            _item(
                "neuroscience",
                "neuro",
                (0, 4),
                (
                    "脑机接口研究尝试解码瘫痪患者的言语意图",
                    (
                        "研究团队利用植入式电极记录与言语相关的脑电活动，并借助算法将其转换为文字或合成语"
                        "音。研究仍处于早期阶段，设备的长期稳定性与伦理规范是讨论的焦点。"
                    ),
                ),
                (
                    "Brain–computer interface research decodes attempted speech in paralysis",
                    (
                        "Research teams record speech-related brain activity with implanted electrodes "
                        "and use algorithms to turn it into text or synthesised voice. The work is "
                        "at an early stage; long-term device stability and ethical safeguards are "
                        "central to the discussion."
                    ),
                ),
            ),
        ],
    },
    {
        "month": datetime.date(2026, 1, 1),
        "theme": (
            "新年第一期关注减重药物的长期研究、人工智能病历助手，以及高温天气对健康的影响。",
            "The first issue of the year looks at long-term research on weight-loss medicines, AI documentation "
            "assistants and the health effects of heat.",
        ),
        "items": [
            _item(
                "cardiometabolic",
                "clinical",
                (-1, 10),
                (
                    "肠促胰素类减重药物：长期心血管结局研究持续推进",
                    (
                        "这类药物在减重和控糖方面的作用已被广泛研究，学界正进一步关注其对心血管事件、"
                        "肾脏和肝脏疾病的长期影响。研究者同时提醒关注停药后体重反弹和药物可及性问题。"
                    ),
                ),
                (
                    "Incretin-based weight-loss medicines: long-term cardiovascular research continues",
                    (
                        "With effects on weight and blood sugar widely studied, attention is turning "
                        "to long-term effects on cardiovascular events and kidney and liver disease. "
                        "Researchers also point to weight regain after stopping and to questions "
                        "of access."
                    ),
                ),
            ),
            _item(
                "infectious-diseases",
                "preprint",
                (-1, 15),
                (
                    "流感与新冠联合 mRNA 疫苗进入后期研究",
                    (
                        "多家研发机构正在评估一针同时预防流感和新冠的 mRNA 疫苗。联合疫苗有望简化接种安排"
                        "，但需要证明其对每种病原的保护效果不低于单独接种。"
                    ),
                ),
                (
                    "Combined influenza and COVID-19 mRNA vaccines enter later-stage studies",
                    (
                        "Several developers are evaluating mRNA vaccines that protect against influenza "
                        "and COVID-19 in a single shot. A combined vaccine could simplify immunisation, "
                        "but must show protection against each virus no weaker than separate shots."
                    ),
                ),
            ),
            _item(
                "ai-in-medicine",
                "digital",
                (-1, 18),
                (
                    "“环境感知”病历助手能否减轻医生文书负担",
                    (
                        "多家医院试用在诊室中记录对话并自动起草病历的人工智能工具。初步评估关注医生文书时"
                        "间和职业倦怠的变化，同时强调需人工核对，并保护患者隐私。"
                    ),
                ),
                (
                    "Can ambient AI scribes ease doctors' paperwork?",
                    (
                        "Hospitals are piloting AI tools that listen to consultations and draft clinical "
                        "notes. Early evaluations look at documentation time and burnout, and stress "
                        "that notes must be checked by clinicians and patient privacy protected."
                    ),
                ),
            ),
            _item(
                "oncology",
                "congress",
                (-1, 22),
                (
                    "个体化新抗原疫苗联合免疫治疗的研究受到关注",
                    (
                        "个体化肿瘤疫苗根据患者肿瘤的突变设计，旨在帮助免疫系统识别癌细胞。相关研究多处于"
                        "早中期阶段，制备周期和成本是走向临床应用需解决的问题。"
                    ),
                ),
                (
                    "Personalised neoantigen vaccines with immunotherapy draw attention",
                    (
                        "Personalised cancer vaccines are designed from the mutations of a patient's "
                        "own tumour to help the immune system recognise it. Most studies are at early "
                        "or middle stages; manufacturing time and cost must come down before wider "
                        "clinical use."
                    ),
                ),
            ),
            _item(
                "drug-discovery",
                "translational",
                (0, 3),
                (
                    "人工智能设计的候选药物陆续进入临床试验",
                    (
                        "越来越多由人工智能辅助发现或优化的分子进入早期临床研究。业内人士认为，人工智能可"
                        "以缩短早期发现的周期，但临床试验的成败仍取决于靶点生物学和严谨的验证。"
                    ),
                ),
                (
                    "More AI-designed drug candidates reach clinical trials",
                    (
                        "A growing number of molecules discovered or optimised with AI are entering "
                        "early clinical studies. Observers note that AI can shorten early discovery, "
                        "but success in trials still depends on target biology and rigorous validation."
                    ),
                ),
            ),
            _item(
                "public-health",
                "agency",
                (0, 5),
                (
                    "高温与健康：多国更新高温健康行动计划",
                    (
                        "报告指出，极端高温对老年人、户外劳动者和慢性病患者的威胁日益突出。建议措施包括高"
                        "温预警、社区降温点，以及对医护人员开展中暑识别培训。"
                    ),
                ),
                (
                    "Heat and health: countries update their heat–health action plans",
                    (
                        "The report finds extreme heat an increasing threat to older people, outdoor "
                        "workers and people with chronic disease. Recommended measures include heat "
                        "warnings, community cooling centres and training health workers to recognise "
                        "heat illness."
                    ),
                ),
            ),
        ],
    },
    {
        "month": datetime.date(2026, 2, 1),
        "theme": (
            "本期关注细胞疗法向自身免疫病的拓展、阿尔茨海默病血液检测，以及罕见病日前后的新生儿基因组筛查讨论。",
            "This issue follows cell therapy's move into autoimmune disease, blood tests for Alzheimer's disease, and "
            "the debate on newborn genomic screening around Rare Disease Day.",
        ),
        "items": [
            _item(
                "gene-cell-therapy",
                "clinical",
                (-1, 9),
                (
                    "CAR-T 细胞疗法探索用于系统性红斑狼疮等自身免疫病",
                    (
                        "CAR-T 疗法原用于血液肿瘤，研究者正尝试用它清除致病的 B 细胞，以“重置”免疫系统。"
                        "早期报道令人关注，但样本量小，长期安全性仍需观察。"
                    ),
                ),
                (
                    "CAR-T cell therapy explored for lupus and other autoimmune diseases",
                    (
                        "Developed for blood cancers, CAR-T therapy is being tried to clear disease-causi"
                        "ng B cells and ‘reset’ the immune system. Early reports are striking but "
                        "small, and long-term safety still has to be established."
                    ),
                ),
            ),
            _item(
                "neuroscience",
                "neuro",
                (-1, 14),
                (
                    "阿尔茨海默病血液生物标志物有望进入基层诊疗",
                    (
                        "检测血液中特定 tau 蛋白等标志物，有助于判断认知障碍是否与阿尔茨海默病相关。"
                        "专家建议在专科评估框架内使用，并注意不同检测方法之间的差异。"
                    ),
                ),
                (
                    "Blood biomarkers for Alzheimer's disease edge towards primary care",
                    (
                        "Measuring markers such as certain forms of tau protein in blood can help "
                        "tell whether cognitive impairment is linked to Alzheimer's disease. Experts "
                        "advise using them within a specialist assessment and note differences between "
                        "assays."
                    ),
                ),
            ),
            _item(
                "medical-devices",
                "medtech",
                (-1, 19),
                (
                    "无导线起搏器向双腔起搏发展",
                    (
                        "无导线起搏器直接植入心腔内，避免了传统导线相关的并发症。新一代系统尝试让两个装置"
                        "协同工作，以适应更多类型的心律失常患者。"
                    ),
                ),
                (
                    "Leadless pacemakers move towards dual-chamber pacing",
                    (
                        "Leadless pacemakers sit inside the heart and avoid the complications of "
                        "conventional leads. Newer systems let two devices work together, widening "
                        "the range of rhythm disorders they can treat."
                    ),
                ),
            ),
            _item(
                "infectious-diseases",
                "agency",
                (-1, 24),
                (
                    "长效注射预防用药扩大艾滋病预防选择",
                    (
                        "每隔数月注射一次的暴露前预防药物为难以坚持每日服药的人群提供了新选择。国际卫生组"
                        "织建议各国将其纳入综合预防方案，并关注价格与供应。"
                    ),
                ),
                (
                    "Long-acting injections widen the options for HIV prevention",
                    (
                        "Pre-exposure prophylaxis injected every few months offers a new option for "
                        "people who find daily pills hard to keep up. An international health agency "
                        "recommends including it in combination prevention, with attention to price "
                        "and supply."
                    ),
                ),
            ),
            _item(
                "ai-in-medicine",
                "preprint",
                (0, 2),
                (
                    "视网膜照片与深度学习：眼睛能否反映全身疾病风险",
                    (
                        "研究者利用深度学习分析眼底照片，尝试估计心血管、肾脏等全身疾病的风险。这类模型在"
                        "不同人群中的表现差异及其临床用途仍有待验证。"
                    ),
                ),
                (
                    "Retinal photographs and deep learning: can the eye reveal systemic risk?",
                    (
                        "Researchers apply deep learning to retinal photographs to estimate the risk "
                        "of cardiovascular, kidney and other systemic disease. How such models perform "
                        "across populations, and what clinical use they have, remain to be shown."
                    ),
                ),
            ),
            _item(
                "public-health",
                "publichealth",
                (0, 4),
                (
                    "新生儿基因组筛查试点引发讨论",
                    (
                        "多地开展新生儿全基因组或靶向基因测序试点，希望尽早发现可治疗的罕见病。讨论集中在"
                        "筛查病种的选择、知情同意、数据保存以及阳性结果后的随访服务。"
                    ),
                ),
                (
                    "Pilots of newborn genomic screening spark debate",
                    (
                        "Several regions are piloting genome or targeted gene sequencing for newborns "
                        "to find treatable rare diseases early. The debate centres on which conditions "
                        "to include, consent, data storage and follow-up care after a positive result."
                    ),
                ),
            ),
        ],
    },
    {
        "month": datetime.date(2026, 3, 1),
        "theme": (
            "本期关注抗体偶联药物、病理大模型和自适应脑深部电刺激，并在世界防治结核病日之际回顾耐药结核的短程治疗。",
            "This issue covers antibody–drug conjugates, foundation models for pathology and adaptive deep brain "
            "stimulation, and, for World TB Day, shorter treatment of drug-resistant tuberculosis.",
        ),
        "items": [
            _item(
                "oncology",
                "congress",
                (-1, 11),
                (
                    "抗体偶联药物向乳腺癌更早治疗阶段拓展",
                    (
                        "抗体偶联药物将细胞毒药物精准递送到表达特定靶点的肿瘤细胞。研究正在评估其在更早治"
                        "疗阶段的作用，间质性肺病等不良反应的管理同样受到重视。"
                    ),
                ),
                (
                    "Antibody–drug conjugates move into earlier breast cancer treatment",
                    (
                        "Antibody–drug conjugates deliver a cytotoxic drug to tumour cells that carry "
                        "a given target. Studies are assessing their role earlier in treatment; managing "
                        "side effects such as interstitial lung disease gets equal attention."
                    ),
                ),
            ),
            _item(
                "ai-in-medicine",
                "digital",
                (-1, 16),
                (
                    "病理切片“基础模型”：一个模型，多种任务",
                    (
                        "研究者用大量数字病理切片训练通用模型，再针对肿瘤分型、预后预测等任务进行微调。"
                        "数据来源的多样性和模型的可解释性是能否走向临床的关键。"
                    ),
                ),
                (
                    "Foundation models for pathology: one model, many tasks",
                    (
                        "Researchers pre-train general models on large collections of digital pathology "
                        "slides, then adapt them to tasks such as tumour subtyping and prognosis. "
                        "Diverse training data and interpretability are key to clinical use."
                    ),
                ),
            ),
            _item(
                "cardiometabolic",
                "clinical",
                (-1, 21),
                (
                    "降低脂蛋白(a)的新药进入结局研究阶段",
                    (
                        "脂蛋白(a)升高主要由遗传决定，与心血管风险相关。多种降低脂蛋白(a)的药物正在大型研"
                        "究中评估能否减少心血管事件，结果有望回答这一长期悬而未决的问题。"
                    ),
                ),
                (
                    "Drugs that lower lipoprotein(a) reach outcome studies",
                    (
                        "High lipoprotein(a) is largely inherited and linked to cardiovascular risk. "
                        "Several drugs that lower it are being tested in large studies of whether "
                        "they prevent cardiovascular events, which may answer a long-standing question."
                    ),
                ),
            ),
            _item(
                "neuroscience",
                "neuro",
                (-1, 26),
                (
                    "自适应脑深部电刺激：根据脑电信号实时调整",
                    (
                        "与持续固定参数的刺激不同，自适应系统根据患者脑内信号的变化自动调整刺激强度。"
                        "研究者希望借此改善帕金森病症状波动并减少副作用。"
                    ),
                ),
                (
                    "Adaptive deep brain stimulation adjusts to brain signals in real time",
                    (
                        "Instead of fixed settings, adaptive systems change stimulation automatically "
                        "as signals in the patient's brain change. Researchers hope this will smooth "
                        "fluctuating Parkinson's symptoms and reduce side effects."
                    ),
                ),
            ),
            _item(
                "gene-cell-therapy",
                "translational",
                (0, 2),
                (
                    "体内基因编辑降低胆固醇的早期研究",
                    (
                        "研究者尝试通过一次性体内基因编辑，关闭肝脏中与胆固醇水平相关的基因。这一思路若被"
                        "证明安全有效，可能改变高胆固醇血症的长期管理方式。"
                    ),
                ),
                (
                    "Early studies of in vivo gene editing to lower cholesterol",
                    (
                        "Researchers are trying one-time gene editing inside the body to switch off "
                        "a liver gene that drives cholesterol levels. If shown safe and effective, "
                        "the approach could change the long-term management of high cholesterol."
                    ),
                ),
            ),
            _item(
                "public-health",
                "agency",
                (0, 5),
                (
                    "世界防治结核病日：耐药结核短程全口服方案推广",
                    (
                        "国际卫生组织持续推荐更短、全口服的耐药结核治疗方案，以减轻患者负担、提高完成率。"
                        "挑战在于药物可及、耐药检测能力和患者支持服务。"
                    ),
                ),
                (
                    "World TB Day: shorter all-oral regimens for drug-resistant TB",
                    (
                        "An international health agency continues to recommend shorter, all-oral "
                        "regimens for drug-resistant tuberculosis to ease the burden on patients "
                        "and raise completion rates. Access to drugs, resistance testing and patient "
                        "support are the challenges."
                    ),
                ),
            ),
        ],
    },
    {
        "month": datetime.date(2026, 4, 1),
        "theme": (
            "本期关注疟疾疫苗的推广、连续血糖监测的普及，以及液体活检对结直肠癌术后治疗的指导价值。",
            "This issue looks at the roll-out of malaria vaccines, wider use of continuous glucose monitoring, and "
            "liquid biopsy to guide treatment after colorectal cancer surgery.",
        ),
        "items": [
            _item(
                "infectious-diseases",
                "agency",
                (-1, 8),
                (
                    "疟疾疫苗在流行地区扩大接种",
                    (
                        "更多疟疾流行国家将疟疾疫苗纳入儿童常规免疫。国际卫生组织强调，疫苗需与蚊帐、"
                        "室内喷洒和及时治疗等措施结合使用。"
                    ),
                ),
                (
                    "Malaria vaccines reach more children in endemic regions",
                    (
                        "More countries where malaria is endemic are adding malaria vaccines to routine "
                        "childhood immunisation. An international health agency stresses that vaccines "
                        "work alongside bed nets, indoor spraying and prompt treatment."
                    ),
                ),
            ),
            _item(
                "medical-devices",
                "medtech",
                (-1, 14),
                (
                    "连续血糖监测从胰岛素使用者走向更广人群",
                    (
                        "连续血糖监测设备价格下降、使用便利，正被更多 2 型糖尿病患者和健康管理人群使用。"
                        "专家提醒，数据的解读需要专业指导，避免过度关注单次波动。"
                    ),
                ),
                (
                    "Continuous glucose monitoring spreads beyond insulin users",
                    (
                        "Cheaper, easier continuous glucose monitors are used by more people with "
                        "type 2 diabetes and for wellness tracking. Experts caution that readings "
                        "need professional interpretation, not worry over every spike."
                    ),
                ),
            ),
            _item(
                "drug-discovery",
                "preprint",
                (-1, 20),
                (
                    "蛋白质结构预测工具加速抗体设计",
                    (
                        "基于深度学习的结构预测和生成模型，让研究者能在计算机上设计和筛选抗体及其他结合蛋"
                        "白。实验验证仍是不可或缺的一步，但早期筛选的效率明显提高。"
                    ),
                ),
                (
                    "Protein structure prediction speeds up antibody design",
                    (
                        "Deep-learning structure prediction and generative models let researchers "
                        "design and screen antibodies and other binders in silico. Laboratory validation "
                        "remains essential, but early screening is much faster."
                    ),
                ),
            ),
            _item(
                "oncology",
                "clinical",
                (-1, 25),
                (
                    "循环肿瘤 DNA 检测指导结直肠癌术后辅助治疗",
                    (
                        "术后检测血液中的循环肿瘤 DNA，可帮助判断微小残留病灶。研究探索据此决定是否进行辅"
                        "助化疗，以便让部分患者避免不必要的治疗。"
                    ),
                ),
                (
                    "Circulating tumour DNA guides therapy after colorectal cancer surgery",
                    (
                        "Testing blood for circulating tumour DNA after surgery can reveal minimal "
                        "residual disease. Studies explore using it to decide on adjuvant chemotherapy, "
                        "sparing some patients treatment they do not need."
                    ),
                ),
            ),
            _item(
                "ai-in-medicine",
                "university",
                (0, 1),
                (
                    "人工智能辅助乳腺 X 线筛查的工作流程评估",
                    (
                        "一些筛查项目正在评估以人工智能替代“双人阅片”中的一位阅片者。评估关注检出率、"
                        "召回率和放射科医生工作量，并对人工智能的持续质量监测提出要求。"
                    ),
                ),
                (
                    "Evaluating AI in the mammography screening workflow",
                    (
                        "Some screening programmes are evaluating AI as one of the two readers in "
                        "double reading. Evaluations look at detection, recall rates and radiologists' "
                        "workload, and call for ongoing quality monitoring of the AI."
                    ),
                ),
            ),
            _item(
                "neuroscience",
                "translational",
                (0, 4),
                (
                    "脑类器官用于研究神经发育障碍",
                    (
                        "由干细胞培养出的三维脑类器官可以模拟人类大脑发育的部分过程。研究者用它研究自闭症"
                        "谱系障碍等疾病的机制，同时也在讨论相关的伦理边界。"
                    ),
                ),
                (
                    "Brain organoids used to study neurodevelopmental disorders",
                    (
                        "Three-dimensional brain organoids grown from stem cells mimic parts of human "
                        "brain development. Researchers use them to study the mechanisms of conditions "
                        "such as autism spectrum disorder, while debating the ethical limits."
                    ),
                ),
            ),
        ],
    },
    {
        "month": datetime.date(2026, 5, 1),
        "theme": (
            "本期关注大流行防范的国际合作、血友病基因治疗的长期随访，以及远程手术机器人。",
            "This issue covers international cooperation on pandemic preparedness, long-term follow-up of gene "
            "therapy for haemophilia, and remote robotic surgery.",
        ),
        "items": [
            _item(
                "public-health",
                "agency",
                (-1, 10),
                (
                    "各国讨论大流行防范与应对框架",
                    (
                        "国际卫生组织成员国继续就大流行防范框架进行磋商，议题包括病原体样本与数据共享、"
                        "疫苗等医疗对策的公平分配以及卫生系统韧性建设。"
                    ),
                ),
                (
                    "Countries negotiate a framework for pandemic preparedness",
                    (
                        "Member states of an international health agency continue talks on a pandemic "
                        "preparedness framework, covering the sharing of pathogen samples and data, "
                        "fair distribution of vaccines and other countermeasures, and resilient health "
                        "systems."
                    ),
                ),
            ),
            _item(
                "gene-cell-therapy",
                "clinical",
                (-1, 15),
                (
                    "血友病基因治疗：长期随访关注疗效持久性",
                    (
                        "血友病基因治疗可让患者自身产生凝血因子。随访研究关注凝血因子水平能维持多久、"
                        "肝脏安全性如何，以及高昂费用下的支付方式。"
                    ),
                ),
                (
                    "Gene therapy for haemophilia: long-term follow-up asks how long it lasts",
                    (
                        "Gene therapy lets people with haemophilia make their own clotting factor. "
                        "Follow-up studies ask how long factor levels last, how safe the treatment "
                        "is for the liver, and how its high price can be paid."
                    ),
                ),
            ),
            _item(
                "cardiometabolic",
                "congress",
                (-1, 19),
                (
                    "肾动脉去神经术在难治性高血压中的定位",
                    (
                        "肾动脉去神经术通过导管降低肾脏交感神经活性以降低血压。最新指南讨论其适用人群，"
                        "强调应在专业中心开展，并与药物治疗配合。"
                    ),
                ),
                (
                    "Where renal denervation fits in resistant hypertension",
                    (
                        "Renal denervation lowers blood pressure by reducing sympathetic nerve activity "
                        "to the kidneys through a catheter. Recent guidance discusses which patients "
                        "it suits, and stresses that it belongs in expert centres alongside medication."
                    ),
                ),
            ),
            _item(
                "ai-in-medicine",
                "digital",
                (-1, 24),
                (
                    "联邦学习：数据不出院也能联合训练模型",
                    (
                        "联邦学习让多家医院在不共享原始数据的情况下共同训练人工智能模型。研究者认为，"
                        "它有助于保护隐私并提高模型的代表性，但各院数据质量差异仍需处理。"
                    ),
                ),
                (
                    "Federated learning trains models without moving hospital data",
                    (
                        "Federated learning lets hospitals train AI models together without sharing "
                        "raw patient data. Researchers see gains for privacy and representativeness, "
                        "but differences in data quality between sites must still be handled."
                    ),
                ),
            ),
            _item(
                "medical-devices",
                "medtech",
                (0, 2),
                (
                    "远程手术机器人借助高速网络开展示范",
                    (
                        "借助低时延网络，外科医生可以远程操控手术机器人。示范项目关注网络稳定性、"
                        "应急预案和责任划分，为偏远地区获得优质外科服务提供可能。"
                    ),
                ),
                (
                    "Remote robotic surgery demonstrated over high-speed networks",
                    (
                        "Low-latency networks let surgeons operate robots at a distance. Demonstration "
                        "projects focus on network stability, fallback plans and liability, with "
                        "the prospect of expert surgery for remote regions."
                    ),
                ),
            ),
            _item(
                "infectious-diseases",
                "translational",
                (0, 5),
                (
                    "噬菌体疗法用于多重耐药感染的探索",
                    (
                        "噬菌体是能特异性感染细菌的病毒。在抗生素无效的情况下，医生以个案方式尝试噬菌体疗"
                        "法，研究者呼吁开展规范的临床试验并建立噬菌体资源库。"
                    ),
                ),
                (
                    "Phage therapy explored for multidrug-resistant infections",
                    (
                        "Phages are viruses that infect specific bacteria. Doctors have tried them "
                        "case by case when antibiotics fail; researchers call for proper clinical "
                        "trials and shared phage libraries."
                    ),
                ),
            ),
        ],
    },
    {
        "month": datetime.date(2026, 6, 1),
        "theme": (
            "本期关注放射性配体疗法、抗淀粉样蛋白药物的真实世界管理，以及可穿戴心电与人工智能结合的房颤筛查。",
            "This issue looks at radioligand therapy, managing anti-amyloid antibodies in practice, and atrial "
            "fibrillation screening with wearable ECGs and AI.",
        ),
        "items": [
            _item(
                "oncology",
                "congress",
                (-1, 9),
                (
                    "放射性配体疗法在前列腺癌中的应用扩展",
                    (
                        "放射性配体疗法利用靶向分子将放射性核素递送到肿瘤细胞。相关研究探索其在更早疾病阶"
                        "段的应用，同时核素供应和治疗中心建设成为推广的制约因素。"
                    ),
                ),
                (
                    "Radioligand therapy widens its role in prostate cancer",
                    (
                        "Radioligand therapy uses targeting molecules to carry radioactive isotopes "
                        "to tumour cells. Studies explore its use earlier in the disease, while isotope "
                        "supply and treatment centres limit wider use."
                    ),
                ),
            ),
            _item(
                "neuroscience",
                "neuro",
                (-1, 13),
                (
                    "抗淀粉样蛋白抗体：真实世界中的影像监测",
                    (
                        "抗淀粉样蛋白抗体用于早期阿尔茨海默病时，需要通过磁共振定期监测脑水肿或微出血等影"
                        "像异常。医疗机构正在摸索筛选患者、监测和转诊的流程。"
                    ),
                ),
                (
                    "Anti-amyloid antibodies: imaging surveillance in everyday practice",
                    (
                        "When anti-amyloid antibodies are used in early Alzheimer's disease, regular "
                        "MRI is needed to watch for brain swelling or microbleeds. Clinics are working "
                        "out how to select patients, monitor them and refer them."
                    ),
                ),
            ),
            _item(
                "ai-in-medicine",
                "clinical",
                (-1, 18),
                (
                    "可穿戴心电结合人工智能筛查房颤",
                    (
                        "智能手表和贴片式心电设备结合算法，可以发现无症状的心房颤动。研究关注筛查能否真正"
                        "减少卒中，以及如何避免假阳性带来的过度检查。"
                    ),
                ),
                (
                    "Wearable ECGs and AI screen for atrial fibrillation",
                    (
                        "Smartwatches and ECG patches with algorithms can detect silent atrial fibrillati"
                        "on. Studies ask whether screening actually prevents strokes, and how to "
                        "avoid over-investigation after false alarms."
                    ),
                ),
            ),
            _item(
                "drug-discovery",
                "translational",
                (-1, 23),
                (
                    "分子胶降解剂拓展“不可成药”靶点",
                    (
                        "分子胶可以促使细胞自身的降解系统清除特定致病蛋白。这一方式有望作用于传统小分子难"
                        "以结合的靶点，多种候选药物处于早期研究。"
                    ),
                ),
                (
                    "Molecular glue degraders reach ‘undruggable’ targets",
                    (
                        "Molecular glues make the cell's own disposal machinery destroy a chosen "
                        "disease protein. The approach may work on targets that conventional small "
                        "molecules cannot bind; several candidates are in early studies."
                    ),
                ),
            ),
            _item(
                "public-health",
                "publichealth",
                (0, 3),
                (
                    "空气污染与心血管风险：新的综述汇总证据",
                    (
                        "综述显示，细颗粒物长期暴露与心血管疾病风险增加相关。作者建议将空气质量改善纳入慢"
                        "性病防控策略，并为高危人群提供防护建议。"
                    ),
                ),
                (
                    "Air pollution and cardiovascular risk: a new review gathers the evidence",
                    (
                        "The review links long-term exposure to fine particles with higher cardiovascular"
                        " risk. The authors recommend counting cleaner air as part of chronic disease "
                        "prevention, with advice for people at high risk."
                    ),
                ),
            ),
            _item(
                "medical-devices",
                "medtech",
                (0, 5),
                (
                    "植入式生物电子装置用于炎症性疾病",
                    (
                        "通过刺激迷走神经调节免疫反应，是生物电子医学的研究方向之一。早期研究在类风湿关节"
                        "炎等疾病中探索这一思路，器械安全性和长期效果有待验证。"
                    ),
                ),
                (
                    "Implanted bioelectronic devices target inflammatory disease",
                    (
                        "Stimulating the vagus nerve to calm the immune response is one path of bioelectr"
                        "onic medicine. Early studies explore it in conditions such as rheumatoid "
                        "arthritis; device safety and long-term effect remain to be shown."
                    ),
                ),
            ),
        ],
    },
    {
        "month": datetime.date(2026, 7, 1),
        "theme": (
            "本期关注“现货型”细胞疗法、登革热的扩散与防控，以及脊髓电刺激帮助瘫痪患者恢复行走的研究。",
            "This issue covers ‘off-the-shelf’ cell therapy, the spread and control of dengue, and spinal cord "
            "stimulation to help people with paralysis walk.",
        ),
        "items": [
            _item(
                "gene-cell-therapy",
                "clinical",
                (-1, 8),
                (
                    "“现货型”异体 CAR-NK 细胞疗法研究进展",
                    (
                        "与需要为每位患者单独制备的自体疗法不同，异体细胞产品可以提前生产、随取随用。"
                        "研究重点在于细胞在体内的持续时间和疗效的持久性。"
                    ),
                ),
                (
                    "Progress on ‘off-the-shelf’ donor CAR-NK cell therapy",
                    (
                        "Unlike autologous therapies made for each patient, donor-derived cell products "
                        "can be made in advance and used on demand. Research focuses on how long "
                        "the cells persist in the body and how durable responses are."
                    ),
                ),
            ),
            _item(
                "infectious-diseases",
                "publichealth",
                (-1, 12),
                (
                    "登革热向新地区扩散，沃尔巴克氏体防蚊策略受关注",
                    (
                        "气候变化和城市化使登革热传播范围扩大。释放携带沃尔巴克氏体的蚊子以降低病毒传播，"
                        "是多地正在评估的防控手段之一。"
                    ),
                ),
                (
                    "Dengue spreads to new regions; Wolbachia mosquitoes draw interest",
                    (
                        "Climate change and urbanisation are widening dengue's range. Releasing mosquitoe"
                        "s carrying Wolbachia bacteria, which reduces virus transmission, is one "
                        "of the measures several regions are evaluating."
                    ),
                ),
            ),
            _item(
                "cardiometabolic",
                "clinical",
                (-1, 17),
                (
                    "复方“多效片”用于心血管病二级预防",
                    (
                        "将降压、降脂和抗血小板药物合并为一片，可以简化服药、提高依从性。研究者认为，"
                        "这一策略在医疗资源有限的地区可能尤其有价值。"
                    ),
                ),
                (
                    "Polypills for secondary prevention of heart disease",
                    (
                        "Combining blood-pressure, cholesterol and antiplatelet drugs into one pill "
                        "simplifies treatment and improves adherence. Researchers see particular "
                        "value where health resources are limited."
                    ),
                ),
            ),
            _item(
                "ai-in-medicine",
                "digital",
                (-1, 22),
                (
                    "合成数据在医学人工智能中的用途与局限",
                    (
                        "合成的病历和影像数据可用于模型开发和测试，减少对真实患者数据的依赖。专家提醒，"
                        "合成数据可能复制原始数据的偏差，也并非天然没有隐私风险。"
                    ),
                ),
                (
                    "Synthetic data in medical AI: uses and limits",
                    (
                        "Synthetic records and images can support model development and testing with "
                        "less reliance on real patient data. Experts warn that synthetic data can "
                        "copy the biases of the original and is not automatically free of privacy "
                        "risk."
                    ),
                ),
            ),
            _item(
                "oncology",
                "agency",
                (0, 1),
                (
                    "单剂次 HPV 疫苗接种助力消除宫颈癌",
                    (
                        "越来越多国家采用单剂次 HPV 疫苗接种方案，以提高接种覆盖率。国际卫生组织强调，"
                        "消除宫颈癌还需要筛查和癌前病变治疗同步推进。"
                    ),
                ),
                (
                    "Single-dose HPV vaccination helps the drive to eliminate cervical cancer",
                    (
                        "More countries are adopting a single-dose HPV vaccine schedule to raise "
                        "coverage. An international health agency stresses that elimination also "
                        "needs screening and treatment of pre-cancer to advance together."
                    ),
                ),
            ),
            _item(
                "neuroscience",
                "university",
                (0, 4),
                (
                    "硬膜外脊髓电刺激帮助脊髓损伤患者恢复部分行走功能",
                    (
                        "研究团队将电极植入脊髓表面，按行走节律进行刺激，并结合康复训练。部分参与者恢复了"
                        "一定的行走能力，研究者强调个体差异大，仍需更大规模研究。"
                    ),
                ),
                (
                    "Epidural spinal cord stimulation helps some people with spinal cord injury walk",
                    (
                        "Research teams place electrodes on the spinal cord, stimulate in step with "
                        "walking and combine this with rehabilitation. Some participants regained "
                        "a degree of walking; the researchers stress large individual differences "
                        "and the need for larger studies."
                    ),
                ),
            ),
        ],
    },
    {
        "month": datetime.date(2026, 8, 1),
        "theme": (
            "暑期一期关注儿童近视防控、先导编辑的首批临床应用，以及用机器学习寻找新抗生素。",
            "Our summer issue looks at myopia control in children, the first clinical uses of prime editing, and "
            "finding new antibiotics with machine learning.",
        ),
        "items": [
            _item(
                "medical-devices",
                "medtech",
                (-1, 10),
                (
                    "掌上超声结合人工智能引导，拓展床旁检查",
                    (
                        "掌上超声设备连接手机即可使用，配合人工智能的扫查引导，让非超声专科医生也能完成基"
                        "础检查。培训和质量控制是推广的前提。"
                    ),
                ),
                (
                    "Handheld ultrasound with AI guidance extends bedside scanning",
                    (
                        "Handheld ultrasound probes that plug into a phone, with AI that guides the "
                        "scan, let non-specialists perform basic examinations. Training and quality "
                        "control come first."
                    ),
                ),
            ),
            _item(
                "public-health",
                "publichealth",
                (-1, 15),
                (
                    "儿童近视防控：户外活动与低浓度阿托品",
                    (
                        "证据显示，增加户外活动时间有助于延缓近视发生。低浓度阿托品滴眼液等干预在延缓近视"
                        "进展方面受到关注，专家建议在眼科医生指导下使用。"
                    ),
                ),
                (
                    "Myopia in children: time outdoors and low-dose atropine",
                    (
                        "Evidence shows that more time outdoors helps delay the onset of myopia. "
                        "Low-dose atropine eye drops and other measures to slow progression draw "
                        "interest; experts advise using them under an eye doctor's care."
                    ),
                ),
            ),
            _item(
                "gene-cell-therapy",
                "translational",
                (-1, 20),
                (
                    "先导编辑迈出临床应用第一步",
                    (
                        "先导编辑可以在不造成 DNA 双链断裂的情况下实现多种类型的精准修改。首批临床研究针对"
                        "单基因遗传病开展，安全性评估是当前的重点。"
                    ),
                ),
                (
                    "Prime editing takes its first clinical steps",
                    (
                        "Prime editing can make many kinds of precise changes without breaking both "
                        "DNA strands. The first clinical studies target single-gene disorders, with "
                        "safety the present focus."
                    ),
                ),
            ),
            _item(
                "drug-discovery",
                "preprint",
                (-1, 25),
                (
                    "机器学习帮助发现新型抗生素候选分子",
                    (
                        "研究者用机器学习模型筛选海量化合物，寻找对耐药菌有效的新结构。候选分子仍需经过动"
                        "物实验和临床试验的检验，但为抗生素研发带来新思路。"
                    ),
                ),
                (
                    "Machine learning helps find new antibiotic candidates",
                    (
                        "Researchers use machine-learning models to screen vast chemical libraries "
                        "for new structures active against resistant bacteria. Candidates still face "
                        "animal and clinical testing, but the approach brings fresh ideas to antibiotic "
                        "discovery."
                    ),
                ),
            ),
            _item(
                "oncology",
                "clinical",
                (0, 2),
                (
                    "肿瘤浸润淋巴细胞疗法用于实体瘤",
                    (
                        "从患者肿瘤中分离并扩增淋巴细胞后回输，是实体瘤细胞治疗的一条路径。研究关注适用瘤"
                        "种的扩展，以及制备流程和治疗毒性的管理。"
                    ),
                ),
                (
                    "Tumour-infiltrating lymphocyte therapy for solid tumours",
                    (
                        "Taking lymphocytes from a patient's tumour, expanding them and infusing "
                        "them back is one route to cell therapy for solid tumours. Studies look at "
                        "further tumour types and at managing manufacture and toxicity."
                    ),
                ),
            ),
            _item(
                "infectious-diseases",
                "agency",
                (0, 4),
                (
                    "呼吸道合胞病毒：婴儿与老年人的免疫保护",
                    (
                        "长效单克隆抗体和孕期接种疫苗可保护婴儿，老年人疫苗也已在多国使用。卫生部门正在评"
                        "估接种策略，以在呼吸道感染高发季节减轻医疗系统压力。"
                    ),
                ),
                (
                    "RSV: protecting infants and older adults",
                    (
                        "Long-acting monoclonal antibodies and vaccination in pregnancy protect infants, "
                        "and vaccines for older adults are in use in many countries. Health authorities "
                        "are weighing strategies to ease pressure on health systems in the respiratory "
                        "season."
                    ),
                ),
            ),
        ],
    },
    {
        "month": datetime.date(2026, 9, 1),
        "theme": (
            "本期关注多模态医学人工智能、睡眠与大脑清除代谢废物的研究，以及人口老龄化下的认知症照护。",
            "This issue covers multimodal medical AI, research on sleep and the brain's waste clearance, and dementia "
            "care in ageing societies.",
        ),
        "items": [
            _item(
                "ai-in-medicine",
                "digital",
                (-1, 9),
                (
                    "多模态模型整合影像、基因组与电子病历",
                    (
                        "研究者尝试让一个模型同时理解影像、基因检测结果和病历文本，以支持诊断和预后判断。"
                        "评估方法、数据标准和临床责任划分是需要回答的问题。"
                    ),
                ),
                (
                    "Multimodal models combine imaging, genomics and health records",
                    (
                        "Researchers are building models that read images, genetic results and clinical "
                        "notes together to support diagnosis and prognosis. How to evaluate them, "
                        "which data standards to use and who is responsible are open questions."
                    ),
                ),
            ),
            _item(
                "neuroscience",
                "neuro",
                (-1, 14),
                (
                    "睡眠与大脑“清洁”：类淋巴系统研究新进展",
                    (
                        "动物研究提示，睡眠期间大脑清除代谢废物的效率可能更高。研究者正尝试用影像技术在人"
                        "体中研究这一过程及其与神经退行性疾病的关系。"
                    ),
                ),
                (
                    "Sleep and the brain's clean-up: new work on the glymphatic system",
                    (
                        "Animal studies suggest that the brain clears metabolic waste more efficiently "
                        "during sleep. Researchers are using imaging to study the process in people "
                        "and its links with neurodegenerative disease."
                    ),
                ),
            ),
            _item(
                "cardiometabolic",
                "congress",
                (-1, 19),
                (
                    "SGLT2 抑制剂在不同射血分数心衰中的应用",
                    (
                        "这类最初用于降糖的药物已成为心力衰竭治疗的重要组成部分。最新学术会议讨论如何在不"
                        "同类型心衰患者中尽早、规范地使用。"
                    ),
                ),
                (
                    "SGLT2 inhibitors across the range of heart failure",
                    (
                        "First developed for diabetes, these drugs have become a mainstay of heart "
                        "failure treatment. A recent meeting discussed using them early and consistently "
                        "across types of heart failure."
                    ),
                ),
            ),
            _item(
                "medical-devices",
                "clinical",
                (-1, 24),
                (
                    "经导管心脏瓣膜治疗向更年轻患者拓展",
                    (
                        "经导管主动脉瓣置换已在高龄患者中广泛应用。对更年轻、手术风险较低的患者，"
                        "瓣膜的长期耐久性和再次干预的策略是选择治疗方式时的关键考量。"
                    ),
                ),
                (
                    "Transcatheter heart valves reach younger patients",
                    (
                        "Transcatheter aortic valve replacement is widely used in older patients. "
                        "For younger, lower-risk patients, long-term valve durability and plans for "
                        "later re-intervention are key to the choice of treatment."
                    ),
                ),
            ),
            _item(
                "public-health",
                "agency",
                (0, 2),
                (
                    "人口老龄化与认知症友好型照护",
                    (
                        "报告指出，认知症患者数量随人口老龄化增加。建议措施包括早期识别、社区照护网络、"
                        "对家庭照护者的支持，以及减少可改变的风险因素。"
                    ),
                ),
                (
                    "Ageing populations and dementia-friendly care",
                    (
                        "The report notes that the number of people with dementia grows as populations "
                        "age. It recommends early recognition, community care networks, support for "
                        "family carers and action on modifiable risk factors."
                    ),
                ),
            ),
            _item(
                "gene-cell-therapy",
                "preprint",
                (0, 5),
                (
                    "体内生成 CAR-T 细胞的新思路",
                    (
                        "研究者尝试通过递送 mRNA 或病毒载体，在患者体内直接改造 T 细胞，省去体外制备环节。"
                        "这一思路仍处于临床前和早期研究阶段。"
                    ),
                ),
                (
                    "A new idea: making CAR-T cells inside the body",
                    (
                        "Researchers are trying to reprogramme T cells directly in the patient by "
                        "delivering mRNA or viral vectors, skipping manufacture outside the body. "
                        "The idea is at preclinical and early clinical stages."
                    ),
                ),
            ),
        ],
    },
    {
        "month": datetime.date(2026, 10, 1),
        "theme": (
            "本期关注肺癌早筛与人工智能、污水监测在新发传染病预警中的作用，以及青少年心理健康。",
            "This issue looks at lung cancer screening with AI, wastewater monitoring as an early warning for "
            "emerging infections, and the mental health of adolescents.",
        ),
        "items": [
            _item(
                "oncology",
                "clinical",
                (-1, 9),
                (
                    "低剂量 CT 结合人工智能优化肺癌筛查",
                    (
                        "人工智能可以辅助识别和随访肺结节，帮助减少漏诊和不必要的复查。研究者同时关注筛查"
                        "人群的选择，以及非吸烟人群的肺癌风险。"
                    ),
                ),
                (
                    "Low-dose CT with AI refines lung cancer screening",
                    (
                        "AI can help detect and follow up lung nodules, reducing both missed cancers "
                        "and unnecessary repeat scans. Researchers also look at who should be screened, "
                        "including the lung cancer risk of people who never smoked."
                    ),
                ),
            ),
            _item(
                "infectious-diseases",
                "publichealth",
                (-1, 14),
                (
                    "污水监测成为新发传染病预警工具",
                    (
                        "通过检测城市污水中的病原体核酸，可以在病例增加前发现传播信号。多地正把污水监测纳"
                        "入常规监测体系，并探索覆盖更多病原体。"
                    ),
                ),
                (
                    "Wastewater monitoring becomes an early-warning tool for emerging infections",
                    (
                        "Testing city wastewater for pathogen genetic material can reveal spread "
                        "before cases rise. Several regions are making it part of routine surveillance "
                        "and extending it to more pathogens."
                    ),
                ),
            ),
            _item(
                "drug-discovery",
                "translational",
                (-1, 19),
                (
                    "冷冻电镜推动膜蛋白靶点的结构药物设计",
                    (
                        "冷冻电镜技术让研究者得以解析离子通道、受体等膜蛋白的高分辨率结构，为基于结构的药"
                        "物设计提供了基础。"
                    ),
                ),
                (
                    "Cryo-EM drives structure-based drug design for membrane proteins",
                    (
                        "Cryo-electron microscopy lets researchers solve high-resolution structures "
                        "of ion channels, receptors and other membrane proteins, giving structure-based "
                        "drug design a foundation."
                    ),
                ),
            ),
            _item(
                "ai-in-medicine",
                "university",
                (-1, 24),
                (
                    "急诊分诊人工智能开展前瞻性评估",
                    (
                        "一些医院在急诊科以前瞻性研究方式评估人工智能分诊工具，比较其与护士分诊的一致性，"
                        "并观察对候诊时间和患者安全的影响。"
                    ),
                ),
                (
                    "AI triage in emergency departments under prospective evaluation",
                    (
                        "Some hospitals are evaluating AI triage tools in emergency departments through "
                        "prospective studies, comparing them with nurse triage and watching the effect "
                        "on waiting times and patient safety."
                    ),
                ),
            ),
            _item(
                "neuroscience",
                "regulator",
                (0, 2),
                (
                    "迷幻药辅助疗法研究：监管机构持审慎态度",
                    (
                        "一些研究探索在严格心理支持下使用迷幻类药物治疗难治性抑郁等疾病。监管机构强调需要"
                        "更严谨的试验设计，以评估疗效和滥用风险。"
                    ),
                ),
                (
                    "Psychedelic-assisted therapy: regulators stay cautious",
                    (
                        "Some studies explore psychedelic drugs, given with close psychological support, "
                        "for treatment-resistant depression and other conditions. Regulators call "
                        "for more rigorous trial designs to assess benefit and the risk of misuse."
                    ),
                ),
            ),
            _item(
                "public-health",
                "publichealth",
                (0, 5),
                (
                    "世界精神卫生日：关注青少年心理健康与数字媒体",
                    (
                        "研究和报告关注青少年抑郁、焦虑与社交媒体使用之间的关系。专家建议家庭、学校和平台"
                        "共同努力，同时加强可及的心理健康服务。"
                    ),
                ),
                (
                    "World Mental Health Day: adolescents and digital media",
                    (
                        "Studies and reports examine links between adolescent depression and anxiety "
                        "and social media use. Experts recommend joint action by families, schools "
                        "and platforms, together with accessible mental health services."
                    ),
                ),
            ),
        ],
    },
    {
        "month": datetime.date(2026, 11, 1),
        "theme": (
            (
                "本期关注口服减重新药、基因编辑猪肾异种移植研究，以及世界提高抗微生物药物耐药认识周。"
                "本期同时是本刊第一卷的最后一期。"
            ),
            (
                "This issue covers oral weight-loss drugs, research on gene-edited pig kidney xenotranspl"
                "antation and World "
                "AMR Awareness Week. It also completes the digest's first volume."
            ),
        ),
        "items": [
            _item(
                "cardiometabolic",
                "clinical",
                (-1, 10),
                (
                    "口服小分子肠促胰素受体激动剂研究进展",
                    (
                        "与注射制剂相比，口服小分子药物更便于生产和使用。多种候选药物正在研究中，"
                        "疗效、胃肠道耐受性和长期安全性是关注重点。"
                    ),
                ),
                (
                    "Oral small-molecule incretin drugs progress",
                    (
                        "Compared with injections, oral small molecules are easier to make and take. "
                        "Several candidates are under study, with efficacy, gastrointestinal tolerability"
                        " and long-term safety in focus."
                    ),
                ),
            ),
            _item(
                "gene-cell-therapy",
                "translational",
                (-1, 15),
                (
                    "基因编辑猪肾异种移植研究持续推进",
                    (
                        "通过多基因编辑降低排斥反应的猪肾，为缓解器官短缺提供了新的可能。目前研究仍属探索"
                        "阶段，长期功能、感染风险和伦理审查是讨论重点。"
                    ),
                ),
                (
                    "Research on gene-edited pig kidney transplants continues",
                    (
                        "Pig kidneys with multiple gene edits to reduce rejection offer a possible "
                        "answer to organ shortages. The work is still exploratory; long-term function, "
                        "infection risk and ethical review are at the centre of discussion."
                    ),
                ),
            ),
            _item(
                "medical-devices",
                "digital",
                (-1, 20),
                (
                    "数字疗法的支付与评价框架",
                    (
                        "以软件形式提供的数字疗法需要临床证据支持其疗效。多国正在探索数字疗法的审批路径、"
                        "医保支付方式和真实世界评价方法。"
                    ),
                ),
                (
                    "Paying for and evaluating digital therapeutics",
                    (
                        "Digital therapeutics delivered as software need clinical evidence of benefit. "
                        "Countries are exploring approval routes, reimbursement and real-world evaluation"
                        " for them."
                    ),
                ),
            ),
            _item(
                "ai-in-medicine",
                "preprint",
                (-1, 25),
                (
                    "如何评估临床决策支持中的人工智能“智能体”",
                    (
                        "能调用工具、多步推理的人工智能系统开始被用于临床信息检索和决策支持。研究者提出，"
                        "评估应超越选择题测试，考察真实临床场景中的安全性与可靠性。"
                    ),
                ),
                (
                    "How to evaluate AI ‘agents’ for clinical decision support",
                    (
                        "AI systems that use tools and reason in several steps are starting to be "
                        "used for clinical information retrieval and decision support. Researchers "
                        "argue that evaluation must go beyond multiple-choice tests to safety and "
                        "reliability in real clinical settings."
                    ),
                ),
            ),
            _item(
                "oncology",
                "congress",
                (0, 1),
                (
                    "肿瘤心脏病学：关注癌症幸存者的心血管健康",
                    (
                        "随着癌症生存率提高，部分抗肿瘤治疗带来的心血管影响日益受到重视。学术会议讨论如何"
                        "在治疗前评估风险，并在随访中监测心脏功能。"
                    ),
                ),
                (
                    "Cardio-oncology: the heart health of cancer survivors",
                    (
                        "As more people survive cancer, the cardiovascular effects of some cancer "
                        "treatments receive more attention. A recent meeting discussed assessing "
                        "risk before treatment and monitoring heart function during follow-up."
                    ),
                ),
            ),
            _item(
                "infectious-diseases",
                "agency",
                (0, 4),
                (
                    "抗微生物药物耐药认识周：探索新抗生素激励机制",
                    (
                        "新抗生素研发投入大、回报低。国际卫生组织和多国探索“订阅式”采购等激励机制，"
                        "在鼓励研发的同时倡导合理使用抗菌药物。"
                    ),
                ),
                (
                    "AMR Awareness Week: new incentives for antibiotic development",
                    (
                        "New antibiotics are costly to develop and earn little. An international "
                        "health agency and several countries are exploring incentives such as subscriptio"
                        "n-style purchasing, while urging prudent use of antibiotics."
                    ),
                ),
            ),
        ],
    },
]
