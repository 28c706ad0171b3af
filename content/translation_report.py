"""Reports → Translations to update: per language, the pages whose source was published again, with changes, after
their translation was last published (or whose translation was never published), with what changed and where to
update it.

A page's source is the version in the language wagtail-localize translated it from (its ``TranslationSource``), or,
for translations made without wagtail-localize, the version in the site's default language (``LANGUAGE_CODE``).
``outdated_translations(user)`` is the service (the admin home can show its count); ``TranslationsToUpdateView``
is the screen.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.models import Locale, Page, PageLogEntry, Revision
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import Translation, TranslationSource

from records.screens import AdminScreen


@dataclass
class OutdatedTranslation:
    source: Page
    translation: Page
    changed: list = field(default_factory=list)  # names of the fields that changed in the source
    compare_url: str = ""  # Wagtail's comparison of the two source revisions
    update_url: str = ""  # wagtail-localize's "sync translated pages", when it made the translation
    edit_url: str = ""

    @property
    def never_published(self):
        return self.translation.last_published_at is None


def _source_locales(keys):
    """{translation_key: locale_id} of the language each page was translated from with wagtail-localize."""
    return dict(TranslationSource.objects.filter(object_id__in=keys).values_list("object_id", "locale_id"))


def _published_revision_at(page, moment):
    """The id of the revision of ``page`` that was live at ``moment`` (from the publish log), or None."""
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", timestamp__lte=moment)
        .exclude(revision=None)
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision_id if entry else None


def _comparable(value):
    """A revision's value to compare: StreamFields are JSON text, whose key order PostgreSQL's jsonb changes."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _changed_fields(page, old_revision_id, new_revision_id):
    """Labels of the translatable fields (title included) that differ between two revisions of ``page``."""
    model = type(page)
    old = Revision.objects.filter(pk=old_revision_id).first()
    new = Revision.objects.filter(pk=new_revision_id).first()
    if old is None or new is None:
        return []
    before, after = old.content, new.content
    names = ["title"] + [f.field_name for f in get_translatable_fields(model) if f.field_name != "title"]
    labels = []
    for name in names:
        if name in ("slug",) or _comparable(before.get(name)) == _comparable(after.get(name)):
            continue
        try:
            model_field = model._meta.get_field(name)
            label = getattr(model_field, "verbose_name", None) or model_field.related_model._meta.verbose_name_plural
        except Exception:  # a name that is not a model field (wagtail-localize allows properties)
            label = name
        labels.append(capfirst(str(label)))
    return labels


def outdated_translations(user=None):
    """{Locale: [OutdatedTranslation, ...]} (languages in settings order), limited to pages ``user`` may edit."""
    pages = Page.objects.filter(depth__gt=1, alias_of__isnull=True)
    if user is not None:
        editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        pages = pages.filter(pk__in=editable.values("pk"))
    by_key = defaultdict(list)
    for page in Page.objects.filter(
        translation_key__in=pages.values("translation_key"), depth__gt=1, alias_of__isnull=True
    ).order_by("path"):
        by_key[page.translation_key].append(page)
    by_key = {key: group for key, group in by_key.items() if len(group) > 1}
    source_locales = _source_locales(by_key)
    default_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    allowed = set(pages.values_list("pk", flat=True)) if user is not None else None
    synced = set(Translation.objects.filter(enabled=True).values_list("source__object_id", "target_locale_id"))
    sources_by_key = {
        str(key): pk
        for key, pk in TranslationSource.objects.filter(object_id__in=by_key).values_list("object_id", "pk")
    }

    found = defaultdict(list)
    for key, group in by_key.items():
        source_locale_id = source_locales.get(key, getattr(default_locale, "pk", None))
        source = next((page for page in group if page.locale_id == source_locale_id), None)
        if source is None or not source.live or source.last_published_at is None:
            continue
        for translation in group:
            if translation is source or (allowed is not None and translation.pk not in allowed):
                continue
            published = translation.last_published_at
            if published is not None and translation.live and published >= source.last_published_at:
                continue
            item = OutdatedTranslation(source=source, translation=translation)
            if published is not None:
                old_revision = _published_revision_at(source, published)
                if old_revision is None or old_revision == source.live_revision_id:
                    continue
                item.changed = _changed_fields(
                    source.specific_class and source.specific_deferred, old_revision, source.live_revision_id
                )
                if not item.changed:
                    continue  # published again without a change to its text
                item.compare_url = reverse(
                    "wagtailadmin_pages:revisions_compare", args=[source.pk, old_revision, source.live_revision_id]
                )
            if (key, translation.locale_id) in synced and str(key) in sources_by_key:
                item.update_url = reverse("wagtail_localize:update_translations", args=[sources_by_key[str(key)]])
            item.edit_url = reverse("wagtailadmin_pages:edit", args=[translation.pk])
            found[translation.locale_id].append(item)

    order = [code for code, _name in settings.LANGUAGES]
    locales = sorted(Locale.objects.filter(pk__in=found), key=lambda locale: order.index(locale.language_code))
    return {locale: found[locale.pk] for locale in locales}


class TranslationsToUpdateView(AdminScreen, TemplateView):
    template_name = "content/admin/translations_to_update.html"
    page_title = _("Translations to update")
    header_icon = "site"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        languages = outdated_translations(self.request.user)
        context["languages"] = [(locale, items) for locale, items in languages.items()]
        context["total"] = sum(len(items) for items in languages.values())
        return context
