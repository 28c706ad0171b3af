"""The JSON endpoints, outside the language prefixes (the locale is a parameter): /api/search/..."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.api_search, name="search_api"),
    path("suggest/", views.api_suggest, name="search_suggest"),
    re_path(r"^(?P<rest>.*)$", views.api_not_found),
]
