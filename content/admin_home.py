"""The admin home of communications staff: what waits for each person, in their admin language.

``work_for(user)`` gathers four lists (each the first few items and how many there are in all):

- pages awaiting the user's approval: the workflow tasks they can act on (Wagtail's ``reviewable_by``);
- their drafts: pages they own or last changed that have changes not yet published;
- translations out of date: pages of another language than the original (zh-hans) whose original was published
  after the translation was last published (or the translation was never published), found through the pages'
  shared ``translation_key``; only pages the user may edit;
- scheduled pages: revisions approved to go live at a future time, on pages the user may edit.

``WorkPanel`` shows them on the dashboard (registered with ``construct_homepage_panels`` in ``wagtail_hooks``),
times in Beijing time (Asia/Shanghai) whatever the staff member's own time zone.
"""

from dataclasses import dataclass, field

from django.db.models import F, IntegerField, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, Revision, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy

from records.display import language_name, short_datetime

from .translation_report import outdated_translations

LIMIT = 8  # items shown per list; the count says how many there are


@dataclass
class WorkList:
    """The first items of one list and the number of items in all."""

    items: list = field(default_factory=list)
    total: int = 0


@dataclass
class Work:
    approvals: WorkList
    drafts: WorkList
    stale_translations: WorkList
    scheduled: WorkList

    @property
    def total(self):
        return self.approvals.total + self.drafts.total + self.stale_translations.total + self.scheduled.total


def _edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def _locale_names():
    return {locale.pk: language_name(locale.language_code) for locale in Locale.objects.all()}


def editable_pages(user):
    """Pages ``user`` may edit (all of them for a superuser), as a queryset."""
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])


def has_page_work(user):
    """Whether the user writes, publishes or approves pages at all (else the panel would only say "nothing")."""
    policy = PagePermissionPolicy()
    return policy.user_has_any_permission(user, ["add", "change", "publish"]) or (
        TaskState.objects.reviewable_by(user).exists()
    )


def awaiting_approval(user, limit=LIMIT):
    """Workflow tasks on pages that ``user`` can approve or reject, oldest request first."""
    states = (
        TaskState.objects.reviewable_by(user)
        .select_related("revision", "revision__user", "task", "workflow_state__requested_by")
        .order_by("started_at")
    )
    result = WorkList(total=states.count())
    for state in states[: limit * 2]:
        page = state.revision.content_object
        if not isinstance(page, Page):  # a snippet's workflow: not a page
            continue
        requested_by = state.workflow_state.requested_by
        result.items.append(
            {
                "title": page.get_admin_display_title(),
                "url": _edit_url(page.pk),
                "locale_id": page.locale_id,
                "task": state.task.name,
                "by": requested_by.get_full_name() or requested_by.get_username() if requested_by else "",
                "when": short_datetime(state.started_at),
            }
        )
        if len(result.items) >= limit:
            break
    return result


def own_drafts(user, limit=LIMIT):
    """Pages ``user`` owns or last saved that have unpublished changes, latest first."""
    pages = (
        Page.objects.filter(has_unpublished_changes=True, depth__gt=1)
        .filter(Q(owner=user) | Q(latest_revision__user=user))
        .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")
    )
    result = WorkList(total=pages.count())
    for page in pages[:limit]:
        result.items.append(
            {
                "title": page.get_admin_display_title(),
                "url": _edit_url(page.pk),
                "locale_id": page.locale_id,
                "live": page.live,
                "when": short_datetime(page.latest_revision_created_at) if page.latest_revision_created_at else "",
            }
        )
    return result


def out_of_date_translations(user=None, limit=LIMIT):
    """Translations to update, as the Translations report finds them (content.translation_report): the original was
    published again with its text changed after the translation was last published, or the translation never was;
    the longest-waiting first. Only pages ``user`` may edit (all pages without a user)."""
    found = [item for items in outdated_translations(user).values() for item in items]
    found.sort(key=lambda item: (item.source.last_published_at, item.translation.pk))
    result = WorkList(total=len(found))
    for item in found[:limit]:
        page = item.translation
        result.items.append(
            {
                "title": page.get_admin_display_title(),
                "url": _edit_url(page.pk),
                "source_url": _edit_url(item.source.pk),
                "locale_id": page.locale_id,
                "source_published": short_datetime(item.source.last_published_at),
                "published": short_datetime(page.last_published_at) if page.last_published_at else "",
            }
        )
    return result


def scheduled_pages(user, limit=LIMIT, now=None):
    """Pages with a revision approved to go live in the future (on pages ``user`` may edit), soonest first."""
    now = now or timezone.now()
    revisions = (
        Revision.page_revisions.filter(approved_go_live_at__gt=now)
        .annotate(page_id=Cast("object_id", output_field=IntegerField()))
        .filter(page_id__in=editable_pages(user).values("pk"))
        .order_by("approved_go_live_at", "pk")
    )
    result = WorkList(total=revisions.count())
    chosen = list(revisions[:limit])
    titles = Page.objects.in_bulk([revision.page_id for revision in chosen])
    for revision in chosen:
        page = titles.get(revision.page_id)
        if page is None:
            continue
        result.items.append(
            {
                "title": page.get_admin_display_title(),
                "url": _edit_url(page.pk),
                "locale_id": page.locale_id,
                "live": page.live,
                "when": short_datetime(revision.approved_go_live_at),
            }
        )
    return result


def work_for(user):
    """The four lists of the admin home for ``user``."""
    return Work(
        approvals=awaiting_approval(user),
        drafts=own_drafts(user),
        stale_translations=out_of_date_translations(user),
        scheduled=scheduled_pages(user),
    )


class WorkPanel(Component):
    """ "Your work" on the dashboard: approvals, drafts, out-of-date translations, scheduled pages."""

    name = "smart_your_work"
    template_name = "content/admin/home_work.html"
    order = 50  # before Wagtail's own panels

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        work = work_for(request.user)
        names = _locale_names()
        for work_list in (work.approvals, work.drafts, work.stale_translations, work.scheduled):
            for item in work_list.items:
                item["language"] = names.get(item["locale_id"], "")
        return {"work": work, "request": request}

    def render_html(self, parent_context=None):
        if not has_page_work(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)
