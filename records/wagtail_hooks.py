from django.urls import path
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_file_urls():
    return [path("records/files/<uuid:pk>/", views.download, name="records_file")]
