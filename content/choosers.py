"""Snippet choosers speak the admin language of the request that shows them.

Wagtail's ``AdminSnippetChooser`` composes its texts ("Choose field of medicine", "Choose another ...", "Edit this
...") when the widget is made, in the language active then. A StreamField block makes its widget once per process,
so its texts stayed in the language of whichever request came first: the English admin showed "选择 field of
medicine". :func:`use_lazy_snippet_chooser_texts` makes those texts lazy, composed in each request's language.
"""

from django.utils.functional import lazy
from django.utils.translation import gettext


def _compose(template, name):
    return gettext(template) % {"object": str(name)}


compose_lazy = lazy(_compose, str)

TEXTS = {
    "choose_one_text": "Choose %(object)s",
    "choose_another_text": "Choose another %(object)s",
    "link_to_chosen_text": "Edit this %(object)s",
}


def use_lazy_snippet_chooser_texts():
    from wagtail.snippets.widgets import AdminSnippetChooser

    if getattr(AdminSnippetChooser, "_smart_lazy_texts", False):
        return
    original_init = AdminSnippetChooser.__init__

    def __init__(self, model=None, **kwargs):
        explicit = {name for name in TEXTS if name in kwargs}
        original_init(self, model, **kwargs)
        name = self.model._meta.verbose_name
        for attribute, template in TEXTS.items():
            if attribute not in explicit:
                setattr(self, attribute, compose_lazy(template, name))

    AdminSnippetChooser.__init__ = __init__
    AdminSnippetChooser._smart_lazy_texts = True
