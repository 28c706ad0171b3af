"""A white paper as schema.org ``Report`` JSON-LD: its identifiers (DOI, ISBN), PDF edition, authors and topics."""

from content import structured_data as ld
from content.i18n import absolute_url


def report_ld(paper):
    """The ``Report`` of a white paper page."""
    language = paper.locale.language_code
    url = paper.full_url_for_citation()
    identifiers = []
    if paper.doi:
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": paper.doi})
    if paper.isbn:
        identifiers.append({"@type": "PropertyValue", "propertyID": "ISBN", "value": paper.isbn})
    media = None
    if paper.pdf is not None:
        media = {
            "@type": "MediaObject",
            "contentUrl": absolute_url(paper.pdf.url),
            "encodingFormat": "application/pdf",
            "contentSize": f"{paper.pdf_size} B" if paper.pdf_size else None,
            "inLanguage": ld.language_tag(language),
        }
    data = {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": url + "#report",
        "url": url,
        "name": paper.title,
        "headline": paper.title[:110],
        "alternativeHeadline": paper.subtitle,
        "abstract": paper.abstract,
        "description": paper.description or paper.abstract[:300],
        "inLanguage": ld.language_tag(language),
        "datePublished": ld.iso(paper.publication_date),
        "dateModified": ld.iso(paper.last_published_at),
        "author": [ld.person(person) for person in paper.author_people] or ld.organisation(language),
        "publisher": ld.organisation(language),
        "about": [{"@type": "Thing", "name": topic.name} for topic in paper.topic_terms],
        "keywords": ", ".join(topic.name for topic in paper.topic_terms),
        "image": ld.image_url(paper.cover_image or paper.listing_image),
        "identifier": identifiers,
        "sameAs": f"https://doi.org/{paper.doi}" if paper.doi else None,
        # numberOfPages belongs to Book: a report runs from page 1 to its last (Article's pageStart, pageEnd).
        "pageStart": 1 if paper.page_count else None,
        "pageEnd": paper.page_count,
        "encoding": media,
    }
    return ld.compact(data)
