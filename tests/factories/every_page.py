"""Every public page type in both languages, for the checks of the site's whole output (accessibility, valid
HTML, feeds, calendars, sitemap).

``build_every_page()`` loads the bilingual demo content (``demo``), adds what the demo has no pages
for (the fund's call, host-institution registration and status look-up pages, with an open call, an open
registration round and one application to look up), the records that the foundation's pages show
(designations to pledge to, gifts received for the donor list), a registration in each language for the event
open for registration (for its cancellation link), and indexes the site for search.

``plan_visits(client)`` then lists the visits to check, discovered with Django's test client:

- one live page of every concrete page model (``wagtail.models.get_page_models()``) in each language, plus
  every page of a model whose first page carries no POST form while another does (an event with its
  registration open, a job posting still open);
- the HTML sub-pages of routable pages (digest archive and its years);
- for each page with a POST form: the form sent with its fields left empty (validation errors shown), and its
  confirmation step; the status look-up with a real reference number (its result);
- the search page with results and without a query, and a 404 page;
- the registrant's cancellation link (records.events): its question, the same link's answer once its form is
  sent (the registration cancelled), and a damaged link (404);
- the pages that no URL serves while the site works, as their views answer a GET of the home page: the 500 page
  (``django.views.defaults.server_error``) and the 503 page of a database outage
  (``delivery.unavailable.unavailable_response``); see ``error_page()``.

``planned_visits(extras)`` is ``plan_visits`` with a test client, planned once for the same pages: the walks cut
into parts each take their share of the one plan.

``uncovered_page_models(visits)`` names the concrete page models that no visit shows, and the intake form pages
(``IntakePageMixin``) whose form no visit sends.
"""

import datetime
from dataclasses import dataclass, field

import lxml.html
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.views.defaults import server_error
from wagtail.models import Page, get_page_models

from content.models import ApplicationStatusPage, EventPage, FundCallPage, InstitutionRegistrationPage
from content.pages.intake import IntakePageMixin
from delivery.unavailable import unavailable_response
from demo.loader import load_demo
from records.donations.models import DonorType, Status
from records.events.services import cancel_token
from search import index
from tests.factories import donations, events, grants, snapshots
from tests.factories.pages import ensure_roots, locales, publish_child, translate

LANGUAGES = ("zh-hans", "en")
SEARCH_TERMS = {"zh-hans": "深圳", "en": "SMART"}
# What a confirmation step shows besides the reference number, per page model (the rest show only that).
CONFIRMATION_DETAILS = {
    "content.FundCallPage": {"kind": "application"},
    "content.InstitutionRegistrationPage": {"kind": "institution"},
    "content.EventPage": {"status": "registered"},
    "content.PledgePage": {"amount": "10,000.00"},
}
# Pages whose form looks something up instead of creating a record: no confirmation step.
NO_CONFIRMATION = {"content.ApplicationStatusPage"}
SAMPLE_REFERENCE = "SMPL-2026-000001"
REGISTRANT_NAMES = {"zh-hans": "示例参会人（测试数据）", "en": "Sample Registrant (test data)"}
# The views of the pages that no URL serves while the site works, by ``Visit.error_view``.
ERROR_VIEWS = {"server_error": server_error, "unavailable": unavailable_response}


@dataclass
class Visit:
    """One thing to look at: a GET of ``path``, or the page's POST form sent with ``fill`` (other fields as served)."""

    name: str
    language: str
    path: str
    model: str = ""  # app_label.ModelName of the page type shown
    submit: bool = False  # send the page's POST form (in main) after filling in ``fill``
    fill: dict = field(default_factory=dict)
    session: dict = field(default_factory=dict)  # session values stored before the visit (a confirmation step)
    status: int = 200  # the status the response must have
    error_view: str = ""  # a key of ERROR_VIEWS: the page is that view's answer to a GET of ``path`` (error_page())

    @property
    def slug(self):
        return "".join(c if c.isalnum() else "-" for c in self.name.lower()).strip("-")


def concrete_page_models():
    """Labels of the page models a visitor can meet: every concrete page model except Wagtail's base Page."""
    return sorted(model._meta.label for model in get_page_models() if model is not Page and not model._meta.abstract)


def _funding_pages():
    """The fund's public pages under the demo's Funding section in both languages, an open call and round."""
    zh, en = locales()
    # Applications close at the end of a day, as calls do: the page shows the date alone.
    closes = timezone.localtime().replace(hour=23, minute=59, second=59, microsecond=0) + datetime.timedelta(days=30)
    call = grants.make_call(year=timezone.localdate().year, closes=closes)
    grants.make_round(call.programme)
    institution = grants.make_institution(call.programme, name="示例第一医院（测试数据）")
    application = grants.make_application(call, institution, pi_email="pi.sample@example.org")
    section = Page.objects.get(locale=zh, depth=3, slug="funding")
    for page, title_en in (
        (FundCallPage(title=call.title_zh, slug="call", call=call, intro="申请指南见下文（示例）。"), call.title_en),
        (InstitutionRegistrationPage(title="依托单位注册", slug="host-institutions"), "Host institution registration"),
        (ApplicationStatusPage(title="申请状态查询", slug="status"), "Application status"),
    ):
        page = publish_child(section, page)
        translate(page, en, title=title_en, intro="The call's guide follows (sample)." if page.intro else "")
    return {"call": call, "application": application}


def _foundation_records():
    """Designations for the pledge form and two gifts received (a named organisation, an anonymous person)."""
    donations.designation()
    donations.general_fund()
    donations.make_pledge(
        Status.FULLY_RECEIVED, donor_type=DonorType.ORGANISATION, donor_name="示例科技有限公司（测试数据）"
    )
    donations.make_pledge(Status.FULLY_RECEIVED, donor_name="示例捐赠人（测试数据）", anonymous=True, language="en")


def _event_registrations():
    """A registration in each language (as its registrant sent it) for the first event open for registration."""
    registrations = {}
    for language in LANGUAGES:
        pages = EventPage.objects.live().public().filter(locale__language_code=language).order_by("path")
        event = next(page for page in pages if page.accepts_registrations())
        data = {"name": REGISTRANT_NAMES[language]}
        registration, _created = events.register(
            event.event_info(), f"registrant.{language}@example.org", language=language, now=timezone.now(), data=data
        )
        registrations[language] = registration
    return registrations


# Background tasks are only queued while pages are built (as with a worker that has not run yet): each publish would
# otherwise re-index its page at once, for both search indexes; the public index is rebuilt once at the end instead.
QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def demo_content():
    """The demo content in both languages (``load_demo``), the site indexed for search.

    Built once per test process; later calls on a fresh database put the same rows and files back
    (tests/factories/snapshots.py).
    """
    snapshots.once("demo", _load_demo)


def _load_demo():
    with override_settings(TASKS=QUEUED_ONLY):
        ensure_roots()
        load_demo()
    index.rebuild()


def build_every_page():
    """Demo content in both languages plus the funding pages; the site indexed for search. Returns the extras.

    Built once per test process, as ``demo_content``.
    """
    return snapshots.once("every page", _build_every_page)


def _build_every_page():
    demo_content()
    with override_settings(TASKS=QUEUED_ONLY):
        extras = _funding_pages()
        _foundation_records()
        extras["registrations"] = _event_registrations()
    index.rebuild()
    return extras


def _post_form(html):
    forms = [form for form in lxml.html.fromstring(html).xpath("//main//form") if form.method.upper() == "POST"]
    return forms[0] if forms else None


def form_values(html, fill=None):
    """The fields that a browser sends for the page's POST form as served (empty fields empty), with ``fill``."""
    form = _post_form(html)
    values = dict(form.form_values())
    for element in form.inputs:
        if element.name:
            values.setdefault(element.name, "")
    values.update(fill or {})
    return form.action or "", values


def plan_visits(client, extras, responses=None):
    """The visits that show every page type in both languages (see the module docstring).

    The pages fetched to plan them are kept in ``responses`` ({path: response}), when given, for reuse.
    """
    responses = {} if responses is None else responses
    visits = []
    for language in LANGUAGES:
        pages_by_model = {}
        for page in Page.objects.live().public().filter(locale__language_code=language).order_by("path").specific():
            label = page._meta.label
            if label == "wagtailcore.Page":
                continue
            pages_by_model.setdefault(label, []).append(page)
        for label, pages in sorted(pages_by_model.items()):
            chosen = []
            # Pages that may carry a form: the first one that does is shown too (an event open for registration).
            candidates = pages if issubclass(type(pages[0]), IntakePageMixin) else pages[:1]
            for page in candidates:
                responses[page.url] = client.get(page.url)
                html = responses[page.url].content.decode()
                has_form = _post_form(html) is not None
                if not chosen or has_form:
                    chosen.append((page, has_form))
                if has_form:
                    break
            for page, has_form in chosen:
                visits.append(Visit(f"{label} {page.slug} ({language})", language, page.url, model=label))
                if not has_form:
                    continue
                if label == "content.ApplicationStatusPage":
                    application = extras["application"]
                    fill = {"reference": application.reference, "email": application.pi_email}
                    visits.append(
                        Visit(f"{label} result ({language})", language, page.url, model=label, submit=True, fill=fill)
                    )
                visits.append(
                    Visit(f"{label} errors ({language})", language, page.url, model=label, submit=True, status=400)
                )
                if label not in NO_CONFIRMATION:
                    param = getattr(page, "confirmation_param", "done")
                    session = {
                        page.confirmation_session_key: {
                            "page": page.pk,
                            "reference": SAMPLE_REFERENCE,
                            **CONFIRMATION_DETAILS.get(label, {}),
                        }
                    }
                    visits.append(
                        Visit(
                            f"{label} confirmation ({language})",
                            language,
                            f"{page.url}?{param}=1",
                            model=label,
                            session=session,
                        )
                    )
            if label == "content.DigestIndexPage":
                visits += _digest_views(pages[0], language)
        with translation.override(language):
            search = reverse("search")
        visits += [
            Visit(f"search results ({language})", language, f"{search}?q={SEARCH_TERMS[language]}"),
            Visit(f"search without query ({language})", language, search),
            Visit(f"not found ({language})", language, f"/{language}/no-such-page/", status=404),
        ]
        if language != "zh-hans":  # Chinese words asked on a page in another language, results in both languages
            query = f"?q={SEARCH_TERMS['zh-hans']}&other=1"
            visits.append(Visit(f"search in Chinese ({language})", language, search + query))
        visits += _cancellation_views(extras["registrations"][language], language)
        visits += [
            Visit(f"server error 500 ({language})", language, f"/{language}/", status=500, error_view="server_error"),
            Visit(f"unavailable 503 ({language})", language, f"/{language}/", status=503, error_view="unavailable"),
        ]
    return visits


_plans = {}  # the pages and extras planned for -> the visits


def planned_visits(extras):
    """``plan_visits(Client(), extras)``, planned once for the same pages and extras (the every-page build put back
    by its snapshot, with the same ids and revisions): a later call gets the same visits without fetching every
    page again. Another state (a build of its own, with other ids) is planned anew."""
    from django.test import Client

    pages = tuple(Page.objects.order_by("pk").values_list("pk", "url_path", "live", "latest_revision_id"))
    key = (pages, repr(snapshots.frozen(extras)))
    if key not in _plans:
        _plans.clear()
        _plans[key] = plan_visits(Client(), extras)
    return list(_plans[key])


def _cancellation_views(registration, language):
    """The registration's cancellation link as its email gives it: the question, then (in this order: sending the
    form cancels the registration) the answer; and the link with its signature damaged, a 404."""
    token = cancel_token(registration)
    with translation.override(language):
        path = reverse("events_cancel_registration", args=[token])
        damaged = reverse("events_cancel_registration", args=[token.rsplit(":", 1)[0] + ":damaged"])
    return [
        Visit(f"registration cancellation ({language})", language, path),
        Visit(f"registration cancelled ({language})", language, path, submit=True),
        Visit(f"registration cancellation link not valid ({language})", language, damaged, status=404),
    ]


def error_page(visit):
    """The response of the visit's error view to a GET of its path, in its language (the language that the
    request's URL activates before the error)."""
    with translation.override(visit.language):
        return ERROR_VIEWS[visit.error_view](RequestFactory().get(visit.path))


def _digest_views(digest, language):
    """The digest's archive, one year of it, and the issues filtered by a field of medicine."""
    label = digest._meta.label
    visits = [Visit(f"{label} archive ({language})", language, digest.archive_url(), model=label)]
    years = list(digest.years())
    if years:
        visits.append(Visit(f"{label} year ({language})", language, digest.archive_url(years[0][0]), model=label))
    fields = digest.fields_of_medicine()
    if fields:
        path = f"{digest.url}?field={fields[0].slug}"
        visits.append(Visit(f"{label} field ({language})", language, path, model=label))
    return visits


def uncovered_page_models(visits):
    """Concrete page models that no visit shows in some language, and form pages whose form no visit sends."""
    shown = {(visit.model, visit.language) for visit in visits}
    submitted = {(visit.model, visit.language) for visit in visits if visit.submit}
    missing = []
    for model in get_page_models():
        label = model._meta.label
        if model is Page or model._meta.abstract:
            continue
        for language in LANGUAGES:
            if (label, language) not in shown:
                missing.append(f"{label} ({language})")
            elif issubclass(model, IntakePageMixin) and (label, language) not in submitted:
                missing.append(f"{label} ({language}): no page shows its form")
    return sorted(missing)
