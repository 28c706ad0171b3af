"""The foundation's public pages: the pledge form (valid, hostile and repeated input, emails in the donor's
language, the confirmation with bank transfer details) and the donor list (only consenting donors)."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase, override_settings
from wagtail.models import Locale, Page

from content.models import DonorListPage, PledgePage, SectionIndexPage
from records.donations import services
from records.donations.models import (
    BankTransferDetails,
    DonorType,
    Payment,
    PaymentMethod,
    Pledge,
    ProgressNote,
    Status,
)
from records.intake import issue_token
from records.notifications import Notification
from tests.content.test_demo import only_section_loaders
from tests.factories import donations as f
from tests.factories.pages import ensure_roots, publish_child, translate
from tests.sharing import tree_layer

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"SMDN-\d{4}-\d{6}")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@tree_layer
def site(site_tree):
    """The pledge and donor list pages with designations and bank details, on the module's shared tree."""
    pages = site_tree
    zh, en = pages["home"].locale, pages["home_en"].locale
    investigator, general = f.designation(), f.general_fund()
    f.designation("retired", name_zh="已停用用途", name_en="Retired designation", active=False)
    pledge_page = publish_child(pages["home"], PledgePage(title="认捐", slug="pledge", intro="在线认捐"))
    pledge_en = translate(pledge_page, en, title="Make a pledge", slug="pledge", intro="Pledge online")
    donors = publish_child(pages["home"], DonorListPage(title="捐赠人名单", slug="donors"))
    donors_en = translate(donors, en, title="Our donors", slug="donors")
    zh_bank = BankTransferDetails.objects.create(
        locale=zh,
        account_name="深圳市光明致远科技基金会（示例）",
        bank_name="示例银行",
        account_number="6200（示例账号）",
        instructions="请在附言中注明认捐编号。",
        is_sample=True,
    )
    BankTransferDetails.objects.create(
        locale=en,
        translation_key=zh_bank.translation_key,
        account_name="The Foundation (sample)",
        bank_name="Sample Bank",
        account_number="6200 (sample)",
        swift_code="SAMPLECN",
        is_sample=True,
    )
    return {
        "zh_url": pledge_page.url,
        "en_url": pledge_en.url,
        "donors_url": donors.url,
        "donors_en_url": donors_en.url,
        "investigator": investigator,
        "general": general,
        "donors_page": donors,
    }


def form_data(site, **overrides):
    data = {
        "form_token": issue_token("donations.pledge"),
        "website": "",
        "donor_type": "individual",
        "donor_name": "李示例",
        "email": "Li.Donor@Example.org",
        "phone": "+86 138-0000-0000",
        "amount": "12345.60",
        "designation": str(site["investigator"].pk),
        "consent_named": "on",
        "message": "支持源头创新。",
        "pipl_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_pledge_page_shows_the_form_with_active_designations_only(client, site):
    response = client.get(site["zh_url"])
    html = response.content.decode()
    assert response.status_code == 200 and 'name="form_token"' in html
    assert "SMART Investigator 研究资助项目" in html and "基金会综合发展（非限定）" in html
    assert "已停用用途" not in html
    assert "本网站不收取任何款项" in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    english = client.get(site["en_url"]).content.decode()
    assert "SMART Investigator programme" in english and "No payment is taken on this website" in english


def test_a_valid_pledge_is_stored_acknowledged_in_chinese_and_confirmed_with_bank_details(
    client, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(site["zh_url"], form_data(site))
    assert response.status_code == 302 and response["Location"].endswith("?done=1")
    pledge = Pledge.objects.get()
    assert REFERENCE.fullmatch(pledge.reference)
    assert pledge.status == Status.PLEDGED and pledge.amount == Decimal("12345.60")
    assert pledge.email == "li.donor@example.org" and pledge.language == "zh-hans"
    assert pledge.consent_named and not pledge.anonymous and pledge.consent_at is not None
    confirmation = client.get(response["Location"]).content.decode()
    assert pledge.reference in confirmation and "12,345.60" in confirmation
    assert "6200（示例账号）" in confirmation and "data-sample" in confirmation
    assert "请勿向此账户转账" in confirmation
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["li.donor@example.org"]
    assert pledge.reference in message.subject and "已收到认捐" in message.subject
    assert "感谢您向深圳市光明致远科技基金会认捐" in message.body
    assert "12,345.60" in message.body and "6200（示例账号）" in message.body
    assert "SMART Investigator 研究资助项目" in message.body


def test_an_english_pledge_gets_an_english_email(client, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(site["en_url"], form_data(site, donor_type="organisation", donor_name="Sample Co. Ltd"))
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.language == "en" and pledge.donor_type == DonorType.ORGANISATION
    message = mail.outbox[0]
    assert message.subject.startswith("Pledge received") and "Dear Sample Co. Ltd," in message.body
    assert "SMART Investigator programme" in message.body and "SAMPLECN" in message.body
    assert "please do not transfer money" in message.body.lower()
    assert "您好" not in message.body
    page = client.get(response["Location"]).content.decode()
    assert "Sample Bank" in page and "6200 (sample)" in page


def test_a_double_submit_creates_one_pledge(client, site, django_capture_on_commit_callbacks):
    data = form_data(site)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(site["zh_url"], data)
        second = client.post(site["zh_url"], data)
    assert first.status_code == second.status_code == 302
    assert Pledge.objects.count() == 1 and Notification.objects.count() == 1 and len(mail.outbox) == 1


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"amount": "-100"}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"amount": "100000000.01"}, "amount"),
        ({"amount": "1" * 40}, "amount"),
        ({"amount": "10.005"}, "amount"),
        ({"amount": "1e999"}, "amount"),
        ({"amount": "NaN"}, "amount"),
        ({"amount": "壹万"}, "amount"),
        ({"email": "not-an-email"}, "email"),
        ({"email": "a@b@example.org"}, "email"),
        ({"donor_name": "<script>alert('x')</script>"}, "donor_name"),
        ({"donor_name": "名字\x00"}, "donor_name"),
        ({"donor_name": "x" * 201}, "donor_name"),
        ({"message": "hello\x07"}, "message"),
        ({"message": "长" * 2001}, "message"),
        ({"phone": "<b>call</b>"}, "phone"),
        ({"pipl_consent": None}, "pipl_consent"),
        ({"donor_type": "robot"}, "donor_type"),
        ({"designation": "999999"}, "designation"),
        ({"designation": "inactive"}, "designation"),
        ({"anonymous": "on", "consent_named": "on"}, "consent_named"),
    ],
)
def test_bad_input_is_refused_with_a_translated_error_and_nothing_is_stored(client, site, overrides, field):
    if overrides.get("designation") == "inactive":
        overrides = {"designation": str(f.designation("retired").pk)}
    response = client.post(site["zh_url"], form_data(site, **overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert Pledge.objects.count() == 0 and len(mail.outbox) == 0
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "请更正以下问题后重新提交" in html


def test_errors_are_in_the_visitors_language(client, site):
    zh = client.post(site["zh_url"], form_data(site, email="bad", pipl_consent=None)).content.decode()
    assert "处理本认捐需要您的同意。" in zh
    en = client.post(site["en_url"], form_data(site, email="bad", pipl_consent=None)).content.decode()
    assert "Your consent is needed to process this pledge." in en


def test_an_xss_message_is_stored_as_text_and_never_rendered_as_html(client, site):
    payload = '"><img src=x onerror=alert(1)>'
    response = client.post(site["zh_url"], form_data(site, message=payload, donor_name="示例 & 伙伴"))
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.message == payload and pledge.donor_name == "示例 & 伙伴"
    page = client.get(response["Location"]).content.decode()
    assert "onerror=alert" not in page


def test_the_honeypot_and_a_forged_token_are_refused(client, site):
    trapped = client.post(site["zh_url"], form_data(site, website="http://spam.example.org"))
    assert trapped.status_code == 400
    forged = client.post(site["zh_url"], form_data(site, form_token="forged"))
    assert forged.status_code == 400 and "表单已过期，请刷新页面后重新提交。" in forged.content.decode()
    wrong_kind = client.post(site["zh_url"], form_data(site, form_token=issue_token("grants.application")))
    assert wrong_kind.status_code == 400
    assert Pledge.objects.count() == 0 and len(mail.outbox) == 0


@override_settings(RECORDS_RATE_LIMIT=2)
def test_posts_are_rate_limited(client, site):
    for _ in range(2):
        client.post(site["zh_url"], form_data(site, email="bad"))
    limited = client.post(site["zh_url"], form_data(site))
    assert limited.status_code == 429
    assert Pledge.objects.count() == 0


def test_without_designations_the_page_says_pledges_are_not_possible_online(client, site):
    from records.donations.models import Designation

    Designation.objects.update(active=False)
    html = client.get(site["zh_url"]).content.decode()
    assert 'name="form_token"' not in html and "目前暂不能在线认捐" in html
    assert client.post(site["zh_url"], form_data(site)).status_code == 400
    assert Pledge.objects.count() == 0


def test_the_confirmation_step_needs_a_submission(client, site):
    response = client.get(site["zh_url"] + "?done=1")
    assert response.status_code == 302 and response["Location"] == site["zh_url"]


def test_the_donor_list_shows_only_consenting_donors_who_gave(client, site):
    staff = f.staff_user()
    today = datetime.date.today()

    def gift(name, *, amount="1000", **fields):
        pledge = f.make_pledge(Status.AGREEMENT_SIGNED, staff=staff, donor_name=name, amount=Decimal(amount), **fields)
        services.record_payment(
            pledge,
            amount=Decimal(amount),
            received_on=today - datetime.timedelta(days=1),
            method=PaymentMethod.BANK_TRANSFER,
            user=staff,
        )
        return pledge

    gift("示例捐赠人甲", consent_named=True, phone="13900000000")
    gift("示例科技有限公司", amount="150000", consent_named=True, donor_type=DonorType.ORGANISATION)
    gift("匿名捐赠人乙", consent_named=False, anonymous=True)
    gift("未同意公开的丙", consent_named=False)
    f.make_pledge(donor_name="只认捐未付款的丁", consent_named=True)
    html = client.get(site["donors_url"]).content.decode()
    assert "示例捐赠人甲" in html and "示例科技有限公司" in html
    assert "10万元至100万元以下" in html
    for hidden in (
        "匿名捐赠人乙",
        "未同意公开的丙",
        "只认捐未付款的丁",
        "@example.org",
        "13900000000",
        "150,000",
        "150000",
    ):
        assert hidden not in html, hidden
    english = client.get(site["donors_en_url"]).content.decode()
    assert "示例科技有限公司" in english and "CNY 100,000 to under 1 million" in english
    page = site["donors_page"]
    page.show_organisation_bands = False
    page.save_revision().publish()
    assert "10万元至100万元以下" not in client.get(site["donors_url"]).content.decode()


def test_donor_names_are_escaped_on_the_donor_list(client, site):
    staff = f.staff_user()
    pledge = f.make_pledge(Status.AGREEMENT_SIGNED, staff=staff, donor_name="<i>示例</i>", consent_named=True)
    services.record_payment(
        pledge, amount=Decimal("10"), received_on=datetime.date.today(), method=PaymentMethod.CHEQUE, user=staff
    )
    html = client.get(site["donors_url"]).content.decode()
    assert "&lt;i&gt;示例&lt;/i&gt;" in html and "<i>示例</i>" not in html


class FoundationDemoTests(TestCase):
    """The demo: the pledge and donor list pages under the Foundation section in both languages, sample bank
    details, and the donations demo data (``load_donations_demo``), each loaded twice to show idempotence."""

    @classmethod
    def setUpTestData(cls):
        from demo.foundation import load as load_foundation

        ensure_roots()  # a database flushed by transactional tests lacks the roots and locales
        outputs = [io.StringIO() for _ in range(4)]
        with only_section_loaders(load_foundation):
            call_command("load_demo", only=["pages"], stdout=outputs[0])
            cls.pages_after_first = Page.objects.count()
            call_command("load_demo", only=["pages"], stdout=outputs[1])
        call_command("load_donations_demo", stdout=outputs[2])
        cls.pledges_after_first = Pledge.objects.count()
        cls.payments_after_first = Payment.objects.count()
        call_command("load_donations_demo", stdout=outputs[3])
        cls.outputs = [output.getvalue() for output in outputs]

    def test_both_commands_are_idempotent_and_end_with_a_summary(self):
        self.assertEqual(Page.objects.count(), self.pages_after_first)
        self.assertIn("nothing created", self.outputs[1].strip().splitlines()[-1])
        self.assertEqual(Pledge.objects.count(), self.pledges_after_first)
        self.assertEqual(Payment.objects.count(), self.payments_after_first)
        self.assertEqual(BankTransferDetails.objects.count(), 2)
        first, second = self.outputs[2].strip().splitlines(), self.outputs[3].strip().splitlines()
        self.assertIn("pledges: 7/7", first)
        self.assertTrue(first[-1].startswith("Donations demo: "), first[-1])
        self.assertIn("0 designations/notes and 0 pledges created", second[-1])

    def test_the_pages_sit_under_the_foundation_in_both_languages_with_one_translation_key(self):
        zh, en = Locale.objects.get(language_code="zh-hans"), Locale.objects.get(language_code="en")
        for model, slug in ((PledgePage, "pledge"), (DonorListPage, "donors")):
            source = model.objects.get(locale=zh)
            translation = model.objects.get(locale=en)
            self.assertEqual(source.translation_key, translation.translation_key)
            self.assertEqual(source.get_parent().slug, "foundation")
            self.assertEqual(translation.get_parent().slug, "foundation")
            self.assertEqual((source.slug, translation.slug), (slug, slug))
            self.assertTrue(source.live and translation.live)
        self.assertTrue(all(details.is_sample for details in BankTransferDetails.objects.all()))

    def test_the_demo_data_is_visibly_fictional_and_covers_every_state(self):
        self.assertEqual(
            set(Pledge.objects.values_list("status", flat=True)),
            {Status.PLEDGED, Status.AGREEMENT_SIGNED, Status.PARTLY_RECEIVED, Status.FULLY_RECEIVED, Status.CANCELLED},
        )
        for pledge in Pledge.objects.all():
            self.assertTrue(pledge.email.endswith("@example.org"), pledge.email)
            self.assertTrue("示例" in pledge.donor_name or "Sample" in pledge.donor_name, pledge.donor_name)
        for payment in Payment.objects.select_related("receipt"):
            self.assertTrue(payment.receipt.file.storage.exists(payment.receipt.file.name))
        self.assertTrue(all("（示例）" in n.title_zh for n in ProgressNote.objects.all()))

    def test_the_demo_pages_work(self):
        zh_pledge = PledgePage.objects.get(locale__language_code="zh-hans")
        html = self.client.get(zh_pledge.url).content.decode()
        self.assertIn('name="form_token"', html)
        self.assertIn("SMART Investigator 研究资助项目", html)
        donors = self.client.get(DonorListPage.objects.get(locale__language_code="en").url).content.decode()
        self.assertIn("Sample Organisation Ltd", donors)
        self.assertIn("示例捐赠人甲", donors)
        for hidden in ("示例捐赠人乙", "示例捐赠人丁", "Sample Donor C", "sample@example.org"):
            self.assertNotIn(hidden, donors)
        foundation = SectionIndexPage.objects.get(locale__language_code="zh-hans", slug="foundation")
        self.assertIn(zh_pledge.url, self.client.get(foundation.url).content.decode())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_confirmation_with_the_demo_bank_details_says_each_thing_once(client, site, language):
    """The demo's transfer instructions add what the page does not say already: no sentence twice (the reference
    in the remarks, the sample notice)."""
    import lxml.html

    from demo.foundation import BANK_DETAILS

    BankTransferDetails.objects.filter(locale__language_code=language).update(
        is_sample=True, **{k: v for k, v in BANK_DETAILS[language].items() if k != "swift_code"}
    )
    response = client.post(site["zh_url" if language == "zh-hans" else "en_url"], form_data(site))
    assert response.status_code == 302
    text = lxml.html.fromstring(client.get(response["Location"]).content).xpath("string(//main)")
    sentences = [s.strip() for s in re.split(r"[。.!！:：]\s*", " ".join(text.split())) if len(s.strip()) > 8]
    assert sentences and len(sentences) == len(set(sentences))
    quote = "注明" if language == "zh-hans" else "quote"
    assert sum(s.count(quote) for s in sentences) == 1  # "quote the reference in the remarks", said once
