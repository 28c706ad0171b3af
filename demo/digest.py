"""Demo content of 《全球医学科技动态》: fields of medicine, the series in both languages and twelve sample issues.

``load(homes, stdout)`` is one of the demo section loaders (demo.sections.SECTION_LOADERS). It is
idempotent: fields, pages, images and documents are found again by slug, month or title, so running it twice
creates nothing new. A placeholder "digest" section page left by the general demo is replaced by the real
series (with its translation); menus, footers and pages that linked to the placeholder link to the series.
"""

import datetime
import io
import re
import zlib

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from content.pages.digest import DigestIndexPage, DigestIssuePage
from content.pages.digest.feeds import invalidate_feeds
from content.taxonomy import FieldOfMedicine

from . import digest_data as data
from .datafiles import DATA_DIR
from .indexing import deferred_indexing, flush_references, in_deferred_indexing

SLUG = "digest"
LOCALES = {"zh": "zh-hans", "en": "en"}
PUBLISH_DAY, PUBLISH_HOUR = 8, 10  # issues go out at 10:00 Beijing time on the 8th of their month


# -- a one-page PDF edition, written by hand (no PDF library needed) ----------------------------------------------
def _pdf_text_hex(text):
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def _latin_only(text):
    """Helvetica has no Chinese: drop parenthesised Chinese such as "(示例内容)" from English text."""
    return re.sub(r"\s*[(（][^)）]*[\u3000-\u9fff][^)）]*[)）]", "", text)


def _pdf_text_latin(text):
    encoded = text.encode("cp1252", "replace").decode("latin-1")
    return "(" + encoded.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


_NO_LINE_START = set("，。；：、）」』”’！？,.;:)!?")


def _wrap(text, width):
    lines, line, size = [], "", 0
    for char in text:
        char_width = 2 if ord(char) > 0x2E7F else 1
        if size + char_width > width and line and char not in _NO_LINE_START:
            cut = line.rfind(" ") if char_width == 1 and " " in line else -1
            if cut > 0:
                lines.append(line[:cut])
                line = line[cut + 1 :]
                size = len(line)
            else:
                lines.append(line)
                line, size = "", 0
        line += char
        size += char_width
    if line:
        lines.append(line)
    return lines


def simple_pdf(title, paragraphs, cjk=False):
    """A valid one-page A4 PDF: a title and wrapped paragraphs (the CJK variant uses Adobe's STSong-Light)."""
    encode = _pdf_text_hex if cjk else _pdf_text_latin
    y, ops = 780, ["BT"]
    for text, size in [(title, 18)] + [(p, 11) for p in paragraphs]:
        text = text.replace(" · ", " ").replace("·", " ") if cjk else _latin_only(text)
        for line in _wrap(text, 86 if size < 14 else 50):
            if y < 60:
                break
            ops.append(f"/F1 {size} Tf 1 0 0 1 56 {y} Tm {encode(line)} Tj")
            y -= int(size * 1.6)
        y -= 8
    ops.append("ET")
    stream = zlib.compress("\n".join(ops).encode("latin-1"))
    if cjk:
        fonts = [
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
            "/DescendantFonts [6 0 R] >>",
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R "
            "/DW 1000 /W [1 95 500] >>",
            "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
            "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        ]
    else:
        fonts = ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ] + [font.encode("ascii") for font in fonts]
    info_number = len(objects) + 1
    objects.append(
        ("<< /Title " + _pdf_text_hex("\ufeff" + title) + " /Producer (SMART demo content) >>").encode("ascii")
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, info_number))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


# -- lead images ------------------------------------------------------------------------------------------------
# Each issue's cover: an abstract teal banner marked as an illustration, one JPEG per month in
# demo/data/images/digest/ (drawn once; the loader only reads it).
COVER_DIR = DATA_DIR / "images" / "digest"


def lead_image_bytes(month):
    return (COVER_DIR / f"{month:%Y-%m}.jpg").read_bytes()


def _lead_image(month):
    Image = get_image_model()
    title = data.TEXTS["cover_title"].format(month=month)
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image, 0
    image = Image(title=title, description=data.TEXTS["cover_description"])
    image.file = ImageFile(io.BytesIO(lead_image_bytes(month)), name=f"digest-{month:%Y-%m}.jpg")
    image.save()
    return image, 1


def _pdf_edition(issue_spec, lang, title, items):
    Document = get_document_model()
    month = issue_spec["month"]
    doc_title = data.TEXTS["pdf_title"][lang].format(title=title)
    document = Document.objects.filter(title=doc_title).first()
    if document is not None:
        return document, 0
    theme = issue_spec["theme"][0 if lang == "zh" else 1]
    paragraphs = [theme, data.NOTE_SAMPLE[lang]]
    paragraphs += [f"{n}. {item[lang][0]}" for n, item in enumerate(items, start=1)]
    body = simple_pdf(title, paragraphs, cjk=(lang == "zh"))
    document = Document(title=doc_title)
    document.file.save(f"digest-{month:%Y-%m}-{LOCALES[lang]}.pdf", ContentFile(body), save=False)
    document.file_size = len(body)
    document.save()
    return document, 1


# -- taxonomy -----------------------------------------------------------------------------------------------------
def ensure_fields(zh_locale, en_locale):
    """{slug: {"zh": field, "en": field}}; the English fields are translations of the Chinese ones."""
    created = 0
    fields = {}
    for slug, (order, name_zh, name_en, desc_zh, desc_en) in data.FIELDS.items():
        field_zh = FieldOfMedicine.objects.filter(locale=zh_locale, slug=slug).first()
        if field_zh is None:
            field_zh = FieldOfMedicine.objects.create(
                locale=zh_locale, slug=slug, name=name_zh, description=desc_zh, sort_order=order
            )
            created += 1
        field_en = FieldOfMedicine.objects.filter(locale=en_locale, slug=slug).first()
        if field_en is None:
            field_en = field_zh.copy_for_translation(en_locale)
            field_en.name, field_en.description = name_en, desc_en
            field_en.save()
            created += 1
        fields[slug] = {"zh": field_zh, "en": field_en}
    return fields, created


# -- pages --------------------------------------------------------------------------------------------------------
def _replace_page_ids(data, old_pk, new_pk):
    """Stored StreamField / rich-text data with every reference to page old_pk turned into new_pk."""
    if isinstance(data, dict):
        return {
            key: new_pk if key == "page" and value == old_pk else _replace_page_ids(value, old_pk, new_pk)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_replace_page_ids(value, old_pk, new_pk) for value in data]
    if isinstance(data, str) and 'linktype="page"' in data:
        return re.sub(rf'(linktype="page" id="){old_pk}(")', rf"\g<1>{new_pk}\g<2>", data)
    return data


def _repoint_references(old_page, new_page):
    """Menus, footers and pages that linked to the placeholder now link to the digest series.

    The reference index must be up to date first, or links written earlier in the load are not found and are left
    pointing at the deleted placeholder (the demo home page's call to action was: its editor then refused every
    preview). Inside the loaders' deferred_indexing() block, the objects saved so far are indexed now (once each);
    outside one, the updates may wait for a task worker or a commit, so the whole index is rebuilt.
    """
    if in_deferred_indexing():
        flush_references()
    else:
        call_command("rebuild_references_index", verbosity=0)
    changed_objects = 0
    for obj, _references in ReferenceIndex.get_grouped_references_to(old_page):
        if isinstance(obj, Page):
            obj = obj.specific
        changed = False
        for model_field in obj._meta.get_fields():
            name = getattr(model_field, "name", None)
            if isinstance(model_field, StreamField):
                raw = [dict(block) for block in getattr(obj, name).raw_data]
                replaced = _replace_page_ids(raw, old_page.pk, new_page.pk)
                if replaced != raw:
                    setattr(obj, name, replaced)
                    changed = True
            elif isinstance(model_field, RichTextField):
                value = getattr(obj, name) or ""
                replaced = _replace_page_ids(value, old_page.pk, new_page.pk)
                if replaced != value:
                    setattr(obj, name, replaced)
                    changed = True
            elif (
                getattr(model_field, "many_to_one", False)
                and isinstance(model_field.related_model, type)
                and issubclass(model_field.related_model, Page)
                and getattr(obj, model_field.attname) == old_page.pk
            ):
                setattr(obj, model_field.attname, new_page.pk)
                changed = True
        if not changed:
            continue
        changed_objects += 1
        if isinstance(obj, Page) and obj.live and obj.pk != old_page.pk:
            obj.save_revision().publish()
        elif not isinstance(obj, Page):
            obj.save()
    return changed_objects


def _set_published_at(page, when):
    type(page).objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)


def _ensure_index(home_zh, home_en):
    """The series in both languages, in place of a placeholder section page if there is one."""
    created = 0
    index_zh = DigestIndexPage.objects.child_of(home_zh).filter(slug=SLUG).first()
    placeholder = None
    if index_zh is None:
        placeholder = Page.objects.child_of(home_zh).filter(slug=SLUG).first()
        index_zh = DigestIndexPage(slug=SLUG, **data.INDEX["zh"])
        if placeholder is not None:
            Page.objects.filter(pk=placeholder.pk).update(slug=f"{SLUG}-placeholder-{placeholder.pk}")
            placeholder.refresh_from_db()
            placeholder.add_sibling(pos="left", instance=index_zh)
        else:
            home_zh.add_child(instance=index_zh)
        index_zh.save_revision().publish()
        created += 1
    index_en = DigestIndexPage.objects.child_of(home_en).filter(slug=SLUG).first()
    if index_en is None:
        placeholder_en = Page.objects.child_of(home_en).filter(slug=SLUG).exclude(pk=index_zh.pk).first()
        if placeholder_en is not None:
            Page.objects.filter(pk=placeholder_en.pk).update(slug=f"{SLUG}-placeholder-{placeholder_en.pk}")
        index_en = index_zh.copy_for_translation(home_en.locale, copy_parents=False, alias=False)
        for name, value in data.INDEX["en"].items():
            setattr(index_en, name, value)
        index_en.slug = SLUG
        index_en.save_revision().publish()
        created += 1
        if placeholder_en is not None:
            placeholder_en.refresh_from_db()
            Page.objects.get(pk=index_en.pk).move(placeholder_en, pos="left")
            _repoint_references(placeholder_en, index_en)
            placeholder_en.delete()
    if placeholder is not None:
        _repoint_references(placeholder, index_zh)
        for translation_page in Page.objects.filter(translation_key=placeholder.translation_key).exclude(
            pk=placeholder.pk
        ):
            _repoint_references(translation_page, index_en)
            translation_page.delete()
        Page.objects.get(pk=placeholder.pk).delete()
    return DigestIndexPage.objects.get(pk=index_zh.pk), DigestIndexPage.objects.get(pk=index_en.pk), created


def _source_date(month, day):
    offset, number = day
    if offset < 0:
        previous = month - datetime.timedelta(days=1)
        return previous.replace(day=number)
    return month.replace(day=number)


def _items(issue_spec, lang, fields):
    month = issue_spec["month"]
    blocks = []
    for n, item in enumerate(issue_spec["items"], start=1):
        headline, summary = item[lang]
        source = data.SOURCES[item["source"]][0 if lang == "zh" else 1]
        blocks.append(
            {
                "type": "item",
                "value": {
                    "headline": headline,
                    "field": fields[item["field"]][lang].pk,
                    "summary": f"<p>{escape(summary)}</p>",
                    "source_name": source,
                    "source_url": f"https://example.org/digest-sample/{month:%Y-%m}/item-{n}",
                    "source_date": _source_date(month, item["day"]).isoformat(),
                    "image": None,
                    "image_alt": "",
                },
            }
        )
    return blocks


def _issue_title(index, month, lang):
    with translation.override(LOCALES[lang]):
        return f"{index.title} · {date_format(month, 'YEAR_MONTH_FORMAT')}"


def _note(issue_spec, lang):
    theme = issue_spec["theme"][0 if lang == "zh" else 1]
    label = data.TEXTS["sample_label"][lang]
    return f"<p>{escape(theme)}</p><p><b>{label}</b>{escape(data.NOTE_SAMPLE[lang])}</p>"


def _ensure_issue(issue_spec, number, index_zh, index_en, fields):
    created = 0
    month = issue_spec["month"]
    published_at = timezone.make_aware(datetime.datetime(month.year, month.month, PUBLISH_DAY, PUBLISH_HOUR))
    image, n = _lead_image(month)
    created += n
    issue_zh = DigestIssuePage.objects.child_of(index_zh).filter(issue_month=month).first()
    if issue_zh is None:
        title = _issue_title(index_zh, month, "zh")
        pdf, n = _pdf_edition(issue_spec, "zh", title, issue_spec["items"])
        created += n
        issue_zh = DigestIssuePage(
            title=title,
            slug=f"{month:%Y-%m}",
            issue_month=month,
            volume=(number - 1) // 12 + 1,
            number=(number - 1) % 12 + 1,
            listing_summary=issue_spec["theme"][0],
            editors_note=_note(issue_spec, "zh"),
            lead_image=image,
            lead_image_alt=data.TEXTS["lead_image_alt"]["zh"],
            items=_items(issue_spec, "zh", fields),
            pdf_edition=pdf,
        )
        index_zh.add_child(instance=issue_zh)
        issue_zh.save_revision().publish()
        _set_published_at(issue_zh, published_at)
        created += 1
    issue_en = DigestIssuePage.objects.child_of(index_en).filter(issue_month=month).first()
    if issue_en is None:
        title = _issue_title(index_en, month, "en")
        pdf, n = _pdf_edition(issue_spec, "en", title, issue_spec["items"])
        created += n
        issue_en = issue_zh.copy_for_translation(index_en.locale, copy_parents=False, alias=False)
        issue_en.title = title
        issue_en.listing_summary = issue_spec["theme"][1]
        issue_en.editors_note = _note(issue_spec, "en")
        issue_en.lead_image_alt = data.TEXTS["lead_image_alt"]["en"]
        issue_en.items = _items(issue_spec, "en", fields)
        issue_en.pdf_edition = pdf
        issue_en.save_revision().publish()
        _set_published_at(issue_en, published_at)
        created += 1
    return created


def _say(stdout, text, ending="\n"):
    if stdout is None:
        return
    try:
        stdout.write(text, ending=ending)  # a management command's OutputWrapper
    except TypeError:
        stdout.write(text + ending)


@deferred_indexing()
def load(homes, stdout=None):
    """Create the digest demo (idempotent); return how many objects were created."""
    home_zh, home_en = homes["zh-hans"], homes["en"]
    with transaction.atomic():
        fields, created = ensure_fields(home_zh.locale, home_en.locale)
        index_zh, index_en, n = _ensure_index(home_zh, home_en)
        created += n
        if n:
            founded = timezone.make_aware(datetime.datetime(2025, 12, 1, 9, 0))
            _set_published_at(index_zh, founded)
            _set_published_at(index_en, founded)
        total = len(data.ISSUES)
        for number, issue_spec in enumerate(data.ISSUES, start=1):
            created += _ensure_issue(issue_spec, number, index_zh, index_en, fields)
            _say(stdout, f"\r  digest: issue {number}/{total} ({issue_spec['month']:%Y-%m})", "")
        _say(stdout, f"\r  digest: {total} issues in 2 languages, {created} objects created")
    invalidate_feeds()
    return created
