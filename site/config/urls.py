"""URL map: admin and documents unprefixed; public pages under /zh-hans/ and /en/."""

from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import ratelimit
from content.sitemaps import PageSitemap
from delivery import views as delivery_views
from delivery.frontserver import MEDIA_FOLDERS

urlpatterns = [
    # Wagtail's sign-in and password-reset views with a rate limit per client address, before Wagtail's own.
    path("admin/login/", ratelimit.login, name="wagtailadmin_login"),
    path("admin/password_reset/", ratelimit.password_reset, name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", delivery_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PageSitemap()}}, name="sitemap"),
    path("api/search/", include("search.api_urls")),
    path("api/v2/", include("headless.urls")),
]

# Wagtail's preview API v3 (with write endpoints): only when switched on (API_V3_ENABLED).
if getattr(settings, "WAGTAILAPI_V3_ENABLED", False):
    from wagtail.api.v3.urls import api as wagtail_api_v3

    urlpatterns.append(path("api/v3/", wagtail_api_v3.urls))

if settings.DEBUG:
    # The development server serves the public media only: images and their renditions, the folders the front
    # server serves in production. Never documents/: those go through Wagtail's document view (privacy of their
    # collection checked), DEBUG or not.
    urlpatterns += [
        pattern
        for folder in MEDIA_FOLDERS
        for pattern in static(f"{settings.MEDIA_URL}{folder}/", document_root=Path(settings.MEDIA_ROOT) / folder)
    ]

urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("registrations/", include("records.events.urls")),
    path("", include("delivery.routing")),  # Wagtail's page URLs, served with fewer queries
    prefix_default_language=True,
)
