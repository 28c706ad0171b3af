"""Forms of the recruitment back office (the public application form lives with the job pages in ``content``).

The move and bulk-move forms are the shared ones of ``records.screens``.
"""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from records.screens import BulkMoveForm, MoveForm  # noqa: F401

from .models import MAX_SCORE, MIN_SCORE, Category, InterviewRound, InterviewSlot
from .roles import HR_STAFF, INTERVIEW_PANEL


class _SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.round.display_title} · {obj}"


class ScheduleForm(forms.Form):
    slot = _SlotChoiceField(label=_("Time slot"), queryset=InterviewSlot.objects.none())

    def __init__(self, *args, application=None, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        if application is not None:
            self.fields["slot"].queryset = (
                InterviewSlot.objects.filter(
                    round__category=application.posting_category,
                    interview__isnull=True,
                    starts_at__gt=now or timezone.now(),
                )
                .exclude(round__interviews__application=application)
                .select_related("round")
                .order_by("starts_at")
            )


class CancelInterviewForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class SlotsForm(forms.Form):
    first_start = forms.DateTimeField(
        label=_("First slot starts (Beijing time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    minutes = forms.IntegerField(label=_("Length of each slot (minutes)"), min_value=5, max_value=480, initial=30)
    count = forms.IntegerField(label=_("Number of slots"), min_value=1, max_value=60, initial=8)
    gap_minutes = forms.IntegerField(
        label=_("Break between slots (minutes)"), min_value=0, max_value=240, initial=10, required=False
    )

    def clean_gap_minutes(self):
        return self.cleaned_data.get("gap_minutes") or 0


class SendOutcomesForm(forms.Form):
    """The confirmation of sending held offers and rejections: exactly those shown (their fingerprint), ticked."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirm = forms.BooleanField(label=_("I have checked these offers and rejections: send them to the candidates."))


class EvaluationForm(forms.Form):
    score = forms.IntegerField(
        label=_("Score"), min_value=MIN_SCORE, max_value=MAX_SCORE, help_text=_("From 1 (weak) to 10 (outstanding).")
    )
    comments = forms.CharField(
        label=_("Comments"), required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 5})
    )


class ReportFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(year, str(year)) for year in years]
        self.fields["category"].choices = [("", _("All categories"))] + list(Category.choices)


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


def default_first_start(interview_round):
    """09:00 Beijing time on the round's date."""
    return timezone.make_aware(datetime.datetime.combine(interview_round.held_on, datetime.time(9, 0)))
