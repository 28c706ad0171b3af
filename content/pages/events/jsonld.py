"""An event as schema.org ``Event`` JSON-LD: its place or online link, its registration as an ``Offer``."""

from django.utils.translation import gettext

from content import structured_data as ld

from .choices import EventStatus, RegistrationState

SCHEMA_EVENT_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.RESCHEDULED: "https://schema.org/EventRescheduled",
    EventStatus.MOVED_ONLINE: "https://schema.org/EventMovedOnline",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}


def event_ld(event, language, state=None):
    """The ``Event`` of an event page, in ``language`` (active while this runs); ``state`` is its registration
    state, worked out when None."""
    places = []
    if event.venue_name or event.venue_address:
        place = {
            "@type": "Place",
            "name": event.venue_name or event.venue_address,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.venue_address,
                "addressLocality": gettext("Shenzhen"),
                "addressCountry": "CN",
            },
        }
        if event.latitude is not None and event.longitude is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": event.latitude, "longitude": event.longitude}
        places.append(place)
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    offers = None
    state = state or event.registration_state()
    if state != RegistrationState.NONE:
        availability = {
            RegistrationState.OPEN: "https://schema.org/InStock",
            RegistrationState.FULL: "https://schema.org/SoldOut",
            RegistrationState.NOT_OPEN: "https://schema.org/PreOrder",
            RegistrationState.CLOSED: "https://schema.org/SoldOut",
        }[state]
        offers = {
            "@type": "Offer",
            "url": event.full_url + "#registration",
            "price": event.admission_fee,
            "priceCurrency": "CNY",
            "availability": availability,
            "validFrom": ld.iso(event.first_published_at) if event.first_published_at else None,
            "validThrough": ld.iso(event.registration_deadline or event.start),
        }
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": event.full_url + "#event",
        "name": event.title,
        "description": event.intro or event.listing_summary,
        "url": event.full_url,
        "startDate": ld.iso(event.start),
        "endDate": ld.iso(event.end),
        "eventStatus": SCHEMA_EVENT_STATUS.get(event.status, SCHEMA_EVENT_STATUS[EventStatus.SCHEDULED]),
        "eventAttendanceMode": event.attendance_mode_schema(),
        "location": places[0] if len(places) == 1 else places,
        "inLanguage": [ld.language_tag(code) for code in event.event_language.split(",")],
        "image": ld.image_url(event.listing_image),
        "organizer": ld.organisation(language),
        "performer": [ld.person(person) for person, _role in event.speaker_entries],
        "superEvent": {"@type": "EventSeries", "name": event.series_term.name} if event.series_term else None,
        "offers": offers,
        "isAccessibleForFree": event.admission_fee == 0,
    }
    return ld.compact(data)
