"""The foundation's rules and receipts (issue 17, point 7): a payment recorded without a signed agreement where the
rule set in the admin allows it, the reason said where it does not; receipts that embed their font (pdffonts),
read as text (pdftotext) and carry the amount in Chinese capitals, the unified social credit code and the seal."""

import io
import subprocess
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image, ImageDraw
from wagtail.users.models import UserProfile

from records import audit
from records.donations import services
from records.donations.models import FoundationSettings, Payment, PaymentMethod, Pledge, Status
from records.donations.services import DonationsError
from records.models import ReferenceCounter
from tests.factories import donations as f
from tests.factories.grants import valid_credit_code
from tests.pdf_tools import require_poppler

pytestmark = pytest.mark.django_db


def rules(threshold=None, credit_code=""):
    settings_row = FoundationSettings.load()
    settings_row.agreement_threshold = threshold
    settings_row.credit_code = credit_code
    settings_row.save()
    return settings_row


def pay(pledge, amount, staff):
    return services.record_payment(
        pledge,
        amount=Decimal(amount),
        received_on=timezone.localdate(),
        method=PaymentMethod.BANK_TRANSFER,
        user=staff,
    )


def seal_png():
    image = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((10, 10, 290, 290), outline=(200, 0, 0, 255), width=12)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_a_pledge_under_the_threshold_is_paid_without_an_agreement():
    rules(threshold=Decimal("50000"))
    staff = f.staff_user()
    pledge = f.make_pledge(amount=Decimal("20000.00"))
    payment = pay(pledge, "20000", staff)
    pledge.refresh_from_db()
    assert pledge.status == Status.FULLY_RECEIVED and pledge.agreement is None
    assert payment.receipt is not None
    entry = audit.history(pledge).filter(action="payment_recorded").get()
    assert entry.data["without_agreement"] is True


@pytest.mark.parametrize(
    ("threshold", "amount", "says"),
    [(Decimal("50000"), "80000.00", "CNY 50,000.00 or more"), (None, "100.00", "for every pledge")],
)
def test_otherwise_the_agreement_comes_first_and_the_reason_is_given(threshold, amount, says):
    rules(threshold=threshold)
    pledge = f.make_pledge(amount=Decimal(amount))
    with translation.override("en"):
        with pytest.raises(DonationsError) as refused:
            pay(pledge, "100", f.staff_user())
        message = str(refused.value)
    assert refused.value.code == "agreement_required" and says in message
    assert Pledge.objects.get(pk=pledge.pk).status == Status.PLEDGED
    assert Payment.objects.count() == 0 and not ReferenceCounter.objects.filter(prefix="SMRC").exists()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_inspect_page_says_why_or_takes_the_payment(client, language):
    rules(threshold=Decimal("50000"))
    staff = f.staff_user()
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()
    client.force_login(staff)
    large = f.make_pledge(amount=Decimal("80000.00"))
    small = f.make_pledge(amount=Decimal("20000.00"))
    page = client.get(f"/admin/donations/pledges/inspect/{large.pk}/").content.decode()
    assert "records-agreement-reason" in page and "50,000.00" in page
    assert f"/admin/donations/pledges/payment/{large.pk}/" not in page
    page = client.get(f"/admin/donations/pledges/inspect/{small.pk}/").content.decode()
    assert f"/admin/donations/pledges/payment/{small.pk}/" in page and "50,000.00" in page
    response = client.post(
        f"/admin/donations/pledges/payment/{small.pk}/",
        {"amount": "20000", "received_on": timezone.localdate().isoformat(), "method": "bank_transfer"},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("20,000.00" in m and small.reference in m for m in messages), messages
    refused = client.post(
        f"/admin/donations/pledges/payment/{large.pk}/",
        {"amount": "100", "received_on": timezone.localdate().isoformat(), "method": "bank_transfer"},
        follow=True,
    )
    assert any("50,000.00" in str(m) for m in refused.context["messages"])
    assert not Payment.objects.filter(pledge=large).exists()


def pdf_tool(tool, content, tmp_path, *args):
    path = tmp_path / "receipt.pdf"
    path.write_bytes(content)
    return subprocess.run(
        [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])], capture_output=True, text=True, check=True
    ).stdout


def fonts_of(content, tmp_path):
    """pdffonts' rows: (name, embedded) of every font of the file."""
    lines = pdf_tool("pdffonts", content, tmp_path).splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in lines if line.strip()]


def test_the_receipt_embeds_its_font_and_reads_as_a_receipt(tmp_path):
    require_poppler()
    code = valid_credit_code()
    rules(threshold=Decimal("50000"), credit_code=code)
    staff = f.staff_user()
    pledge = f.make_pledge(amount=Decimal("20000.00"), donor_name="Sample Donor 示例")
    payment = pay(pledge, "20000", staff)
    with payment.receipt.file.open("rb") as handle:
        content = handle.read()
    fonts = fonts_of(content, tmp_path)
    assert fonts and all(embedded == "yes" for _name, embedded in fonts), fonts
    text = pdf_tool("pdftotext", content, tmp_path, "-layout")
    for expected in (
        "人民币贰万元整",
        "20,000.00",
        code,
        "统一社会信用代码",
        "Donation receipt",
        "捐赠收据",
        payment.receipt_number,
        "Sample Donor 示例",
        "Seal of the foundation",
    ):
        assert expected in text, expected
    assert "D onation" not in text and "SM RC" not in text


def test_a_seal_set_in_the_admin_is_printed_on_the_receipt(client, tmp_path):
    require_poppler()
    staff = f.staff_user()
    client.force_login(staff)
    url = client.get("/admin/settings/donations/foundationsettings/")["Location"]
    assert client.get(url).status_code == 200  # foundation staff keep their own settings
    code = valid_credit_code()
    form = {"agreement_threshold": "50000", "credit_code": code.lower()}
    fake = SimpleUploadedFile("seal.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response = client.post(url, {**form, "seal_upload": fake})
    assert response.status_code == 200 and FoundationSettings.load().seal is None
    response = client.post(url, {**form, "credit_code": "91440300MA5XXXXXX1"})
    assert response.status_code == 200 and FoundationSettings.load().credit_code == ""
    response = client.post(url, {**form, "seal_upload": SimpleUploadedFile("seal.png", seal_png(), "image/png")})
    assert response.status_code == 302
    saved = FoundationSettings.load()
    assert saved.credit_code == code and saved.agreement_threshold == Decimal("50000")
    assert saved.seal is not None and saved.seal.role == "seal"
    download = client.get(f"/admin/records/files/{saved.seal.pk}/")
    assert download.status_code == 200
    outsider = f.user("outsider")
    client.force_login(outsider)
    assert client.get(f"/admin/records/files/{saved.seal.pk}/").status_code in (302, 403)
    payment = pay(f.make_pledge(amount=Decimal("300.00")), "300", staff)
    with payment.receipt.file.open("rb") as handle:
        content = handle.read()
    images = pdf_tool("pdfimages", content, tmp_path, "-list").splitlines()[2:]
    assert len(images) >= 1  # the seal (and its transparency mask)
    assert all(embedded == "yes" for _name, embedded in fonts_of(content, tmp_path))
    text = pdf_tool("pdftotext", content, tmp_path)
    assert "人民币叁佰元整" in text and code in text
