"""The endpoints of the headless API: Wagtail's v2 viewsets for pages, images and documents, narrowed to public
content, with declared fields and filters, JSON only, throttled per client IP, and every refusal a JSON
``{"message": ...}`` with a 4xx status."""

import hashlib
import math
from urllib.parse import unquote

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework.exceptions import APIException, MethodNotAllowed, Throttled
from rest_framework.fields import Field
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from wagtail.api import APIField
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site

from content import lookups
from content.lookups import language_of
from content.pages.base import BasePage
from delivery.throttling import client_ip

from . import filters, refusals
from . import representation as rep
from .page_types import exposed_fields, field_value, page_type_name, public_page_models
from .privacy import Visibility, public_pages, restricted_collection_ids
from .refusals import Refused, listed, listed_names

MANDATORY_FIELDS = ("id", "type", "detail_url")
MAX_FIELDS_LENGTH = 2000
BASE_PARAMETERS = ("limit", "offset", "fields", "order")


class JSONOnly(BaseContentNegotiation):
    """Always JSON, whatever the Accept header or a ``format`` parameter say."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class HeadlessThrottle(SimpleRateThrottle):
    """``settings.API_RATE_LIMIT`` requests (for example ``300/minute``) per client IP, counted in the Django cache."""

    scope = "headless-api"

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view):
        ident = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
        return self.cache_format % {"scope": self.scope, "ident": ident}


class HeadlessPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset, limit = filters.pagination(request)
        self.view = view
        self.total_count = queryset.count()
        return queryset[offset : offset + limit]


class ComputedField(Field):
    """A field whose value is ``value(instance, visibility)``: the declared representation of a page field."""

    def __init__(self, value, **kwargs):
        self.value = value
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        return self.value(instance, self.context["visibility"])


def translations(page, visibility):
    """The page's live, public translations in the other languages."""
    pages = public_pages().filter(translation_key=page.translation_key).exclude(pk=page.pk).select_related("locale")
    return [rep.page_link(other, visibility) for other in pages.order_by("locale__language_code")]


class LocalisedPageSerializer(PageSerializer):
    """Each page is rendered in its own language (labels, links in rich text), whatever the request's language."""

    def to_representation(self, instance):
        # Wagtail builds each page's URL from the site root paths: from the lookups, not a cache read per page.
        instance._wagtail_cached_site_root_paths = lookups.site_root_paths()
        with translation.override(language_of(instance) or instance.locale.language_code):  # locale from the cache
            return super().to_representation(instance)


class HeadlessMixin:
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [HeadlessThrottle]
    content_negotiation_class = JSONOnly
    renderer_classes = [JSONRenderer]
    pagination_class = HeadlessPagination
    filter_backends = []
    listing_parameters = BASE_PARAMETERS
    detail_parameters = ("fields",)
    find_parameters = ("id", "fields")

    @property
    def visibility(self):
        if not hasattr(self, "_visibility"):
            self._visibility = Visibility()
        return self._visibility

    def get_renderer_context(self):
        context = super().get_renderer_context()
        context["indent"] = None  # compact JSON: the mini-program pays for every byte
        return context

    def get_serializer_context(self):
        return {
            "request": self.request,
            "view": self,
            "router": self.request.wagtailapi_router,
            "visibility": self.visibility,
        }

    def handle_exception(self, exc):
        """Every refusal as ``{"message": ...}`` in the request's language (see ``refusals``)."""
        if isinstance(exc, Throttled):
            wait = max(1, math.ceil(exc.wait or 1))
            throttle = HeadlessThrottle()
            message = refusals.too_many_requests(throttle.num_requests, throttle.duration, wait)
            return Response({"message": message}, status=429, headers={"Retry-After": str(wait)})
        if isinstance(exc, Http404):
            return Response({"message": refusals.not_found()}, status=404)
        if isinstance(exc, Refused):
            return Response({"message": str(exc)}, status=400)
        if isinstance(exc, BadRequestError):  # worded by Wagtail: not expected, as every check above runs first
            return Response({"message": refusals.refused(exc)}, status=400)
        if isinstance(exc, MethodNotAllowed):
            return Response({"message": refusals.method_not_allowed(self.request.method)}, status=405)
        if isinstance(exc, APIException):
            return Response({"message": refusals.refused(exc.detail)}, status=exc.status_code)
        return super().handle_exception(exc)

    # -- query parameters -------------------------------------------------------------------------------------------
    def allowed_parameters(self):
        return {
            "listing_view": self.listing_parameters,
            "detail_view": self.detail_parameters,
            "find_view": self.find_parameters,
        }[self.action]

    def options(self, request, *args, **kwargs):
        """OPTIONS: what this address allows (the ``Allow`` header), no body; its query is not read."""
        response = Response(status=200)
        response["Content-Length"] = "0"
        return response

    def check_query_parameters(self, queryset=None):
        allowed = set(self.allowed_parameters())
        if "search" in self.request.GET and "search" not in allowed:
            raise Refused(_("search is not offered here: use /api/search/?q=… (the site's search)"))
        refusals.check_parameters(self.request.GET, allowed)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action in ("listing_view", "detail_view", "find_view"):  # OPTIONS and refused methods: no query
            self.check_query_parameters()

    def fields_config(self):
        raw = self.request.GET.get("fields")
        if raw is None:
            return []
        if len(raw) > MAX_FIELDS_LENGTH:
            raise Refused(
                _("fields is too long: at most %(max_length)s characters") % {"max_length": MAX_FIELDS_LENGTH}
            )
        config = filters.parse_fields(raw)  # before Wagtail's parser: its refusals are English
        for name, negated, _sub_fields in config:
            if negated and name in MANDATORY_FIELDS:
                raise Refused(_("'%(name)s' is always included") % {"name": name})
        if config and config[0][0] == "_":
            mentioned = {name for name, _negated, _sub in config}
            config += [(name, False, None) for name in MANDATORY_FIELDS if name not in mentioned]
        return config

    def get_serializer_class(self):
        listing = self.action == "listing_view"
        model = self.get_queryset().model if listing else type(self.get_object())
        config = self.fields_config()
        self.check_field_names(model, config, listing)
        return self._get_serializer_class(self.request.wagtailapi_router, model, config, show_details=not listing)

    def check_field_names(self, model, config, listing):
        """Unknown names in ``fields`` refused as Wagtail's serializer would, but with the names available here."""
        available = field_names(type(self), [model], listing)
        unknown = {entry[0] for entry in config if entry[0] not in ("*", "_")} - set(available)
        if unknown:
            message = ngettext(
                "unknown field: %(names)s (available here: %(available)s)",
                "unknown fields: %(names)s (available here: %(available)s)",
                len(unknown),
            )
            raise Refused(message % {"names": listed_names(unknown), "available": listed(available)})

    def get_object(self):
        pk = self.kwargs.get("pk")
        if pk is not None and not 0 < int(pk) <= filters.MAX_ID:
            raise Http404
        return super().get_object()

    def filter_queryset(self, queryset):
        return filters.apply_order(self.request, queryset, self.order_keys(queryset.model))

    @classmethod
    def detail_url_field(cls):
        return ComputedField(
            lambda obj, visibility: rep.absolute_url(reverse(f"headless:{cls.endpoint_name}:detail", args=[obj.pk]))
        )

    def find_view(self, request):
        """Redirect to the detail URL of the object found (built on SITE_BASE_URL), keeping ``fields``, which is
        checked first as the detail view would check it (a redirect to a refusal helps no one)."""
        obj = self.find_object(self.get_queryset(), request)
        if obj is None:
            raise Http404
        self.check_field_names(type(getattr(obj, "specific_deferred", obj)), self.fields_config(), listing=False)
        url = rep.absolute_url(reverse(f"headless:{self.endpoint_name}:detail", args=[obj.pk]))
        query = request.GET.copy()
        for name in self.find_query_parameters:
            query.pop(name, None)
        return redirect(f"{url}?{query.urlencode()}" if query else url)

    def find_needs(self):
        return _("find needs the id parameter")

    def find_object(self, queryset, request):
        if "id" not in request.GET:
            raise Refused(self.find_needs())
        return queryset.filter(pk=filters.integer("id", request.GET["id"], 1)).first()


def field_names(endpoint, models, listing):
    """The names that ``fields`` accepts at an endpoint for objects of any of ``models`` (a listing: without the
    fields only a detail has), in the order the endpoint declares them."""
    names = []
    for model in models:
        available = endpoint.get_body_fields_names(model) + endpoint.get_meta_fields_names(model)
        names += [name for name in available if not (listing and name in endpoint.detail_only_fields)]
    return list(dict.fromkeys(names))


class HeadlessPagesEndpoint(HeadlessMixin, PagesAPIViewSet):
    endpoint_name = "pages"  # DRF resets ``name`` in as_view()
    base_serializer_class = LocalisedPageSerializer
    meta_fields = PagesAPIViewSet.meta_fields + ["last_published_at", "translations"]
    listing_parameters = BASE_PARAMETERS + ("type",) + tuple(param.name for param in filters.page_params())
    find_parameters = ("id", "html_path", "fields")

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(cls.body_fields + [APIField(exposed.name) for exposed in exposed_fields(model)])

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = {
            "detail_url": cls.detail_url_field(),
            "html_url": ComputedField(lambda page, visibility: rep.page_html_url(page)),
            "parent": ComputedField(lambda page, visibility: rep.page_link(page.get_parent(), visibility)),
            "alias_of": ComputedField(lambda page, visibility: rep.page_link(page.alias_of, visibility)),
            "translations": ComputedField(translations),
        }
        for exposed in exposed_fields(model):
            value = field_value(model, exposed)
            if value is not None:
                overrides[exposed.name] = ComputedField(value)
        return overrides

    @classmethod
    def get_listing_default_fields(cls, model):
        fields = super().get_listing_default_fields(model)
        if issubclass(model, BasePage):
            fields += ["listing_summary", "listing_image"]
        return fields

    def get_base_queryset(self):
        return public_pages().select_related("locale")  # every item shows its locale

    def get_root_page(self):
        site = lookups.site_for_request(self.request)
        return site.root_page if site else None

    def page_models(self):
        value = self.request.GET.get("type")
        if not value:
            return ()
        try:
            models = page_models_from_string(filters.text("type", value))
        except (LookupError, ValueError):
            models = None
        allowed = set(public_page_models()) | {Page}
        if not models or not set(models) <= allowed:
            names = listed(page_type_name(model) for model in public_page_models())
            raise Refused(
                _("unknown page type '%(value)s': use one of %(types)s")
                % {"value": refusals.shown(value), "types": names}
            )
        return models

    def get_queryset(self):
        models = self.page_models()
        base = self.get_base_queryset()
        if len(models) == 1:
            return models[0].objects.filter(pk__in=base.values_list("pk", flat=True)).select_related("locale")
        return base.type(*models) if models else base

    def order_keys(self, model):
        return filters.page_order_keys(model)

    def filter_queryset(self, queryset):
        queryset = filters.apply_page_filters(self.request, queryset, queryset.model, self)
        return super().filter_queryset(queryset)

    def find_needs(self):
        return _("find needs the html_path or id parameter")

    def find_object(self, queryset, request):
        if "html_path" not in request.GET:
            return super().find_object(queryset, request)
        page = find_by_html_path(request, filters.text("html_path", request.GET["html_path"], 2000))
        if page is not None and queryset.filter(pk=page.pk).exists():
            return page
        return None


def find_by_html_path(request, html_path):
    """The page at a public path such as ``/en/about/``: the language prefix picks the tree, the rest is routed."""
    path = unquote(html_path.split("?", 1)[0].split("#", 1)[0])
    parts = [part for part in path.split("/") if part]
    if not parts or parts[0] not in dict(settings.LANGUAGES):
        return None
    language, components = parts[0], parts[1:]
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    with translation.override(language):
        root = site.root_page.localized
        if root.locale.language_code != language:
            return None
        try:
            result = root.specific.route(request, components)
        except Http404:
            return None
    return result.page if hasattr(result, "page") else result[0]


class CollectionScopedMixin(HeadlessMixin):
    """Images and documents outside every restricted collection, whoever asks."""

    def get_queryset(self):
        return self.model.objects.exclude(collection__in=restricted_collection_ids()).order_by("id")

    def order_keys(self, model):
        return ["id", "title", "created_at"]


class HeadlessImagesEndpoint(CollectionScopedMixin, ImagesAPIViewSet):
    endpoint_name = "images"
    body_fields = ImagesAPIViewSet.body_fields + ["alt", "renditions"]
    listing_default_fields = ImagesAPIViewSet.listing_default_fields + ["width", "height", "renditions"]

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return {
            "detail_url": cls.detail_url_field(),
            "alt": ComputedField(lambda image, visibility: image.default_alt_text),
            "renditions": ComputedField(lambda image, visibility: rep.image_data(image, visibility)["renditions"]),
            "download_url": ComputedField(lambda image, visibility: rep.absolute_url(image.file.url)),
        }


class HeadlessDocumentsEndpoint(CollectionScopedMixin, DocumentsAPIViewSet):
    endpoint_name = "documents"
    body_fields = DocumentsAPIViewSet.body_fields + ["file_extension", "file_size"]

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return {
            "detail_url": cls.detail_url_field(),
            "file_extension": ComputedField(lambda document, visibility: document.file_extension),
            "download_url": ComputedField(lambda document, visibility: rep.absolute_url(document.url)),
        }
