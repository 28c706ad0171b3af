"""The OpenAPI 3.0 document of the headless API, generated from the same declarations the endpoints use
(page types and their fields in ``page_types``, query parameters in ``filters``), served at /api/v2/openapi.json."""

import functools
import re

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page

from . import refusals
from . import representation as rep
from .endpoints import (
    MANDATORY_FIELDS,
    MAX_FIELDS_LENGTH,
    HeadlessDocumentsEndpoint,
    HeadlessImagesEndpoint,
    HeadlessPagesEndpoint,
    field_names,
)
from .filters import COMMON_ORDER_KEYS, MAX_ID, MAX_OFFSET, TEXT_PATTERN, page_order_keys, page_params
from .page_types import exposed_fields, field_schema, page_type_name, public_page_models
from .representation import DATETIME, STRING, URL, nullable, ref

PREFIX = "/api/v2"
LANGUAGE_OF_MESSAGES = (
    "What was refused and why, in the language of the request's Accept-Language header (zh-hans or en; "
    "zh-hans when it names neither). The locale parameter chooses content, not this language."
)
CACHE_HEADERS = {
    "ETag": {"description": "Content hash; send it back as If-None-Match to get a 304.", "schema": STRING},
    "Cache-Control": {"description": "public, max-age=… seconds.", "schema": STRING},
}


def schema_name(model):
    return f"Page_{model._meta.app_label}_{model.__name__}"


def page_meta_schema(type_schema):
    return {
        "type": "object",
        "required": ["type", "detail_url"],
        "properties": {
            "type": type_schema,
            "detail_url": URL,
            "html_url": nullable(URL),
            "slug": STRING,
            "show_in_menus": {"type": "boolean"},
            "seo_title": STRING,
            "search_description": STRING,
            "first_published_at": nullable(DATETIME),
            "last_published_at": nullable(DATETIME),
            "alias_of": ref("PageLink", nullable=True),
            "parent": ref("PageLink", nullable=True),
            "locale": {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]},
            "translations": {
                "type": "array",
                "items": ref("PageLink"),
                "description": "Live, public translations of this page in the other languages.",
            },
        },
    }


def page_schema(model):
    properties = {
        "id": {"type": "integer"},
        "meta": page_meta_schema({"type": "string", "enum": [page_type_name(model)]}),
        "title": STRING,
    }
    for exposed in exposed_fields(model):
        properties[exposed.name] = field_schema(model, exposed)
    return {
        "type": "object",
        "title": str(model._meta.verbose_name).capitalize(),
        "required": ["id", "meta"],
        "properties": properties,
        "additionalProperties": False,
    }


def listing(item_ref):
    return {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {"type": "object", "required": ["total_count"], "properties": {"total_count": {"type": "integer"}}},
            "items": {"type": "array", "items": ref(item_ref)},
        },
    }


def media_item(extra):
    return {
        "type": "object",
        "required": ["id", "meta"],
        "properties": {
            "id": {"type": "integer"},
            "meta": {
                "type": "object",
                "required": ["type", "detail_url"],
                "properties": {
                    "type": STRING,
                    "detail_url": URL,
                    "download_url": URL,
                    "tags": {"type": "array", "items": STRING},
                },
            },
            "title": STRING,
            **extra,
        },
        "additionalProperties": False,
    }


def components():
    models = public_page_models()
    schemas = {
        "Error": {
            "type": "object",
            "required": ["message"],
            "properties": {"message": {"type": "string", "description": LANGUAGE_OF_MESSAGES}},
        },
        "Rendition": rep.RENDITION_SCHEMA,
        "Renditions": rep.RENDITIONS_SCHEMA,
        "Image": rep.IMAGE_SCHEMA,
        "Document": rep.DOCUMENT_SCHEMA,
        "PageLink": rep.PAGE_LINK_SCHEMA,
        "Person": rep.PERSON_SCHEMA,
        "Term": rep.TERM_SCHEMA,
        "PageListItem": {
            "type": "object",
            "description": "A page in a listing: the defaults below, plus whatever `fields` asks for.",
            "required": ["id", "meta"],
            "properties": {
                "id": {"type": "integer"},
                "meta": page_meta_schema(STRING),
                "title": STRING,
                "listing_summary": STRING,
                "listing_image": ref("Image", nullable=True),
            },
            "additionalProperties": True,
        },
        "PageListing": listing("PageListItem"),
        "PageOther": {
            "type": "object",
            "description": "A page of a type this document does not describe (added after it was generated).",
            "required": ["id", "meta"],
            "properties": {
                "id": {"type": "integer"},
                "meta": page_meta_schema({"type": "string", "not": {"enum": [page_type_name(m) for m in models]}}),
            },
            "additionalProperties": True,
        },
        "PageDetail": {"anyOf": [ref(schema_name(model)) for model in models] + [ref("PageOther")]},
        "ImageItem": media_item(
            {
                "width": {"type": "integer"},
                "height": {"type": "integer"},
                "alt": STRING,
                "renditions": ref("Renditions"),
            }
        ),
        "ImageListing": listing("ImageItem"),
        "DocumentItem": media_item({"file_extension": STRING, "file_size": {"type": "integer", "nullable": True}}),
        "DocumentListing": listing("DocumentItem"),
    }
    for model in models:
        schemas[schema_name(model)] = page_schema(model)
    return {"schemas": schemas}


def query(name, schema, description, required=False):
    return {"name": name, "in": "query", "required": required, "schema": schema, "description": description}


def alternatives(names):
    """A regular expression matching exactly one of ``names`` (longest first, so that none hides another)."""
    return "(?:" + "|".join(re.escape(name) for name in sorted(set(names), key=lambda n: (-len(n), n))) + ")"


def fields_pattern(names):
    """The ``fields`` values accepted, as a regular expression over the field ``names`` available: empty; ``*``
    then removals; ``_`` then additions; or additions and removals. The fields always included cannot be removed,
    and no selection is nested (the checks of ``filters.parse_fields`` and the endpoints' field names)."""
    name = alternatives(names)
    removable = alternatives(set(names) - set(MANDATORY_FIELDS))
    item = f"(?:{name}|-{removable})"
    return f"^(?:\\*(?:,-{removable})*|_(?:,{name})*|{item}(?:,{item})*)?$"


def fields_parameter(names):
    return query(
        "fields",
        {"type": "string", "maxLength": MAX_FIELDS_LENGTH, "pattern": fields_pattern(names)},
        "Comma-separated field names to add; `-name` removes one, `*` (first) starts from all fields, `_` (first) "
        f"from none. {', '.join(MANDATORY_FIELDS)} are always included. No nested selection. Available: "
        f"{', '.join(sorted(names))}.",
    )


def order_pattern(keys):
    key = alternatives(keys)
    return f"^-?{key}(?:,-?{key})*$"


def common_parameters(field_names_available, order_keys, order_note=""):
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
    return [
        fields_parameter(field_names_available),
        query(
            "order",
            {"type": "string", "pattern": order_pattern(order_keys)},
            f"Comma-separated order keys, `-` to reverse: {', '.join(order_keys)}.{order_note}",
        ),
        query(
            "limit",
            {"type": "integer", "minimum": 0, "maximum": limit_max, "default": min(20, limit_max)},
            "Items per response.",
        ),
        query("offset", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0}, "Items to skip."),
    ]


def responses(ok_schema, description, extra=None):
    result = {
        "200": {
            "description": description,
            "headers": CACHE_HEADERS,
            "content": {"application/json": {"schema": ref(ok_schema)}},
        },
        "304": {"description": "Not modified (If-None-Match matched the ETag)."},
        "400": {"description": "Unknown or malformed parameter.", "content": error_content()},
        **too_many_requests(),
    }
    result.update(extra or {})
    return result


def too_many_requests():
    """The refusals any request may meet, whatever it asks: over the rate limit, the database away."""
    retry_after = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}
    return {
        "429": {
            "description": f"Rate limit exceeded ({settings.API_RATE_LIMIT} per client IP).",
            "headers": retry_after,
            "content": error_content(),
        },
        "503": {
            "description": "The database cannot be reached for a moment.",
            "headers": retry_after,
            "content": error_content(),
        },
    }


def error_content():
    return {"application/json": {"schema": ref("Error")}}


NOT_FOUND = {"404": {"description": "No such public object.", "content": error_content()}}
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}


def paths():
    models = public_page_models()
    type_names = [page_type_name(model) for model in models]
    page_keys = sorted({key for model in models for key in page_order_keys(model)})
    page_fields = field_names(HeadlessPagesEndpoint, [Page, *models], listing=True)
    page_detail_fields = field_names(HeadlessPagesEndpoint, models, listing=False)
    by_type = " Without `type`, only the fields and order keys that every page has; with it, those of that type too."
    page_filters = [
        query(
            "type",
            {"type": "string", "enum": type_names},
            "Only pages of this type; its own fields then become available to `fields` and `order`.",
        ),
        *[query(param.name, param.schema, param.description + needs(param)) for param in page_params()],
    ]
    find_redirect = {
        "302": {
            "description": "Found: redirects to the object's detail URL.",
            "headers": {"Location": {"schema": URL, "description": "The detail URL."}},
        },
        "400": {"description": "Malformed parameter.", "content": error_content()},
        **NOT_FOUND,
        **too_many_requests(),
    }
    page_detail_fields_parameter = fields_parameter(page_detail_fields)
    page_detail_fields_parameter["description"] += " A page has the fields of its own type."
    result = {
        f"{PREFIX}/pages/": {
            "get": {
                "operationId": "listPages",
                "summary": "Live, public pages of every language",
                "tags": ["pages"],
                "parameters": common_parameters(page_fields, page_keys, by_type) + page_filters,
                "responses": responses("PageListing", "Pages, in tree order unless `order` is given."),
            }
        },
        f"{PREFIX}/pages/{{id}}/": {
            "get": {
                "operationId": "getPage",
                "summary": "One page with every field of its type",
                "tags": ["pages"],
                "parameters": [ID, page_detail_fields_parameter],
                "responses": responses("PageDetail", "The page.", NOT_FOUND),
            }
        },
        f"{PREFIX}/pages/find/": {
            "get": {
                "operationId": "findPage",
                "summary": "Find a page by its public path (with the language prefix) or id",
                "tags": ["pages"],
                "parameters": [
                    query(
                        "html_path",
                        {"type": "string", "maxLength": 2000, "pattern": TEXT_PATTERN, "example": "/en/about/"},
                        "For example /en/about/. Either html_path or id is needed.",
                    ),
                    query("id", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "A page id."),
                    page_detail_fields_parameter,
                ],
                "responses": find_redirect,
            }
        },
    }
    for name, item, title, endpoint in (
        ("images", "Image", "images", HeadlessImagesEndpoint),
        ("documents", "Document", "documents", HeadlessDocumentsEndpoint),
    ):
        model = endpoint.model
        detail_fields = fields_parameter(field_names(endpoint, [model], listing=False))
        result[f"{PREFIX}/{name}/"] = {
            "get": {
                "operationId": f"list{item}s",
                "summary": f"Public {title} (outside private collections)",
                "tags": [name],
                "parameters": common_parameters(
                    field_names(endpoint, [model], listing=True), ["id", "title", "created_at"]
                ),
                "responses": responses(f"{item}Listing", f"{item}s by id."),
            }
        }
        result[f"{PREFIX}/{name}/{{id}}/"] = {
            "get": {
                "operationId": f"get{item}",
                "summary": f"One public {item.lower()}",
                "tags": [name],
                "parameters": [ID, detail_fields],
                "responses": responses(f"{item}Item", f"The {item.lower()}.", NOT_FOUND),
            }
        }
        result[f"{PREFIX}/{name}/find/"] = {
            "get": {
                "operationId": f"find{item}",
                "summary": f"Find a {item.lower()} by id",
                "tags": [name],
                "parameters": [
                    query("id", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "An id.", required=True),
                    detail_fields,
                ],
                "responses": find_redirect,
            }
        }
    return result


def needs(param):
    if not param.models:
        return ""
    return " Needs type=" + " or ".join(page_type_name(model) for model in param.models) + "."


@functools.cache
def document():
    """The OpenAPI document as a dict (built once per process, in English)."""
    with translation.override("en"):
        return _document()


def _document():
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "SMART headless API",
            "version": "2.0.0",
            "description": (
                "Read-only, public content of the SMART website in both languages (zh-hans, en): pages, images "
                "and documents. Rich text is HTML with absolute URLs; images come with renditions. Only live, "
                f"public content is served. Rate limit: {settings.API_RATE_LIMIT} per client IP. Every refusal "
                '(400, 404, 405, 429) is JSON {"message": …} in the language of Accept-Language (zh-hans or en; '
                "zh-hans when it names neither). Full-text search: /api/search/. Common order keys for pages: "
                + ", ".join(COMMON_ORDER_KEYS)
                + "."
            ),
        },
        "servers": [{"url": settings.SITE_BASE_URL}],
        "paths": paths(),
        "components": components(),
    }


ALLOW = "GET, HEAD, OPTIONS"


@csrf_exempt  # another method than GET gets the JSON 405, not the CSRF page
def openapi_view(request):
    if request.method == "OPTIONS":
        response = HttpResponse(status=200)
    elif request.method not in ("GET", "HEAD"):
        response = JsonResponse({"message": refusals.method_not_allowed(request.method)}, status=405)
    else:
        response = JsonResponse(document(), json_dumps_params={"ensure_ascii": False})
    response["Allow"] = ALLOW
    return response
