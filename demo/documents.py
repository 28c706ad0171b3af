"""A PDF summary of the 2023 work report in each language, generated with ReportLab at load time from
``demo/data/reports.json``.

Chinese text uses the standard CID font STSong-Light, which PDF readers supply themselves, so no
font file is needed. Documents are found again by title, so loading twice creates nothing new.
"""

import io
import re

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from .datafiles import read

# The 2023 work report and the 2024 work plan (seed 003): the Chinese follows the report's own wording, the
# English is a careful translation of it. The report's page (demo/data/pages/about.json) shows these sections too
# (its "report" blocks: demo.build).
REPORTS = read("reports", facts=True)
REPORT_2023_INTRO = REPORTS["report_2023_intro"]
# Each section: (heading, [(lead, text), ...]); an empty lead means the text stands alone.
REPORT_2023 = {
    lang: [(s["heading"], [(i["lead"], i["text"]) for i in s["items"]]) for s in sections]
    for lang, sections in REPORTS["report_2023"].items()
}
# The ten tasks of 2024: (heading, text).
PLAN_2024 = {lang: [(task["heading"], task["text"]) for task in tasks] for lang, tasks in REPORTS["plan_2024"].items()}

CJK_FONT = "STSong-Light"
CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")

TITLES = REPORTS["summary_pdf"]["titles"]
FILENAMES = {"zh": "smart-2023-work-report-summary-zh.pdf", "en": "smart-2023-work-report-summary-en.pdf"}

# The summary's own headings, note and key figures table.
TEXT = REPORTS["summary_pdf"]["text"]


def render_pdf(lang):
    """The PDF bytes of the 2023 work report summary in one language ("zh" or "en")."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    if lang == "zh":
        font = bold = CJK_FONT
        wrap = "CJK"
    else:
        font, bold, wrap = "Helvetica", "Helvetica-Bold", None
    teal = colors.HexColor("#0b5c6b")
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=15, wordWrap=wrap, spaceAfter=4)
    title = ParagraphStyle("title", parent=body, fontName=bold, fontSize=16, leading=22, textColor=teal, spaceAfter=8)
    heading = ParagraphStyle(
        "heading", parent=body, fontName=bold, fontSize=12, leading=18, textColor=teal, spaceBefore=8
    )
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=11, textColor=colors.grey)
    text = TEXT[lang]

    def para(value, style=body):
        # Chinese names quoted in the English text need the CJK font; Helvetica has no such glyphs.
        markup = CJK_RUN.sub(lambda match: f'<font name="{CJK_FONT}">{match.group(0)}</font>', escape(value))
        return Paragraph(markup, style)

    story = [para(text["heading"], title), para(REPORT_2023_INTRO[lang]), para(text["figures"], heading)]
    table = Table(
        [[para(cell) for cell in row] for row in text["rows"]],
        colWidths=[70 * mm, 100 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9ecef")),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#5fa8b5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    for section, items in REPORT_2023[lang]:
        story.append(para(section, heading))
        for lead, value in items:
            line = f"{lead}{'：' if lang == 'zh' else ': '}{value}" if lead else value
            story.append(para(line))
    story.append(para(text["plan"], heading))
    for number, (lead, value) in enumerate(PLAN_2024[lang], start=1):
        story.append(para(f"{number}. {lead}{'：' if lang == 'zh' else ': '}{value}"))
    story += [Spacer(1, 6 * mm), para(text["note"], small)]

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=TITLES[lang],
        author="SMART (demo content)",
        invariant=True,
    )
    doc.build(story)
    return buffer.getvalue()


def ensure_documents(collection):
    """Return ({("report-2023", lang): document}, number created)."""
    Document = get_document_model()
    documents, created = {}, 0
    for lang in ("zh", "en"):
        document = Document.objects.filter(title=TITLES[lang]).order_by("pk").first()
        if document is None:
            document = Document(title=TITLES[lang], collection=collection)
            document.file = ContentFile(render_pdf(lang), name=FILENAMES[lang])
            document._set_document_file_metadata()
            document.save()
            created += 1
        documents[("report-2023", lang)] = document
    return documents, created
