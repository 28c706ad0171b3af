"""The digest as schema.org JSON-LD: a series is a ``Periodical``, an issue a ``PublicationIssue`` of its
volume (a ``PublicationVolume`` of the periodical)."""

from content import structured_data as ld


def issue_ld(issue):
    """The issue as a schema.org PublicationIssue of its volume of the digest (a Periodical)."""
    language = issue.locale.language_code
    url = ld.page_url(issue)
    series = issue.series
    periodical = periodical_ld(series, with_details=False) if series is not None else None
    image = issue.lead_image if issue.lead_image_id else (issue.listing_image if issue.listing_image_id else None)
    part_of = periodical
    if issue.volume is not None and periodical is not None:
        part_of = {"@type": "PublicationVolume", "volumeNumber": str(issue.volume), "isPartOf": periodical}
    return ld.compact(
        {
            "@type": "PublicationIssue",
            "@id": url + "#issue",
            "mainEntityOfPage": {"@id": url + "#webpage"},
            "url": url,
            "name": issue.title,
            "issueNumber": str(issue.number) if issue.number is not None else None,
            "description": issue.description,
            "temporalCoverage": issue.issue_month.strftime("%Y-%m"),
            "datePublished": ld.iso(issue.first_published_at),
            "dateModified": ld.iso(issue.last_published_at),
            "image": ld.image_url(image),
            "inLanguage": ld.language_tag(language),
            "publisher": ld.organisation(language),
            "isPartOf": part_of,
        }
    )


def periodical_ld(index, with_details=True):
    """The series as a schema.org Periodical (its issues point to it; its own page shows it in full)."""
    language = index.locale.language_code
    url = ld.page_url(index)
    data = {"@type": "Periodical", "@id": url + "#periodical", "name": index.title, "url": url}
    if with_details:
        data.update(
            mainEntityOfPage={"@id": url + "#webpage"},
            description=index.description or None,
            inLanguage=ld.language_tag(language),
            publisher=ld.organisation(language),
            image=ld.image_url(index.listing_image) if index.listing_image_id else None,
        )
    return ld.compact(data)
