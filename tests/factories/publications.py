"""White papers, events and job postings in both languages, on top of ``build_site()``.

Every builder takes the dict that ``build_site()`` returns and adds its pages to it. English pages are
translations (same translation key) of the Chinese ones, as in the real site.
"""

import datetime
import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.documents import get_document_model

from content.models import (
    EventIndexPage,
    EventPage,
    EventSeries,
    EventSpeaker,
    JobIndexPage,
    JobPostingPage,
    Person,
    Topic,
    WhitePaperAuthor,
    WhitePaperIndexPage,
    WhitePaperPage,
)
from tests.factories.pages import locales, publish_child, translate

BEIJING = timezone.get_default_timezone()


def beijing(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BEIJING)


# -- files ----------------------------------------------------------------------------------------------------------


def pdf_bytes(text="SMART test document", pages=1):
    """A real PDF made with ReportLab."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    for number in range(pages):
        pdf.drawString(72, 760, f"{text} ({number + 1})")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def docx_bytes(text="Curriculum vitae"):
    """A minimal Word document: the ZIP parts a .docx has."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>',
        )
    return buffer.getvalue()


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def document(title, content=None, filename="paper.pdf"):
    Document = get_document_model()
    doc = Document(title=title)
    doc.file.save(filename, ContentFile(content or pdf_bytes(title)), save=False)
    doc._set_document_file_metadata()
    doc.save()
    return doc


# -- snippets -------------------------------------------------------------------------------------------------------


def person(zh_fields, en_fields):
    """A person in Chinese and its English translation."""
    zh, en = locales()
    person_zh = Person.objects.create(locale=zh, **zh_fields)
    person_en = person_zh.copy_for_translation(en)
    for name, value in en_fields.items():
        setattr(person_en, name, value)
    person_en.save()
    return person_zh, person_en


def term(model, slug, name_zh, name_en, order=100):
    zh, en = locales()
    term_zh = model.objects.create(locale=zh, slug=slug, name=name_zh, sort_order=order)
    term_en = term_zh.copy_for_translation(en)
    term_en.name = name_en
    term_en.save()
    return term_zh, term_en


def sample_people():
    return {
        "zhang": person(
            {
                "name": "张明远",
                "family_name": "张",
                "given_names": "明远",
                "title": "研究员（示例）",
                "affiliation": "示例大学",
                "honours": "示例科学院院士",
                "bio": "示例人物简介。",
            },
            {
                "name": "Mingyuan Zhang",
                "family_name": "Zhang",
                "given_names": "Mingyuan",
                "title": "Professor (sample)",
                "affiliation": "Sample University",
                "honours": "Member of a sample academy",
                "bio": "A sample biography.",
            },
        ),
        "li": person(
            {"name": "李思源", "family_name": "李", "given_names": "思源", "affiliation": "深圳医学科学院"},
            {"name": "Siyuan Li", "family_name": "Li", "given_names": "Siyuan", "affiliation": "SMART"},
        ),
        "wang": person(
            {"name": "王晓", "family_name": "王", "given_names": "晓"},
            {"name": "Xiao Wang", "family_name": "Wang", "given_names": "Xiao"},
        ),
        "chen": person(
            {"name": "陈一", "family_name": "陈", "given_names": "一"},
            {"name": "Yi Chen", "family_name": "Chen", "given_names": "Yi"},
        ),
    }


# -- white papers ---------------------------------------------------------------------------------------------------


def build_white_papers(pages):
    """An index and two white papers (2024, 2023) in both languages."""
    people = pages.get("people") or sample_people()
    pages["people"] = people
    zh, en = locales()
    talent, talent_en = term(Topic, "talent", "人才培养", "Talent", 10)
    funding, funding_en = term(Topic, "funding", "科研资助", "Research funding", 20)
    index = publish_child(pages["home"], WhitePaperIndexPage(title="白皮书", slug="white-papers", intro="政策咨询"))
    index_en = translate(index, en, title="White papers", intro="Policy consultation")

    pdf_zh = document("白皮书 PDF", pdf_bytes("zh edition", pages=3), "wp-zh.pdf")
    pdf_en = document("White paper PDF", pdf_bytes("en edition", pages=3), "wp-en.pdf")
    paper = WhitePaperPage(
        title="医师科学家培养白皮书",
        slug="physician-scientists",
        subtitle="现状与建议",
        abstract="本白皮书讨论医师科学家的培养。",
        publication_date=datetime.date(2024, 5, 20),
        pdf=pdf_zh,
        page_count=3,
        doi="10.1234/smart.2024.001",
        isbn="978-7-03-041234-8",
        key_findings=[
            {"type": "finding", "value": {"title": "发现一", "text": "说明一"}},
            {"type": "finding", "value": {"title": "发现二", "text": ""}},
        ],
    )
    index.add_child(instance=paper)
    for order, key in enumerate(["zhang", "li", "wang", "chen"]):
        WhitePaperAuthor.objects.create(page=paper, person=people[key][0], sort_order=order)
    paper.topics.set([talent])
    paper.save_revision().publish()
    paper = WhitePaperPage.objects.get(pk=paper.pk)
    paper_en = translate(
        paper,
        en,
        title="White paper on training physician-scientists",
        subtitle="Where we stand and what to do",
        abstract="This white paper discusses the training of physician-scientists.",
        pdf=pdf_en,
        key_findings=[
            {"type": "finding", "value": {"title": "Finding one", "text": "Explanation one"}},
            {"type": "finding", "value": {"title": "Finding two", "text": ""}},
        ],
    )
    older = WhitePaperPage(
        title="医学研究资助模式白皮书",
        slug="research-funding",
        abstract="资助模式。",
        publication_date=datetime.date(2023, 9, 1),
    )
    index.add_child(instance=older)
    WhitePaperAuthor.objects.create(page=older, person=people["li"][0], sort_order=0)
    older.topics.set([funding])
    older.save_revision().publish()
    older = WhitePaperPage.objects.get(pk=older.pk)
    older_en = translate(older, en, title="White paper on research funding", abstract="Funding models.")
    pages.update(
        wp_index=index,
        wp_index_en=index_en,
        paper=paper,
        paper_en=paper_en,
        older_paper=older,
        older_paper_en=older_en,
        topics={"talent": (talent, talent_en), "funding": (funding, funding_en)},
    )
    return pages


# -- events ---------------------------------------------------------------------------------------------------------


def build_events(pages, now=None):
    """An index, one upcoming event with registration open (capacity 2) and one past symposium."""
    now = now or timezone.now()
    people = pages.get("people") or sample_people()
    pages["people"] = people
    zh, en = locales()
    symposia, symposia_en = term(EventSeries, "smart-symposia", "SMART Symposia 系列论坛", "SMART Symposia", 10)
    index = publish_child(pages["home"], EventIndexPage(title="学术活动", slug="events"))
    index_en = translate(index, en, title="Events")

    start = timezone.localtime(now).replace(hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(days=30)
    upcoming = EventPage(
        title="类器官前沿论坛",
        slug="organoids-forum",
        series=symposia,
        start=start,
        end=start + datetime.timedelta(hours=8),
        intro="关于类器官的论坛; 含逗号, 与分号",
        venue_name="光明科学城会议中心（示例）",
        venue_address="深圳市光明区示例路1号",
        latitude="22.758900",
        longitude="113.934100",
        online_url="https://live.example.org/organoids",
        registration="open",
        capacity=2,
        registration_deadline=start - datetime.timedelta(days=2),
        waiting_list=True,
        agenda=[
            {
                "type": "session",
                "value": {
                    "day": None,
                    "start": "09:30",
                    "end": "10:15",
                    "title": "主旨报告",
                    "speakers": [people["zhang"][0].pk],
                    "room": "报告厅A",
                    "description": "",
                },
            },
            {
                "type": "session",
                "value": {
                    "day": None,
                    "start": "09:00",
                    "end": "09:30",
                    "title": "开幕致辞",
                    "speakers": [],
                    "room": "报告厅A",
                    "description": "",
                },
            },
        ],
    )
    index.add_child(instance=upcoming)
    EventSpeaker.objects.create(page=upcoming, person=people["zhang"][0], role="主旨报告人", sort_order=0)
    EventSpeaker.objects.create(page=upcoming, person=people["li"][0], role="", sort_order=1)
    upcoming.save_revision().publish()
    upcoming = EventPage.objects.get(pk=upcoming.pk)
    upcoming_en = translate(
        upcoming,
        en,
        title="Frontiers of organoids",
        intro="A forum on organoids; with commas, and semicolons",
        venue_name="Guangming Science City Conference Centre (sample)",
        venue_address="1 Sample Road, Guangming District, Shenzhen",
    )
    past = EventPage(
        title="SMART Symposia 第一期",
        slug="symposium-1",
        series=symposia,
        start=beijing(2023, 4, 20, 9),
        end=beijing(2023, 4, 20, 17, 30),
        venue_name="光明科学城",
        registration="none",
    )
    index.add_child(instance=past)
    past.save_revision().publish()
    past = EventPage.objects.get(pk=past.pk)
    past_en = translate(past, en, title="SMART Symposium No. 1", venue_name="Guangming Science City")
    pages.update(
        ev_index=index,
        ev_index_en=index_en,
        event=upcoming,
        event_en=upcoming_en,
        past_event=past,
        past_event_en=past_en,
        series=(symposia, symposia_en),
    )
    return pages


# -- jobs -------------------------------------------------------------------------------------------------------------


def build_jobs(pages, today=None):
    """An index, an open PI posting, an open postdoc posting and a closed one, in both languages."""
    today = today or timezone.localdate()
    zh, en = locales()
    index = publish_child(pages["home"], JobIndexPage(title="人才招聘", slug="careers"))
    index_en = translate(index, en, title="Careers")

    def posting(slug, title, title_en, category, closes_on, **extra):
        page = JobPostingPage(
            title=title,
            slug=slug,
            category=category,
            institute="示例研究所",
            work_location="深圳市光明区",
            postal_code="518107",
            posted_on=today - datetime.timedelta(days=20),
            closes_on=closes_on,
            salary_text="面议",
            description="<p>职位描述。</p>",
            requirements="<p>博士学位。</p>",
            how_to_apply="<p>在线申请。</p>",
            **extra,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        page = JobPostingPage.objects.get(pk=page.pk)
        page_en = translate(
            page,
            en,
            title=title_en,
            institute="Sample Institute",
            work_location="Guangming District, Shenzhen",
            salary_text="Competitive",
            description="<p>About the role.</p>",
            requirements="<p>A PhD.</p>",
            how_to_apply="<p>Apply online.</p>",
        )
        return page, page_en

    pi, pi_en = posting(
        "pi",
        "首席研究员（PI）",
        "Principal investigator",
        "pi",
        today + datetime.timedelta(days=30),
        openings=5,
        salary_min="800000",
        salary_max="1500000",
    )
    postdoc, postdoc_en = posting(
        "postdoc", "博士后", "Postdoctoral fellow", "postdoc", today, employment_type="CONTRACTOR"
    )
    closed, closed_en = posting(
        "assistant", "行政助理", "Administrative assistant", "research-support", today - datetime.timedelta(days=1)
    )
    pages.update(
        job_index=index,
        job_index_en=index_en,
        pi=pi,
        pi_en=pi_en,
        postdoc=postdoc,
        postdoc_en=postdoc_en,
        closed_job=closed,
        closed_job_en=closed_en,
    )
    return pages
