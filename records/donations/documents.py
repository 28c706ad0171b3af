"""The PDF documents of the donations back office: payment receipts (in both languages) and donor reports
(in the donor's language).

Built with reportlab's platypus in one TrueType font with Chinese and Latin glyphs, embedded (as a subset) in
every document, so a receipt reads the same on any reader and printer: by default WenQuanYi Micro Hei (Debian's
``fonts-wqy-microhei``), or the file ``RECORDS_PDF_FONT`` names. (reportlab embeds TrueType outlines only: the
Noto CJK fonts, CFF in OTF/TTC, cannot be used; reportlab's own STSong-Light is never embedded and broke Latin
text apart: "SM RC", "D onation".) Every piece of text from a record is escaped before it reaches reportlab's
paragraph markup.

A receipt carries the amount in figures and in Chinese capitals (人民币贰万元整), the foundation's unified social
credit code and its seal image, or an empty place for a stamped seal (``FoundationSettings``).
"""

import io
from html import escape
from pathlib import Path

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext, gettext_noop
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from records.display import money

from .capitals import rmb_in_capitals

FONT = "SMARTDocumentFont"
# TrueType fonts with Chinese and Latin glyphs, from Debian packages (.ci/run and the Makefile install the first).
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # fonts-wqy-microhei
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # fonts-wqy-zenhei
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",  # fonts-droid-fallback
)
FOUNDATION = gettext_noop("Shenzhen Guangming Zhiyuan Science and Technology Foundation")
CNY = gettext_noop("CNY")
LANGUAGES = ("zh-hans", "en")
SEAL_SIZE = 38 * mm

_registered = False


class FontMissing(Exception):
    """No TrueType font with Chinese glyphs was found: no document can be made."""


def font_file():
    """(path, index in a collection) of the documents' font: ``RECORDS_PDF_FONT`` ("path" or "path#index"), else
    the first candidate installed; None if there is none."""
    configured = getattr(settings, "RECORDS_PDF_FONT", "")
    if configured:
        path, _sep, index = configured.partition("#")
        return Path(path), int(index or 0)
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate), 0
    return None


def cjk_font():
    """The registered name of the documents' font (embedded in every PDF); ``FontMissing`` without one."""
    global _registered
    if not _registered:
        found = font_file()
        if found is None or not found[0].is_file():
            raise FontMissing(
                "No TrueType font with Chinese glyphs: install fonts-wqy-microhei or set RECORDS_PDF_FONT."
            )
        try:
            pdfmetrics.registerFont(TTFont(FONT, str(found[0]), subfontIndex=found[1]))
        except TTFError as error:
            raise FontMissing(f"The font {found[0]} cannot be embedded: {error}") from error
        _registered = True
    return FONT


def _styles():
    font = cjk_font()
    base = ParagraphStyle("base", fontName=font, bulletFontName=font, fontSize=10, leading=15, wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=17, leading=24, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11, leading=16, textColor=colors.HexColor("#444")),
        "heading": ParagraphStyle("heading", parent=base, fontSize=12, leading=18, spaceBefore=10, spaceAfter=4),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=12, textColor=colors.HexColor("#555")),
    }


def text(value, style):
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(str(value)).replace("\n", "<br/>"), style)


def in_language(message, language):
    with translation.override(language):
        return gettext(message)


def both(message):
    """``message`` in Chinese and in English, e.g. "捐赠收据 / Donation receipt"."""
    zh, en = (in_language(message, language) for language in LANGUAGES)
    return zh if zh == en else f"{zh} / {en}"


def date_text(value, language):
    with translation.override(language):
        return formats.date_format(value, "DATE_FORMAT")


def _table(rows, styles, widths, header=False):
    data = [[text(cell, styles["base"]) for cell in row] for row in rows]
    table = Table(data, colWidths=widths, hAlign="LEFT")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), cjk_font()),  # a table sets its cells' font (Helvetica by default)
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
    table.setStyle(TableStyle(commands))
    return table


def _render(story, title):
    buffer = io.BytesIO()
    font = cjk_font()
    document = SimpleDocTemplate(
        buffer,
        initialFontName=font,  # reportlab's default (Helvetica, never embedded) would stay in the file otherwise
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=in_language(FOUNDATION, "en"),
    )
    document.build(story)
    return buffer.getvalue()


def label_in(label, language):
    """A (lazy) choice label in ``language``."""
    with translation.override(language):
        return str(label)


def seal_flowable(seal):
    """The seal image (a ``StoredFile``) scaled into a square of ``SEAL_SIZE``, or None."""
    if seal is None:
        return None
    with seal.file.open("rb") as handle:
        data = io.BytesIO(handle.read())
    width, height = ImageReader(data).getSize()
    data.seek(0)
    scale = SEAL_SIZE / max(width, height)
    return Image(data, width=width * scale, height=height * scale, mask="auto")


def _seal_block(styles, rules, issued_on):
    """The foot of a receipt: who issues it and when, and the seal (or an empty place to stamp one)."""
    issuer = [
        *(text(in_language(FOUNDATION, language), styles["base"]) for language in LANGUAGES),
        text(f"{both(gettext_noop('Date of issue'))}: {date_text(issued_on, 'zh-hans')}", styles["small"]),
    ]
    seal = seal_flowable(rules.seal)
    place = seal or Spacer(SEAL_SIZE, SEAL_SIZE)
    caption = text(both(gettext_noop("Seal of the foundation")), styles["small"])
    table = Table([[issuer, [place, caption]]], colWidths=[110 * mm, 60 * mm], hAlign="LEFT")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("ALIGN", (1, 0), (1, 0), "CENTER"),
    ]
    if seal is None:
        commands.append(("BOX", (1, 0), (1, 0), 0.5, colors.HexColor("#999999")))
    table.setStyle(TableStyle(commands))
    return table


def receipt_pdf(payment, rules=None):
    """The receipt of ``payment`` as PDF bytes, every label in Chinese and English.

    ``rules`` is the ``FoundationSettings`` (credit code, seal); loaded when not given.
    """
    from .models import FoundationSettings

    rules = rules or FoundationSettings.load()
    styles = _styles()
    pledge = payment.pledge
    designation = pledge.designation
    method_label = dict(type(payment)._meta.get_field("method").choices)[payment.method]
    rows = [
        (both(gettext_noop("Receipt number")), payment.receipt_number),
        (
            both(gettext_noop("Date of issue")),
            " / ".join(date_text(payment.receipt_issued_on, lang) for lang in LANGUAGES),
        ),
        (both(gettext_noop("Donor")), pledge.donor_name),
        (both(gettext_noop("Pledge reference")), pledge.reference),
        (
            both(gettext_noop("Amount received")),
            f"{in_language(CNY, 'zh-hans')} / {in_language(CNY, 'en')} {money(payment.amount)}",
        ),
        (both(gettext_noop("Amount in words")), rmb_in_capitals(payment.amount)),
        (both(gettext_noop("Date received")), " / ".join(date_text(payment.received_on, lang) for lang in LANGUAGES)),
        (both(gettext_noop("Method")), " / ".join(label_in(method_label, lang) for lang in LANGUAGES)),
        (both(gettext_noop("Designation")), "\n".join(n for n in (designation.name_zh, designation.name_en) if n)),
    ]
    thanks = gettext_noop("Thank you for supporting original innovation.")
    heading = [text(in_language(FOUNDATION, language), styles["subtitle"]) for language in LANGUAGES]
    if rules.credit_code:
        heading.append(
            text(f"{both(gettext_noop('Unified social credit code'))}: {rules.credit_code}", styles["small"])
        )
    story = [
        *heading,
        text(both(gettext_noop("Donation receipt")), styles["title"]),
        Spacer(1, 4 * mm),
        _table(rows, styles, [60 * mm, 110 * mm]),
        Spacer(1, 8 * mm),
        text(in_language(thanks, "zh-hans"), styles["base"]),
        text(in_language(thanks, "en"), styles["base"]),
        Spacer(1, 10 * mm),
        _seal_block(styles, rules, payment.receipt_issued_on),
    ]
    return _render(story, payment.receipt_number)


def donor_report_pdf(report):
    """A donor report (``services.donor_report(...)``) as PDF bytes in the donor's language."""
    language = report["language"]
    styles = _styles()
    with translation.override(language):
        period = gettext("%(start)s to %(end)s") % {
            "start": date_text(report["start"], language),
            "end": date_text(report["end"], language),
        }
        story = [
            text(gettext(FOUNDATION), styles["subtitle"]),
            text(gettext("Donor report"), styles["title"]),
            text(gettext("Donor: %(name)s") % {"name": report["donor_name"]}, styles["base"]),
            text(gettext("Period: %(period)s") % {"period": period}, styles["base"]),
            text(gettext("Your gifts"), styles["heading"]),
        ]
        rows = [
            (
                gettext("Reference"),
                gettext("Pledged on"),
                gettext("Designation"),
                gettext("Pledged (CNY)"),
                gettext("Received in the period (CNY)"),
            )
        ]
        for gift in report["gifts"]:
            rows.append(
                (
                    gift["reference"],
                    date_text(gift["pledged_on"], language),
                    gift["designation"],
                    money(gift["amount"]),
                    money(gift["received"]),
                )
            )
        rows.append(("", "", gettext("Total"), money(report["pledged_total"]), money(report["received_total"])))
        story.append(_table(rows, styles, [38 * mm, 30 * mm, 42 * mm, 30 * mm, 30 * mm], header=True))
        story.append(text(gettext("Progress of the projects you support"), styles["heading"]))
        for section in report["progress"]:
            story.append(text(section["designation"], styles["heading"]))
            if not section["notes"]:
                story.append(text(gettext("No progress has been reported in this period yet."), styles["base"]))
            for note in section["notes"]:
                story.append(text(f"{date_text(note['reported_on'], language)}  {note['title']}", styles["base"]))
                story.append(text(note["body"], styles["base"]))
                story.append(Spacer(1, 3 * mm))
        story += [Spacer(1, 6 * mm), text(gettext("Thank you for supporting original innovation."), styles["base"])]
        return _render(story, gettext("Donor report"))
