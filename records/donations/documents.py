"""The PDF documents of the donations back office: payment receipts (in both languages) and donor reports
(in the donor's language).

Built with reportlab's platypus; Chinese text uses the CID font STSong-Light that reportlab carries
(no font file needed). Every piece of text from a record is escaped before it reaches reportlab's
paragraph markup.
"""

import io
from html import escape

from django.utils import formats, translation
from django.utils.translation import gettext, gettext_noop
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"
FOUNDATION = gettext_noop("Shenzhen Guangming Zhiyuan Science and Technology Foundation")
CNY = gettext_noop("CNY")
LANGUAGES = ("zh-hans", "en")

_registered = False


def cjk_font():
    global _registered
    if not _registered:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        _registered = True
    return FONT


def _styles():
    font = cjk_font()
    base = ParagraphStyle("base", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
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


def money(amount):
    return f"{amount:,.2f}"


def date_text(value, language):
    with translation.override(language):
        return formats.date_format(value, "DATE_FORMAT")


def _table(rows, styles, widths, header=False):
    data = [[text(cell, styles["base"]) for cell in row] for row in rows]
    table = Table(data, colWidths=widths, hAlign="LEFT")
    commands = [
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
    document = SimpleDocTemplate(
        buffer,
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


def receipt_pdf(payment):
    """The receipt of ``payment`` as PDF bytes, every label in Chinese and English."""
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
        (both(gettext_noop("Date received")), " / ".join(date_text(payment.received_on, lang) for lang in LANGUAGES)),
        (both(gettext_noop("Method")), " / ".join(label_in(method_label, lang) for lang in LANGUAGES)),
        (both(gettext_noop("Designation")), " / ".join(n for n in (designation.name_zh, designation.name_en) if n)),
    ]
    thanks = gettext_noop("Thank you for supporting original innovation.")
    story = [
        text(both(FOUNDATION), styles["subtitle"]),
        text(both(gettext_noop("Donation receipt")), styles["title"]),
        Spacer(1, 4 * mm),
        _table(rows, styles, [60 * mm, 110 * mm]),
        Spacer(1, 8 * mm),
        text(in_language(thanks, "zh-hans"), styles["base"]),
        text(in_language(thanks, "en"), styles["base"]),
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
