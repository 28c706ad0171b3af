"""Pieces of the records apps' admin lists: the intake-only permission policy and fast plain columns.

``IntakeRecordPolicy`` keeps records that only public forms create out of the admin's add, edit and
delete views; ``PlainColumn`` / ``PlainTitleColumn`` (and ``MoneyColumn``, ``DateTimeColumn``) render list cells
without a template per cell (long lists stay fast: thousands of rows, 25 a page), every value as
``records.display`` words it.
"""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy

from . import display
from .references import REFERENCE_PATTERN


class IntakeRecordPolicy(ModelPermissionPolicy):
    """Records that only the public forms create: nobody adds, edits or deletes them in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class PlainColumn(Column):
    """A column rendered without a template per cell, its value as staff read it (``records.display.readable``:
    Yes/No, separators, Beijing time, a dash for nothing)."""

    def render_cell_html(self, instance, parent_context):
        return format_html("<td>{}</td>", display.readable(self.get_value(instance)))


class MoneyColumn(PlainColumn):
    """An amount in CNY with separators and two decimals (800,000.00), on one line."""

    def render_cell_html(self, instance, parent_context):
        return format_html('<td class="records-money">{}</td>', display.money(self.get_value(instance)))


class DateTimeColumn(PlainColumn):
    """A date-time in Beijing time as 2026-12-06 06:54, whatever time zone is active."""

    def render_cell_html(self, instance, parent_context):
        return format_html('<td class="records-nowrap">{}</td>', display.short_datetime(self.get_value(instance)))


class PlainTitleColumn(TitleColumn):
    """The linked title cell; a reference number (the column named "reference") stays on one line."""

    def render_cell_html(self, instance, parent_context):
        classes = "title records-nowrap" if self.name == "reference" else "title"
        return format_html(
            '<td class="{}"><div class="title-wrapper"><a href="{}">{}</a></div></td>',
            classes,
            self.get_link_url(instance, parent_context),
            self.get_value(instance),
        )


class ReferenceSearchMixin:
    """For index views: a reference number is looked up exactly (through its unique index), anything else as usual."""

    def search_queryset(self, queryset):
        query = (self.search_query or "").strip().upper() if self.is_searching else ""
        if query and REFERENCE_PATTERN.match(query):
            return queryset.filter(reference=query)
        return super().search_queryset(queryset)


class BulkMoveButtonMixin:
    """For index views: a "Bulk move" button to ``bulk_move_url_name`` that keeps the list's filters and search."""

    bulk_move_url_name = None

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        query = self.request.GET.urlencode()
        url = reverse(self.bulk_move_url_name) + (f"?{query}" if query else "")
        buttons.append(Button(_("Bulk move"), url=url, icon_name="resubmit", priority=80))
        return buttons


def bulk_move_path(viewset, view_class):
    """A viewset's ``bulk-move/`` URL: ``view_class`` (a ``records.screens.BulkMoveView``) over the viewset's listing,
    so the moves apply to exactly the records its filters and search select."""
    listing_kwargs = {**viewset.get_common_view_kwargs(), **viewset.get_index_view_kwargs()}
    view = view_class.as_view(index_view=viewset.index_view_class, index_view_kwargs=listing_kwargs)
    return path("bulk-move/", view, name="bulk_move")
