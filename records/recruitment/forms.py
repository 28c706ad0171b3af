"""Forms of recruitment: the public application form of job posting pages, and the back office's forms.

A job posting page hands the valid application form over with ``form.submit(posting=...)``, which calls
``records.recruitment.services.submit_job_application``.

The move and bulk-move forms are the shared ones of ``records.screens``; the admin form of interview rounds is in
``admin_forms`` (a model form of the admin cannot be built while the page models load, and pages import this
module).
"""

import datetime

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records.intake import PublicForm, text_field
from records.screens import BulkMoveForm, MoveForm  # noqa: F401
from records.uploads import DOCX, PDF, CheckedFileField, max_upload_bytes
from records.validators import phone_number, plain_name

from .models import MAX_SCORE, MIN_SCORE, Category, InterviewSlot
from .services.intake import APPLICATION_KIND, submit_job_application


class JobApplicationForm(PublicForm):
    """An application for one job posting; the research statement is asked for where the posting needs it."""

    intake_kind = APPLICATION_KIND

    name = text_field(_("Full name"), 100, validators=(plain_name,))
    email = forms.EmailField(
        label=_("Email"), max_length=254, help_text=_("We send the acknowledgement and any invitation to this address.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, validators=[phone_number])
    current_position = text_field(_("Current position"), 150, required=False)
    institution = text_field(_("Current institution"), 200, required=False, validators=(plain_name,))
    highest_degree = text_field(_("Highest degree"), 100, required=False, help_text=_("For example PhD, MD, MSc."))
    cv = CheckedFileField(label=_("CV"), kinds=(PDF, DOCX))
    cover_letter = CheckedFileField(label=_("Cover letter"), kinds=(PDF, DOCX))
    research_statement = CheckedFileField(
        label=_("Research statement"),
        kinds=(PDF, DOCX),
        help_text=_("Your past research and the programme you propose to lead at SMART."),
    )
    consent = forms.BooleanField(
        label=_(
            "I consent to SMART processing the personal information in this application to assess it and to contact "
            "me, under the Personal Information Protection Law."
        ),
        error_messages={"required": _("Your consent is needed to process this application.")},
    )

    def __init__(self, *args, research_statement=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not research_statement:
            del self.fields["research_statement"]
        limit = filesizeformat(max_upload_bytes())
        for name in ("cv", "cover_letter", "research_statement"):
            if name in self.fields:
                field = self.fields[name]
                extra = _("PDF or Word (.docx), up to %(limit)s.") % {"limit": limit}
                field.help_text = f"{field.help_text} {extra}".strip() if field.help_text else extra

    def submit(self, *, posting, language):
        """Hand this valid form to the intake service: ``(application, created)``; raises ``ApplicationRefused``.
        ``posting`` is the page's ``PostingInfo``."""
        data = self.cleaned_data
        return submit_job_application(
            posting=posting,
            data=data,
            cv=data["cv"],
            cover_letter=data["cover_letter"],
            research_statement=data.get("research_statement"),
            language=language,
            token=data["form_token"],
        )


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


def default_first_start(interview_round):
    """09:00 Beijing time on the round's date."""
    return timezone.make_aware(datetime.datetime.combine(interview_round.held_on, datetime.time(9, 0)))
