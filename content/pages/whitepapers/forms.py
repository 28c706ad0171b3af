"""The white paper's editor form: the topics of the page's language, each topic once."""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm


class WhitePaperForm(WagtailAdminPageForm):
    """Offers the topics in the page's language only (each topic is a row per language: without this the editor of
    a Chinese white paper listed every topic twice, once in English). A topic chosen in another language (a
    translation is created with its original's topics) shows as its counterpart in the page's language; one with no
    counterpart stays offered and ticked, so saving the page loses no topic."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("topics")
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if field is None or locale_id is None:
            return
        model = field.queryset.model
        in_page_locale = model.for_locale(locale_id)
        chosen = list(self.instance.topics.all()) if self.instance.pk else []
        untranslated = [topic.pk for topic in chosen if topic.translation_key not in in_page_locale]
        field.queryset = model.objects.filter(Q(locale_id=locale_id) | Q(pk__in=untranslated))
        if not self.is_bound:
            self.initial["topics"] = [in_page_locale.get(topic.translation_key, topic).pk for topic in chosen]
