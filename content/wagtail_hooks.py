from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_home import WorkPanel
from .navigation import Footer, MainMenu
from .people import Person
from .taxonomy import FieldOfMedicine
from .topics import EventSeries, Topic


@hooks.register("register_admin_urls")
def register_slug_url():
    from django.urls import path

    from .slug_admin import slug_view

    return [path("smart/slug/", slug_view, name="smart_slug")]


@hooks.register("construct_reports_menu")
def translate_translations_report_label(request, menu_items):
    """wagtail-localize names its report in the language of the first request (gettext at registration): the
    English admin showed 翻译. Name it in this request's language."""
    import copy

    from django.urls import NoReverseMatch, reverse
    from django.utils.translation import gettext

    try:
        url = reverse("wagtail_localize:translations_report")
    except NoReverseMatch:
        return
    for index, item in enumerate(menu_items):
        if item.url == url:
            item = copy.copy(item)
            item.label = gettext("Translations")
            menu_items[index] = item


register_snippet(MainMenu)
register_snippet(Footer)


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own "page" link type
def register_localized_page_links(features):
    from .rich_links import LocalizedPageLinkHandler

    features.register_link_type(LocalizedPageLinkHandler)


@hooks.register("register_admin_urls", order=-100)  # ahead of wagtail-localize's views at the same addresses
def register_safe_translation_submit_urls():
    from .translating import SubmitPageTranslationView, SubmitSnippetTranslationView

    return [
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationView.as_view(),
            name="content_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationView.as_view(),
            name="content_submit_snippet_translation",
        ),
    ]


@hooks.register("register_admin_urls")
def register_translations_to_update_url():
    from .translation_report import TranslationsToUpdateView

    return [
        path(
            "reports/translations-to-update/", TranslationsToUpdateView.as_view(), name="content_translations_to_update"
        )
    ]


@hooks.register("register_reports_menu_item")
def register_translations_to_update_menu_item():
    return MenuItem(
        _("Translations to update"), reverse("content_translations_to_update"), icon_name="site", order=8900
    )


class FieldOfMedicineViewSet(SnippetViewSet):
    model = FieldOfMedicine
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


register_snippet(FieldOfMedicineViewSet)


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "title", "affiliation"]
    search_fields = ["name", "affiliation"]
    ordering = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


class EventSeriesViewSet(SnippetViewSet):
    model = EventSeries
    icon = "date"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


register_snippet(PersonViewSet)
register_snippet(TopicViewSet)
register_snippet(EventSeriesViewSet)


@hooks.register("construct_homepage_panels")
def add_work_panel(request, panels):
    """ "Your work" first on the dashboard: approvals, drafts, out-of-date translations, scheduled pages."""
    panels.append(WorkPanel())


@hooks.register("before_create_page")
def name_unfinished_digest_drafts(request, parent_page, page_class):
    """A new digest issue's form names the series' unfinished drafts (such as an abandoned form's autosaved draft)
    with links to them, before the editor starts another issue for the same month."""
    from .pages.digest import DigestIssuePage, unfinished_drafts_notice

    if request.method == "GET" and issubclass(page_class, DigestIssuePage):
        notice = unfinished_drafts_notice(parent_page)
        if notice:
            messages.warning(request, notice)
