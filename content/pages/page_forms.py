"""The editor form of pages that refer to translated snippets (topics, event series, people): what the editor shows
is in the page's language.

Each of those snippets is a row per language, and a translation is created with its original's rows: the English
event's series and speakers, or the English white paper's authors and topics, are the Chinese rows until an editor
chooses others. The public pages show each in the page's language (``in_locale``, ``people_in_locale``); the editor
showed the Chinese names in the English page, and listed every topic twice, once in each language.
"""

from collections import defaultdict

from django import forms
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page, TranslatableMixin

from content.lookups import rows_in_locale


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
        chosen = []  # (form, field name, model, primary key) of each single snippet chosen
        for form in [self, *(form for formset in self.formsets.values() for form in formset.forms)]:
            for name, field in form.fields.items():
                model = getattr(getattr(field, "queryset", None), "model", None)
                if model is None or not issubclass(model, TranslatableMixin) or issubclass(model, Page):
                    continue
                if isinstance(field, forms.ModelMultipleChoiceField):
                    _offer_in_language(form, name, field, model, locale_id)
                elif not form.is_bound and form.initial.get(name) not in (None, ""):
                    chosen.append((form, name, model, getattr(form.initial[name], "pk", form.initial[name])))
        _show_in_language(chosen, locale_id)


def _show_in_language(chosen, locale_id):
    """Each (form, name, model, primary key) of ``chosen`` given the row's counterpart in the locale as its initial
    value: two queries for each model (its rows, their counterparts), whatever the number of forms."""
    pks = defaultdict(set)
    for _form, _name, model, pk in chosen:
        pks[model].add(pk)
    shown = {}
    for model, model_pks in pks.items():
        rows = list(model.objects.filter(pk__in=model_pks))
        shown.update(
            ((model, row.pk), row_shown) for row, row_shown in zip(rows, rows_in_locale(rows, locale_id), strict=True)
        )
    for form, name, model, pk in chosen:
        if (model, pk) in shown:
            form.initial[name] = shown[(model, pk)].pk


def _offer_in_language(form, name, field, model, locale_id):
    chosen = [row for row in (form.initial.get(name) or []) if isinstance(row, model)]
    if not chosen:
        chosen = list(model.objects.filter(pk__in=form.initial.get(name) or []))
    shown = rows_in_locale(chosen, locale_id)
    kept = [row.pk for row in shown if row.locale_id != locale_id]
    field.queryset = model.objects.filter(Q(locale_id=locale_id) | Q(pk__in=kept))
    if not form.is_bound:
        form.initial[name] = [row.pk for row in shown]
