"""Labels that Wagtail derives from attribute names in English instead of translating them.

- The sites listing names its columns after the attributes ("Port", "Site name", "Root page"): they get the
  translated verbose names of the Site model's fields.
- The locale filter of the choosers is a form field without a label ("Locale"): it gets Wagtail's translated
  "Locale".
- ``ChooserViewSet`` translates its texts ("Choose", "Choose another", "Edit", "Search", "Create") once, when
  Wagtail is imported, in the default language: the English admin's snippet chooser modals said "选择 field of
  medicine". They become lazy, translated per request (before the viewsets are made, as admin URLs load later).
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

CHOOSER_VIEWSET_TEXTS = {
    "choose_one_text": _("Choose"),
    "choose_another_text": _("Choose another"),
    "edit_item_text": _("Edit"),
    "search_tab_label": _("Search"),
    "create_action_label": _("Create"),
}


def translate_derived_labels():
    from wagtail.admin.forms.choosers import LocaleFilterMixin
    from wagtail.admin.viewsets.chooser import ChooserViewSet

    for attribute, text in CHOOSER_VIEWSET_TEXTS.items():
        setattr(ChooserViewSet, attribute, text)
    from wagtail.models import Site
    from wagtail.sites.views import IndexView

    for column in IndexView.columns:
        try:
            field = Site._meta.get_field(column.name)
        except Exception:  # noqa: BLE001 (a column of no field: it has its own label)
            continue
        if column.label == capfirst(column.name.replace("_", " ")):
            column.label = capfirst(field.verbose_name)

    if getattr(LocaleFilterMixin, "_smart_labelled", False):
        return
    original_init = LocaleFilterMixin.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        if "locale" in self.fields:
            self.fields["locale"].label = _("Locale")

    LocaleFilterMixin.__init__ = __init__
    LocaleFilterMixin._smart_labelled = True
