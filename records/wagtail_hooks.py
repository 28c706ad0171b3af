from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks

from . import views
from .admin_home import InboxSummaryItem, RecordsPanel


@hooks.register("register_admin_urls")
def register_file_urls():
    return [path("records/files/<uuid:pk>/", views.download, name="records_file")]


@hooks.register("insert_global_admin_css")
def records_admin_css():
    """The records screens' few styles: reference numbers and amounts on one line."""
    return format_html('<link rel="stylesheet" href="{}">', static("records/admin.css"))


@hooks.register("insert_global_admin_js")
def records_admin_js():
    """Forms marked ``data-submit-once`` (releasing decisions, sending offers and rejections) are sent once, even on
    a double click."""
    return format_html('<script src="{}" defer></script>', static("records/submit_once.js"))


@hooks.register("construct_homepage_panels")
def add_records_panel(request, panels):
    """Back-office staff see their records per state on the admin home (each app registers its kinds)."""
    panels.append(RecordsPanel())


@hooks.register("construct_homepage_summary_items")
def add_records_inbox(request, items):
    """What waits in each inbox (new applications, registrations, pledges) in the summary at the top."""
    items.append(InboxSummaryItem(request))
