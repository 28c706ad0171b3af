"""A job posting as schema.org ``JobPosting`` JSON-LD (only while it is open: a closed posting is no vacancy)."""

from django.utils.translation import gettext, override
from wagtail.rich_text import expand_db_html

from content import structured_data as ld
from content.html_clean import clean_rich_text
from records.recruitment.models import Category as JobCategory


def posting_ld(posting):
    """schema.org JobPosting of an open posting; None once it has closed (it is no longer a vacancy)."""
    if not posting.is_open():
        return None
    language = posting.locale.language_code
    with override(language):
        locality, region = gettext("Shenzhen"), gettext("Guangdong")
        category = str(JobCategory(posting.category).label)
    description = "".join(
        f"<h3>{heading}</h3>{html}" if heading else html
        for heading, html in (
            ("", posting.description),
            (_label("requirements", language), posting.requirements),
            (_label("how_to_apply", language), posting.how_to_apply),
        )
        if html
    )
    salary = None
    if posting.salary_min is not None or posting.salary_max is not None:
        value = {"@type": "QuantitativeValue", "unitText": posting.salary_period}
        if (
            posting.salary_min is not None
            and posting.salary_max is not None
            and posting.salary_min != posting.salary_max
        ):
            value.update(minValue=posting.salary_min, maxValue=posting.salary_max)
        else:
            value["value"] = posting.salary_min if posting.salary_min is not None else posting.salary_max
        salary = {"@type": "MonetaryAmount", "currency": "CNY", "value": value}
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "@id": posting.full_url + "#job",
        # The same in both languages: one vacancy, posted in two (the translations share their key).
        "identifier": {"@type": "PropertyValue", "name": "SMART", "value": str(posting.translation_key)},
        "title": posting.title,
        "description": clean_rich_text(expand_db_html(description)),
        "datePosted": ld.iso(posting.posted_on),
        "validThrough": f"{posting.closes_on.isoformat()}T23:59:59+08:00" if posting.closes_on else None,
        "employmentType": posting.employment_type,
        "hiringOrganization": ld.organisation(language),
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": posting.work_location,
                "addressLocality": locality,
                "addressRegion": region,
                "postalCode": posting.postal_code,
                "addressCountry": "CN",
            },
        },
        "baseSalary": salary,
        "totalJobOpenings": posting.openings,
        "occupationalCategory": category,
        "directApply": True,
        "url": posting.full_url,
    }
    return ld.compact(data)


def _label(name, language):
    with override(language):
        return {"requirements": gettext("Requirements"), "how_to_apply": gettext("How to apply")}[name]
