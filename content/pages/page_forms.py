"""The editor form of pages that refer to translated snippets (topics, event series, people): what the editor shows
is in the page's language.

Each of those snippets is a row per language, and a translation is created with its original's rows: the English
event's series and speakers, or the English white paper's authors and topics, are the Chinese rows until an editor
chooses others. The public pages show each in the page's language (``in_locale``, ``people_in_locale``); the editor
showed the Chinese names in the English page, and listed every topic twice, once in each language.
"""

from django import forms
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page, TranslatableMixin


class InPageLanguageForm(WagtailAdminPageForm):
    """A chosen snippet (the page's own fields and its inline panels' rows) shows as its counterpart in the page's
    language, and saving the page keeps that counterpart; one with no counterpart shows as it is. A field of several
    snippets (a white paper's topics) offers those of the page's language only, each once, and keeps any chosen one
    that has no counterpart offered and ticked, so saving the page loses none."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if locale_id is None:
            return
        for form in [self, *(form for formset in self.formsets.values() for form in formset.forms)]:
            for name, field in form.fields.items():
                model = getattr(getattr(field, "queryset", None), "model", None)
                if model is None or not issubclass(model, TranslatableMixin) or issubclass(model, Page):
                    continue
                if isinstance(field, forms.ModelMultipleChoiceField):
                    _offer_in_language(form, name, field, model, locale_id)
                elif not form.is_bound:
                    _show_in_language(form, name, model, locale_id)


def _counterparts(model, rows, locale_id):
    """``{row pk: the row's counterpart in the locale, else the row}``."""
    keys = {row.translation_key for row in rows if row.locale_id != locale_id}
    found = {row.translation_key: row for row in model.objects.filter(locale_id=locale_id, translation_key__in=keys)}
    return {row.pk: row if row.locale_id == locale_id else found.get(row.translation_key, row) for row in rows}


def _show_in_language(form, name, model, locale_id):
    value = form.initial.get(name)
    pk = getattr(value, "pk", value)
    if pk in (None, ""):
        return
    row = model.objects.filter(pk=pk).first()
    if row is not None:
        form.initial[name] = _counterparts(model, [row], locale_id)[row.pk].pk


def _offer_in_language(form, name, field, model, locale_id):
    chosen = [row for row in (form.initial.get(name) or []) if isinstance(row, model)]
    if not chosen:
        chosen = list(model.objects.filter(pk__in=form.initial.get(name) or []))
    shown = _counterparts(model, chosen, locale_id)
    kept = [row.pk for row in shown.values() if row.locale_id != locale_id]
    field.queryset = model.objects.filter(Q(locale_id=locale_id) | Q(pk__in=kept))
    if not form.is_bound:
        form.initial[name] = [row.pk for row in shown.values()]
