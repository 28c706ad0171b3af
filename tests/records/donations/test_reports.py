"""Totals by designation and year, the public donor list (only consenting donors), donor reports as PDF."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from records.donations import services
from records.donations.models import DonorType, PaymentMethod, ProgressNote, Status
from tests.factories import donations as f

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def moment(year, month=6, day=1):
    return datetime.datetime(year, month, day, 10, 0, tzinfo=SHANGHAI)


def pay(pledge, amount, staff, received_on):
    return services.record_payment(
        pledge, amount=Decimal(amount), received_on=received_on, method=PaymentMethod.BANK_TRANSFER, user=staff
    )


def text_of(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def gifts():
    staff = f.staff_user()
    investigator, general = f.designation(), f.general_fund()
    named = f.make_pledge(
        Status.AGREEMENT_SIGNED, staff=staff, donor_name="示例捐赠人甲", amount=Decimal("50000"), now=moment(2025)
    )
    pay(named, "20000", staff, datetime.date(2025, 7, 1))
    pay(named, "30000", staff, datetime.date(2026, 2, 1))
    company = f.make_pledge(
        Status.AGREEMENT_SIGNED,
        staff=staff,
        donor_type=DonorType.ORGANISATION,
        donor_name="示例科技有限公司",
        amount=Decimal("2000000"),
        now=moment(2026, 1, 5),
    )
    pay(company, "1500000", staff, datetime.date(2026, 3, 1))
    anonymous = f.make_pledge(
        Status.AGREEMENT_SIGNED,
        staff=staff,
        donor_name="不愿具名的捐赠人",
        anonymous=True,
        consent_named=False,
        designation=general,
        amount=Decimal("10000"),
        now=moment(2026, 2, 1),
    )
    pay(anonymous, "10000", staff, datetime.date(2026, 2, 10))
    unnamed = f.make_pledge(
        Status.AGREEMENT_SIGNED,
        staff=staff,
        donor_name="未同意公开的捐赠人",
        consent_named=False,
        designation=general,
        amount=Decimal("3000.50"),
        now=moment(2026, 2, 2),
    )
    pay(unnamed, "3000.50", staff, datetime.date(2026, 2, 12))
    # Agreed to be named but has not paid anything yet: not listed.
    f.make_pledge(donor_name="尚未付款的捐赠人", now=moment(2026, 3, 1), designation=general, amount=Decimal("700"))
    cancelled = f.make_pledge(donor_name="已取消的捐赠人", now=moment(2026, 3, 2), amount=Decimal("999"))
    services.cancel(cancelled, staff, "捐赠人改变计划")
    ProgressNote.objects.create(
        designation=investigator,
        reported_on=datetime.date(2026, 4, 1),
        title_zh="首批项目启动（示例）",
        title_en="First projects under way (sample)",
        body_zh="示例进展：研究团队已启动工作。",
        body_en="Sample progress: the research teams have started work.",
    )
    ProgressNote.objects.create(
        designation=investigator,
        reported_on=datetime.date(2024, 4, 1),
        title_zh="旧的进展",
        title_en="Old progress",
        body_zh="不在报告期内。",
        body_en="Outside the period.",
    )
    return {"named": named, "company": company, "anonymous": anonymous, "unnamed": unnamed, "staff": staff}


def test_totals_by_designation_and_year_are_decimal_and_add_up(gifts):
    figures = services.totals()
    rows = {(row["year"], row["code"]): row for row in figures["rows"]}
    assert rows[(2025, "smart-investigator")]["pledged"] == Decimal("50000.00")
    assert rows[(2025, "smart-investigator")]["received"] == Decimal("20000.00")
    assert rows[(2026, "smart-investigator")]["pledged"] == Decimal("2000000.00")  # cancelled one not counted
    assert rows[(2026, "smart-investigator")]["pledges"] == 1
    assert rows[(2026, "smart-investigator")]["received"] == Decimal("1530000.00")
    assert rows[(2026, "general-fund")]["pledged"] == Decimal("13700.50")
    assert rows[(2026, "general-fund")]["received"] == Decimal("13000.50")
    assert figures["total"]["received"] == Decimal("1563000.50")
    assert all(isinstance(row["received"], Decimal) and isinstance(row["pledged"], Decimal) for row in rows.values())
    only_2025 = services.totals(2025)
    assert [row["year"] for row in only_2025["rows"]] == [2025]
    assert services.years() == [2026, 2025]


def test_the_public_donor_list_names_only_consenting_donors_who_gave(gifts):
    listing = services.public_donor_list()
    assert [group["year"] for group in listing] == [2026, 2025]
    names_2026 = [donor["name"] for donor in listing[0]["donors"]]
    assert names_2026 == ["示例科技有限公司", "示例捐赠人甲"]  # organisations first, then individuals
    assert [donor["name"] for donor in listing[1]["donors"]] == ["示例捐赠人甲"]
    company, person = listing[0]["donors"]
    with translation.override("en"):
        assert str(company["band"]) == "CNY 1 million and above"
    assert person["band"] == ""  # never an individual's amount
    flat = repr(listing)
    for hidden in ("不愿具名", "未同意公开", "尚未付款", "已取消", "@example.org", "1500000", "13800000000"):
        assert hidden not in flat
    assert all(donor["band"] == "" for group in services.public_donor_list(False) for donor in group["donors"])


def test_a_donor_report_in_chinese_lists_gifts_and_progress_of_the_period(gifts):
    named = gifts["named"]
    content, report = services.donor_report_pdf(named.email, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert report["language"] == "zh-hans"
    assert report["received_total"] == Decimal("30000.00")
    text = text_of(content)
    for expected in (
        "捐赠人报告",
        "深圳市光明致远科技基金会",
        "示例捐赠人甲",
        named.reference,
        "30,000.00",
        "首批项目启动（示例）",
        "示例进展：研究团队已启动工作。",
        "您所支持项目的进展",
    ):
        assert expected in text, expected
    assert "旧的进展" not in text and "Donor report" not in text


def test_a_donor_report_in_english_for_an_english_donor(gifts):
    staff = gifts["staff"]
    pledge = f.make_pledge(
        Status.AGREEMENT_SIGNED, staff=staff, donor_name="Sample Donor", language="en", now=moment(2026, 3, 3)
    )
    pay(pledge, "2500", staff, datetime.date(2026, 3, 20))
    content, report = services.donor_report_pdf(pledge.email, datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    assert report["language"] == "en"
    text = text_of(content)
    for expected in ("Donor report", "Sample Donor", "SMART Investigator programme", "2,500.00", "Sample progress"):
        assert expected in text, expected
    assert "捐赠人报告" not in text
    # Staff may choose the language explicitly.
    zh_content, _report = services.donor_report_pdf(
        pledge.email, datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), "zh-hans"
    )
    assert "捐赠人报告" in text_of(zh_content)


def test_a_period_without_gifts_gives_no_report(gifts):
    named = gifts["named"]
    assert services.donor_report_pdf(named.email, datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)) == (
        None,
        None,
    )
    assert services.donor_report("nobody@example.org", timezone.localdate(), timezone.localdate()) is None
