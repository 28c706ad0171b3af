"""Names stored in English that the admin shows in its reader's language: user groups, workflows and tasks.

The groups, workflow and task that the project creates are stored under their English names, which are msgids of
our catalogs (``gettext_noop`` in content.editorial and records.*.roles; Wagtail's own "Editors" and "Moderators"
are msgids of Wagtail's). Wagtail shows ``name`` as it is in many places: the settings screens, the workflow side
panel, the notification emails (each sent in its recipient's language). So after such an object is loaded, a name
with a Chinese translation becomes a :class:`TranslatedName`: still the English string (saved, compared, sent as
JSON as it is, and read as stored by serializers and model forms), but printed (``str()``, templates, ``%s``) in
the language active at that moment. Before such an
object is saved, a name an editor saved as it was shown to them goes back to the English msgid. Names typed by
editors stay as typed.
"""

from django.conf import settings
from django.utils import translation


class TranslatedName(str):
    """A stored English name that prints in the active language."""

    def __str__(self):
        return translation.gettext(str.__str__(self))

    def __html__(self):
        from django.utils.html import conditional_escape

        return conditional_escape(str(self))


def has_translation(name):
    with translation.override("zh-hans"):
        return translation.gettext(name) != name


def show_name_in_reader_language(sender, instance, **kwargs):
    name = instance.__dict__.get("name")
    if isinstance(name, str) and name and has_translation(name):
        instance._stored_name = name
        instance.name = TranslatedName(name)


def store_english_name(sender, instance, **kwargs):
    stored = getattr(instance, "_stored_name", None)
    if stored is None:
        return
    if isinstance(instance.name, TranslatedName):
        return
    shown = str(instance.name)
    for language, _label in settings.LANGUAGES:
        with translation.override(language):
            if shown == translation.gettext(stored):
                instance.name = stored
                return


def _read_stored_name(field):
    """The field's value as stored (serializers, dumpdata, model forms): the English name, not its translation."""
    if getattr(field, "_smart_stored_name", False):
        return
    original = field.value_from_object

    def value_from_object(obj):
        value = original(obj)
        return str.__str__(value) if isinstance(value, TranslatedName) else value

    field.value_from_object = value_from_object
    field._smart_stored_name = True


def connect_translated_names():
    """Connect the two handlers for Group, Workflow and every Task model."""
    from django.apps import apps
    from django.contrib.auth.models import Group
    from django.db.models.signals import post_init, pre_save
    from wagtail.models import Task, Workflow

    for model in (Group, Task, Workflow):
        _read_stored_name(model._meta.get_field("name"))

    for model in apps.get_models():
        if issubclass(model, (Group, Task, Workflow)):
            post_init.connect(show_name_in_reader_language, sender=model, dispatch_uid=f"smart-name-{model._meta}")
            pre_save.connect(store_english_name, sender=model, dispatch_uid=f"smart-name-save-{model._meta}")
