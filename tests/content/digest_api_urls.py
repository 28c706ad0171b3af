"""A URL map with Wagtail's pages API beside the site, to check that digest fields serialise."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from config import urls as site_urls

api_router = WagtailAPIRouter("digestapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls)] + site_urls.urlpatterns
