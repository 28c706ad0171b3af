"""The admin form of interview rounds: the panel is chosen among HR staff and the interview panel group.

Apart from ``forms`` because it is a model form of the admin, built only once the models are loaded (job posting
pages import ``forms`` while the models load).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import InterviewRound
from .roles import HR_STAFF, INTERVIEW_PANEL


class _PanelMembersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        full_name = obj.get_full_name()
        return f"{full_name} ({obj.get_username()})" if full_name else obj.get_username()


def panel_candidates():
    """Active staff who may sit on a panel: HR staff and members of the "Interview panel" group."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=[HR_STAFF, INTERVIEW_PANEL]) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("username")
    )


class InterviewRoundForm(WagtailAdminModelForm):
    """The admin form of an interview round: the panel is chosen among HR staff and the interview panel group."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "panel" in self.fields:
            field = self.fields["panel"]
            self.fields["panel"] = _PanelMembersField(
                queryset=panel_candidates(),
                required=False,
                label=field.label,
                help_text=field.help_text,
                widget=forms.CheckboxSelectMultiple,
            )
            if self.instance.pk:
                self.initial["panel"] = list(self.instance.panel.values_list("pk", flat=True))

    # Kept in both languages or in neither: each candidate reads them in the language they applied in.
    BILINGUAL = (("location_zh", "location_en"), ("instructions_zh", "instructions_en"))

    class Meta:
        model = InterviewRound
        fields = [
            "title",
            "title_en",
            "category",
            "held_on",
            "location_zh",
            "location_en",
            "instructions_zh",
            "instructions_en",
            "panel",
            "notes",
        ]

    def clean(self):
        cleaned = super().clean()
        if "title_en" in self.fields and not (cleaned.get("title_en") or "").strip():
            self.add_error("title_en", _("Give the title in English too: candidates who applied in English read it."))
        for chinese, english in self.BILINGUAL:
            zh, en = (cleaned.get(chinese) or "").strip(), (cleaned.get(english) or "").strip()
            if zh and not en:
                self.add_error(
                    english, _("Give this in English too: candidates who applied in English read it in English.")
                )
            elif en and not zh:
                self.add_error(
                    chinese, _("Give this in Chinese too: candidates who applied in Chinese read it in Chinese.")
                )
        return cleaned
