"""The page editor's slug field fills itself with a readable ASCII slug (``content.slugs``) as the title is typed.

Wagtail's own slug field (``w-slug``) turns a Chinese title into a Chinese slug, or into nothing when unicode slugs
are off. ``SlugInput`` below keeps Wagtail's clean-up of what the editor types into the slug field itself
(``w-slug#slugify``), and hands the title sync to the ``smart-slug`` controller (content/js/slug.js), which asks
:func:`slug_view` for the slug of the title and keeps following the title until the editor changes the slug.
"""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import reverse_lazy
from wagtail.admin.widgets.slug import SlugInput as WagtailSlugInput
from wagtail.models import Page

from .slugs import slug_for_title


class SlugInput(WagtailSlugInput):
    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs=attrs, **kwargs)
        self.attrs["data-controller"] = "w-slug smart-slug"
        self.attrs["data-action"] = (
            "blur->w-slug#slugify w-sync:check->smart-slug#compare w-sync:apply->smart-slug#apply:prevent"
        )
        self.attrs["data-smart-slug-url-value"] = reverse_lazy("smart_slug")

    class Media:
        js = ["content/js/slug.js"]


@login_required
def slug_view(request):
    """{"slug": the default slug of the title in ?title= (of the page ?page=, for its English translation)}."""
    page = None
    page_id = request.GET.get("page", "")
    if page_id.isdigit():
        page = Page.objects.filter(pk=int(page_id)).first()
    return JsonResponse({"slug": slug_for_title(request.GET.get("title", "")[:255], page=page)})
