"""The headless API: Wagtail API v2, read-only and public, at /api/v2/ (pages, images, documents).

What is public is decided here, never by the request: live pages under a site's root (in every locale)
that no view restriction covers, images and documents outside restricted collections. Nothing of
``records`` has an endpoint. The shape of each page type is declared in ``page_types``; the same
declarations drive the serializers and the OpenAPI document (``openapi``).
"""
