"""Submitting for translation with wagtail-localize, without losing text or putting untranslated copies live.

wagtail-localize's ``TranslationCreator`` submits an object and, one level deep, the snippets it uses (fields of
medicine, topics, people...). Out of the box it then saves every target straight away, with the source text where
no translation is in its translation memory: a field of medicine whose English name was written in the snippet
editor ("Oncology") got its Chinese name back, on every English page that shows it; and a live source page gave a
live, untranslated target page. ``SafeTranslationCreator`` changes only that last step:

- a related object (snippet) that already has a version in the target language is left alone: no wagtail-localize
  translation is set up over it and nothing is saved; one without is created (untranslated, for the editor to
  translate) - snippets have no draft state;
- a page (or any object with a draft state) that already has a real (non-alias) translation is left alone too
  (this matters for "include subtree");
- a new translation of a page is saved as a draft; it goes live only when an editor publishes it in the
  translation editor (setting ``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`` says the same to
  wagtail-localize itself).

The submit views below are wagtail-localize's own, with this creator, and with the other language ticked on the
form when only one language is left to translate into. ``content.wagtail_hooks`` puts them at wagtail-localize's
addresses (``/admin/localize/submit/...``), ahead of the originals.
"""

import contextlib

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.tasks import background
from wagtail_localize.views import submit_translations


def _has_real_translation(instance, locale):
    """Whether ``instance`` already has a version in ``locale`` that is not a mere alias of another page."""
    if isinstance(instance, Page):
        return Page.objects.filter(
            translation_key=instance.translation_key, locale=locale, alias_of__isnull=True
        ).exists()
    return type(instance).objects.filter(translation_key=instance.translation_key, locale=locale).exists()


class SafeTranslationCreator(TranslationCreator):
    """wagtail-localize's creator, which never overwrites an existing translation and never publishes one."""

    def create_translations(self, instance, include_related_objects=True):
        if isinstance(instance, Page):
            instance = instance.specific
        # Only the target languages this object has no real version in yet: the rest is left as it is.
        wanted = [
            locale
            for locale in self.target_locales
            if locale.pk != instance.locale_id and not _has_real_translation(instance, locale)
        ]
        if not wanted:
            return
        all_locales, self.target_locales = self.target_locales, wanted
        try:
            self._create_translations(instance, include_related_objects)
        finally:
            self.target_locales = all_locales

    def _create_translations(self, instance, include_related_objects):
        from wagtail_localize.models import Translation, TranslationSource

        if instance.translation_key in self.seen_objects:
            return
        self.seen_objects.add(instance.translation_key)

        # The source as it is now (wagtail-localize's creator keeps a source extracted earlier, e.g. before the
        # English version was deleted and the Chinese one edited, and would translate the old text).
        source, _created = TranslationSource.update_or_create_from_instance(instance)

        # The snippets it uses first, so that the new translation can point at their target versions.
        if include_related_objects:
            for related_object_segment in source.relatedobjectsegment_set.all():
                related_instance = related_object_segment.object.get_instance(instance.locale)
                self.create_translations(related_instance, include_related_objects=False)

        mode = getattr(instance, "localize_default_translation_mode", None) or getattr(
            settings, "WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE", "synced"
        )
        # A draft wherever the model has a draft state (pages): the editor publishes it when it is translated.
        publish = not isinstance(instance, DraftStateMixin)
        for target_locale in self.target_locales:
            translation, _created = Translation.objects.update_or_create(
                source=source, target_locale=target_locale, defaults={"enabled": mode == "synced"}
            )
            self.mappings[source].append(translation)
            with contextlib.suppress(ValidationError):
                translation.save_target(user=self.user, publish=publish)


@transaction.atomic
def translate_object(instance, locales, components=None, user=None):
    """``wagtail_localize.operations.translate_object`` with ``SafeTranslationCreator``."""
    translator = SafeTranslationCreator(user, locales)
    translator.create_translations(instance)
    if components is not None:
        components.save(translator, sources_and_translations=translator.mappings)


@transaction.atomic
def translate_page_subtree(page_id, locales, components, user):
    """``wagtail_localize.operations.translate_page_subtree`` with ``SafeTranslationCreator``."""
    page = Page.objects.get(id=page_id)
    translator = SafeTranslationCreator(user, locales)

    def walk(current_page):
        for child_page in current_page.get_children():
            translator.create_translations(child_page)
            if child_page.numchild:
                walk(child_page)

    walk(page)
    if components is not None:
        components.save(translator, sources_and_translations=translator.mappings)


class SafeSubmitTranslationMixin:
    """wagtail-localize's submit view, translating with ``SafeTranslationCreator``; its form ticks the one language
    left to translate into (the site has two)."""

    def get_form(self):
        form = super().get_form()
        if not form.is_bound and not (form.initial or {}).get("locales"):
            choices = list(form.fields["locales"].queryset.exclude(pk=self.object.locale_id))
            if len(choices) == 1:
                form.initial = {**(form.initial or {}), "locales": [choices[0].pk]}
        return form

    @transaction.atomic
    def form_valid(self, form):
        """wagtail-localize's ``form_valid``, with ``translate_object`` and ``translate_page_subtree`` above."""
        locales = form.cleaned_data["locales"]
        translate_object(self.object, locales, self.components, self.request.user)
        if isinstance(self.object, Page) and form.cleaned_data["include_subtree"]:
            background.enqueue(
                translate_page_subtree, [self.object.id, locales, self.components, self.request.user], {}
            )
        single_translated_object = None
        if len(locales) == 1:
            names = locales[0].get_display_name()
            single_translated_object = self.object.get_translation_or_none(locales[0])
        else:
            names = gettext("{} locales").format(len(locales))
        messages.success(self.request, self.get_success_message(names))
        return redirect(self.get_success_url() or self.get_default_success_url(single_translated_object))


class SubmitPageTranslationView(SafeSubmitTranslationMixin, submit_translations.SubmitPageTranslationView):
    pass


class SubmitSnippetTranslationView(SafeSubmitTranslationMixin, submit_translations.SubmitSnippetTranslationView):
    pass
