"""The search page, included under each language prefix (i18n_patterns): /zh-hans/search/, /en/search/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.search_page, name="search"),
]
