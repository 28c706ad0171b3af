"""The foundation's pledge form and donor list pages (children of the Foundation section in both languages)
and the bank transfer details that the pledge confirmation shows, visibly marked as sample data.

The seeds say the foundation was unveiled in April 2023 and has signed several donation agreements;
its bank account is not given, so the demo's details are samples (示例) that tell donors not to transfer
money. Idempotent: pages by slug (through the demo tree), bank details by locale.
"""

from wagtail.models import Locale

from content.models import DonorListPage, PledgePage
from records.donations.models import BankTransferDetails

from .build import p
from .datafiles import read
from .spec import page

_DATA = read("foundation", facts=True)

BANK_DETAILS = _DATA["bank_details"]


def pledge_body(blocks):
    if blocks.lang == "zh":
        return [
            blocks.rich(
                p(
                    "感谢您支持深圳市光明致远科技基金会。提交认捐后，您将看到基金会的银行账户信息，"
                    "并收到一封确认邮件；基金会收到每笔捐款后都会开具收据，并定期向捐赠人反馈项目进展。"
                )
            )
        ]
    return [
        blocks.rich(
            p(
                "Thank you for supporting the Shenzhen Guangming Zhiyuan Science and Technology Foundation. After your "
                "pledge you see the foundation's bank account and receive a confirmation email; the foundation issues "
                "a receipt for every payment it receives and reports back to donors on the progress of the projects."
            )
        )
    ]


def donor_list_body(blocks):
    if blocks.lang == "zh":
        return [blocks.rich(p("以下名单仅为网站演示示例，均为虚构的捐赠人。"))]
    return [blocks.rich(p("The names below are samples for demonstrating the website: every donor is fictional."))]


PLEDGE = page(
    PledgePage,
    "pledge",
    zh={
        "title": "认捐",
        "intro": "在线提交捐赠意向（认捐）。本网站不收取任何款项，捐赠通过银行转账完成。",
        "listing_summary": "在线认捐，并查看银行转账方式。",
    },
    en={
        "title": "Make a pledge",
        "intro": "Pledge a gift online. No payment is taken on this website: gifts are made by bank transfer.",
        "listing_summary": "Pledge a gift online and see how to transfer it.",
    },
    body=pledge_body,
)

DONOR_LIST = page(
    DonorListPage,
    "donors",
    zh={
        "title": "捐赠人名单",
        "intro": "感谢每一位支持源头创新的捐赠人。名单仅列出同意公开姓名的捐赠人。",
        "listing_summary": "同意公开姓名的捐赠人。",
    },
    en={
        "title": "Our donors",
        "intro": "We thank every donor who supports original innovation. Only donors who agreed to be named "
        "are listed.",
        "listing_summary": "The donors who agreed to be named.",
    },
    body=donor_list_body,
)


def load(homes, stdout=None):
    """Create the sample bank transfer details of each language that has none; return how many were created."""
    created = 0
    for language, values in BANK_DETAILS.items():
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None or BankTransferDetails.objects.filter(locale=locale).exists():
            continue
        source = BankTransferDetails.objects.filter(locale__language_code="zh-hans").first()
        details = BankTransferDetails(locale=locale, is_sample=True, **values)
        if source is not None:
            details.translation_key = source.translation_key
        details.save()
        created += 1
    if stdout is not None:
        stdout.write(f"  bank transfer details (sample): {created} created\n")
    return created
