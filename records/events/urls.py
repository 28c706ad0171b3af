"""Public URLs of the event registrations, included under each language prefix (i18n_patterns)."""

from django.urls import path

from .views import public

urlpatterns = [
    path("cancel/<str:token>/", public.cancel_registration, name="events_cancel_registration"),
]
