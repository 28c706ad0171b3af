"""Digest test data: fields of medicine, a bilingual series and its issues, on top of build_site()."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from content.models import DigestIndexPage, DigestIssuePage, FieldOfMedicine
from demo.digest import simple_pdf

FIELDS = [
    ("oncology", "肿瘤学", "Oncology"),
    ("neuroscience", "神经科学", "Neuroscience"),
    ("ai-in-medicine", "医学人工智能", "AI in medicine"),
]


def make_fields():
    """{slug: (zh field, en field)} with the English ones translations of the Chinese ones."""
    zh, en = Locale.objects.get(language_code="zh-hans"), Locale.objects.get(language_code="en")
    fields = {}
    for order, (slug, name_zh, name_en) in enumerate(FIELDS):
        field_zh = FieldOfMedicine.objects.create(locale=zh, name=name_zh, slug=slug, sort_order=order)
        field_en = field_zh.copy_for_translation(en)
        field_en.name = name_en
        field_en.save()
        fields[slug] = (field_zh, field_en)
    return fields


def item(field, headline, summary="<p>一段摘要。</p>", url="https://example.org/news/1", date=None, image=None):
    value = {
        "headline": headline,
        "field": field.pk,
        "summary": summary,
        "source_name": "示例医学期刊",
        "source_url": url,
        "source_date": (date or datetime.date(2026, 1, 5)).isoformat(),
    }
    if image is not None:
        value["image"], value["image_alt"] = image.pk, "示意图"
    return {"type": "item", "value": value}


def make_pdf(title="digest"):
    """A Wagtail document holding a small, valid one-page PDF."""
    body = simple_pdf(title, ["A sample PDF edition of the digest (sample content)."])
    document = get_document_model()(title=title)
    document.file.save(f"{title}.pdf", ContentFile(body), save=False)
    document.file_size = len(body)
    document.save()
    return document


def make_image(title="digest lead"):
    """A small Wagtail image (a teal PNG drawn with Pillow)."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 180), (11, 92, 107)).save(buffer, format="PNG")
    image = get_image_model()(title=title)
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title.replace(' ', '-')}.png")
    image.save()
    return image


def make_index(home, home_en):
    index = DigestIndexPage(title="全球医学科技动态", slug="digest", intro="<p>每月一期。示例内容。</p>")
    home.add_child(instance=index)
    index.save_revision().publish()
    index_en = index.copy_for_translation(home_en.locale, copy_parents=False, alias=False)
    index_en.title = "Global Medical Science & Technology Digest"
    index_en.save_revision().publish()
    return DigestIndexPage.objects.get(pk=index.pk), DigestIndexPage.objects.get(pk=index_en.pk)


def add_issue(index, month, title=None, items=(), publish=True, published_at=None, **fields):
    """A child issue of ``index`` for ``month`` (a date), published unless publish=False."""
    issue = DigestIssuePage(
        title=title or f"{index.title} {month:%Y-%m}",
        slug=f"{month:%Y-%m}",
        issue_month=month,
        items=list(items),
        live=publish,
        **fields,
    )
    index.add_child(instance=issue)
    revision = issue.save_revision()
    if publish:
        revision.publish()
        if published_at is not None:
            DigestIssuePage.objects.filter(pk=issue.pk).update(
                first_published_at=published_at, last_published_at=published_at
            )
    return DigestIssuePage.objects.get(pk=issue.pk)


def translate_issue(issue, locale, title, items=None, publish=True, published_at=None):
    copy = issue.copy_for_translation(locale, copy_parents=False, alias=False)
    copy.title = title
    if items is not None:
        copy.items = list(items)
    revision = copy.save_revision()
    if publish:
        revision.publish()
        if published_at is not None:
            DigestIssuePage.objects.filter(pk=copy.pk).update(
                first_published_at=published_at, last_published_at=published_at
            )
    return DigestIssuePage.objects.get(pk=copy.pk)


def publish_time(month):
    """10:00 Beijing time on the 8th of the month."""
    return timezone.make_aware(datetime.datetime(month.year, month.month, 8, 10, 0))


DECEMBER = "全球医学科技动态 · 2026年12月"


def translation_scenario(home, home_en):
    """Issue 16: November 2026 in both languages (its fields have English names), December 2026 in Chinese only."""
    fields = make_fields()
    index, index_en = make_index(home, home_en)
    onco, ai = fields["oncology"], fields["ai-in-medicine"]
    november = add_issue(
        index,
        datetime.date(2026, 11, 1),
        title="全球医学科技动态 · 2026年11月",
        items=[item(onco[0], "十一月肿瘤条目"), item(ai[0], "十一月人工智能条目")],
    )
    november_en = translate_issue(november, index_en.locale, "Digest · November 2026")
    zh = Locale.objects.get(language_code="zh-hans")
    brand_new = FieldOfMedicine.objects.create(locale=zh, name="合成生物学", slug="synthetic-biology", sort_order=99)
    december = add_issue(
        index,
        datetime.date(2026, 12, 1),
        title=DECEMBER,
        items=[
            item(onco[0], "十二月肿瘤条目"),
            item(ai[0], "十二月人工智能条目"),
            item(brand_new, "十二月合成生物条目"),
        ],
    )
    return {
        "fields": fields,
        "index_en": index_en,
        "november_en": november_en,
        "december": december,
        "brand_new": brand_new,
    }
