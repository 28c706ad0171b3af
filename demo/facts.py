"""Figures stated in the seed documents (SMART 2023 work report), in one place.

Every number the demo content shows comes from here, so a page and a test can never disagree.
"""

from decimal import Decimal

# Shenzhen Medical Research Fund (深圳市医学研究专项资金, 深医专项), 2023.
FUND_FIRST_YEAR_BUDGET_CNY = Decimal("200000000")  # 首年安排财政资金 2 亿元
FUND_APPLICATION_TYPES = 4  # 4 种类型
FUND_APPLICATION_CATEGORIES = 11  # 11 个类别
FUND_APPLICATIONS_2023 = 2711  # 项目申请 2711 项
FUND_APPLYING_INSTITUTIONS_2023 = 88  # 来自 88 家依托单位
FUND_ACCEPTED_2023 = 2648  # 正式受理 2648 项
FUND_FUNDED_2023 = 285  # 批准资助 285 项
FUND_TOTAL_AWARDED_CNY_2023 = Decimal("195996000")  # 资助总经费 19599.6 万元
FUND_REGISTERED_INSTITUTIONS = 124  # 两轮注册，审议通过 124 家依托单位
FUND_REGISTRATION_ROUNDS = 2
FUND_EXPERT_POOL = "9,000+"  # 9000 余位专家

# Other 2023 figures.
SYMPOSIA_2023 = 5  # 5 期 SMART Symposia
SYMPOSIA_SPEAKERS_2023 = "100+"  # 100 余名中外院士、顶尖专家
SYMPOSIA_INTERESTED_2023 = "30+"  # 30 余位专家学者表达浓厚兴趣
PI_INTERVIEWS_2023 = 4  # 四次 PI 面试
PIS_RECRUITED_2023 = 7  # 全职 PI 七位
POSTDOCS_RECRUITED = 3  # 已招收博士后 3 人
MAYORAL_MEETINGS_2023 = 4  # 4 次专题会议
PERMANENT_SITE_M2 = 280000  # 28 万平方米
PIS_PLANNED_2024 = 25  # 计划引进 25 名 PI


def wan_yuan(amount):
    """A CNY amount in 万元 as Chinese documents write it: Decimal("195996000") -> "19599.6"."""
    value = (Decimal(amount) / Decimal(10000)).normalize()
    return f"{value:f}"


def cny_millions(amount):
    """A CNY amount in millions with the precision it needs: Decimal("195996000") -> "195.996"."""
    value = (Decimal(amount) / Decimal(1000000)).normalize()
    return f"{value:f}"


_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def en_count(number, capital=False):
    """A small count written out as English prose does ("five"); larger numbers stay digits."""
    text = _WORDS[number] if 0 <= number < len(_WORDS) else f"{number:,}"
    return text.capitalize() if capital else text


# The small counts as English prose writes them.
SYMPOSIA_2023_EN = en_count(SYMPOSIA_2023)
PI_INTERVIEWS_2023_EN = en_count(PI_INTERVIEWS_2023)
PIS_RECRUITED_2023_EN = en_count(PIS_RECRUITED_2023)
POSTDOCS_RECRUITED_EN = en_count(POSTDOCS_RECRUITED)
FUND_APPLICATION_TYPES_EN = en_count(FUND_APPLICATION_TYPES)
