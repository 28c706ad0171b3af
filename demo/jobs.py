"""Demo job postings: eight sample postings across the five categories in both languages, one of them closed.

What the seeds state is used as fact (SMART plans to recruit 25 PIs under its 2024 plan; postdocs are
recruited jointly with Shenzhen Bay Laboratory; the SMART Program trains PhD students with Tsinghua
University and Westlake University; the research support team includes administrative assistants and
research funding managers). Everything else (institutes, numbers of openings, dates) is sample data, and
every title says so. Dates are relative to the day the demo is first loaded. Idempotent: postings by slug.
"""

import datetime

from django.utils import timezone
from django.utils.html import escape

from content.models import JobIndexPage, JobPostingPage

from .datafiles import read
from .indexing import deferred_indexing
from .people import artwork, ensure_index

SLUG = "careers"
_DATA = read("jobs", facts=True)
SAMPLE = _DATA["sample"]

INDEX = _DATA["index"]


def _html(*paragraphs):
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def _list(*items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


# (slug, category, employment type, openings, posted days ago, closes in days (None: until filled), zh, en)
POSTINGS = [
    tuple(
        posting[key]
        for key in ("slug", "category", "employment_type", "openings", "posted_days_ago", "closes_in_days", "zh", "en")
    )
    for posting in _DATA["postings"]
]


def _fields(text, lang):
    common = _DATA["posting_fields"][lang]
    return {
        "title": text["title"],
        "institute": text["institute"],
        "work_location": common["work_location"],
        "postal_code": "518107",  # Guangming District's post code (the district the sample postings name)
        "listing_summary": text["summary"],
        "listing_image_alt": common["listing_image_alt"],
        "salary_text": text["salary"],
        "description": _html(*text["description"], SAMPLE[lang]),
        "requirements": _list(*text["requirements"]),
        "how_to_apply": _html(common["how_to_apply"]),
    }


def _ensure_posting(row, index_zh, index_en, today):
    slug, category, employment, openings, posted_ago, closes_in, zh, en = row
    created = 0
    posting_zh = JobPostingPage.objects.child_of(index_zh).filter(slug=slug).first()
    if posting_zh is None:
        posting_zh = JobPostingPage(
            slug=slug,
            category=category,
            employment_type=employment,
            openings=openings,
            posted_on=today - datetime.timedelta(days=posted_ago),
            closes_on=today + datetime.timedelta(days=closes_in) if closes_in is not None else None,
            listing_image=artwork("about"),
            **_fields(zh, "zh"),
        )
        index_zh.add_child(instance=posting_zh)
        posting_zh.save_revision().publish()
        posting_zh = JobPostingPage.objects.get(pk=posting_zh.pk)
        created += 1
    if posting_zh.get_translation_or_none(index_en.locale) is None:
        posting_en = posting_zh.copy_for_translation(index_en.locale, copy_parents=False, alias=False).specific
        for name, value in _fields(en, "en").items():
            setattr(posting_en, name, value)
        posting_en.save_revision().publish()
        created += 1
    return created


@deferred_indexing()
def load(homes, stdout=None):
    """Create the job postings demo (idempotent); return how many objects were created."""
    home_zh, home_en = homes["zh-hans"], homes["en"]
    index_zh, index_en, created = ensure_index(JobIndexPage, SLUG, home_zh, home_en, INDEX["zh"], INDEX["en"])
    today = timezone.localdate()
    for row in POSTINGS:
        created += _ensure_posting(row, index_zh, index_en, today)
    if stdout is not None:
        stdout.write(f"  job postings: {len(POSTINGS)} in 2 languages, {created} objects created\n")
    return created
