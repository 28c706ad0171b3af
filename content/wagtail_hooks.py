from django.contrib import messages
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .navigation import Footer, MainMenu
from .people import Person
from .taxonomy import FieldOfMedicine
from .topics import EventSeries, Topic

register_snippet(MainMenu)
register_snippet(Footer)


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own "page" link type
def register_localized_page_links(features):
    from .rich_links import LocalizedPageLinkHandler

    features.register_link_type(LocalizedPageLinkHandler)


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


@hooks.register("before_create_page")
def name_unfinished_digest_drafts(request, parent_page, page_class):
    """A new digest issue's form names the series' unfinished drafts (such as an abandoned form's autosaved draft)
    with links to them, before the editor starts another issue for the same month."""
    from .pages.digest import DigestIssuePage, unfinished_drafts_notice

    if request.method == "GET" and issubclass(page_class, DigestIssuePage):
        notice = unfinished_drafts_notice(parent_page)
        if notice:
            messages.warning(request, notice)
