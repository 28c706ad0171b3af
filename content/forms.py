"""The public forms of event pages (registration) and job posting pages (application).

Labels, help texts and errors are translated. Both forms carry the one-time token and the honeypot of
``records.intake.IntakeForm`` (a double submit creates one record) and are handed, once valid, to one
service function of ``records``. Uploads are checked by their content (PDF or DOCX only) and size.
"""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from records.events.models import Registration
from records.events.services import REGISTRATION_KIND
from records.intake import IntakeForm
from records.recruitment.services import APPLICATION_KIND
from records.uploads import DOCX, PDF, CheckedFileField, max_upload_bytes
from records.validators import no_control_characters, phone_number, plain_name  # noqa: F401  (shared)


def _text(label, max_length, *, required=True, help_text="", validators=(no_control_characters,), widget=None):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        validators=list(validators),
        widget=widget,
    )


class PublicForm(IntakeForm):
    """An intake form whose hidden token's error is shown with the form's own errors (a hidden field has no place)."""

    def clean(self):
        cleaned = super().clean()
        for message in self._errors.get("form_token", []):
            self.add_error(None, message)
        return cleaned


class EventRegistrationForm(PublicForm):
    """Registration for one event."""

    intake_kind = REGISTRATION_KIND

    name = _text(_("Full name"), 100, validators=(plain_name,))
    email = forms.EmailField(label=_("Email"), max_length=254, help_text=_("We send the confirmation to this address."))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False, validators=[phone_number])
    organisation = _text(_("Organisation"), 200, help_text=_("Your university, hospital, institute or company."))
    position = _text(_("Position"), 100, required=False, help_text=_("For example professor, PhD student."))
    attendance = forms.ChoiceField(label=_("How will you attend?"), choices=Registration.Attendance.choices)
    notes = _text(
        _("Accessibility or other needs"),
        1000,
        required=False,
        help_text=_("Tell us anything that helps us welcome you, for example step-free access."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "I consent to SMART processing the personal information in this registration to organise the event, "
            "under the Personal Information Protection Law."
        ),
        error_messages={"required": _("Your consent is needed to process this registration.")},
    )

    field_order = ["name", "email", "phone", "organisation", "position", "attendance", "notes", "consent"]

    def __init__(self, *args, attendance_modes=(Registration.Attendance.IN_PERSON,), **kwargs):
        super().__init__(*args, **kwargs)
        modes = [value for value, _label in Registration.Attendance.choices if value in attendance_modes]
        field = self.fields["attendance"]
        field.choices = [(value, label) for value, label in Registration.Attendance.choices if value in modes]
        if len(modes) == 1:
            field.widget = forms.HiddenInput()
            field.initial = modes[0]
            if self.is_bound and not self.data.get(self.add_prefix("attendance")):
                data = self.data.copy()
                data[self.add_prefix("attendance")] = modes[0]
                self.data = data


class JobApplicationForm(PublicForm):
    """An application for one job posting; the research statement is asked for where the posting needs it."""

    intake_kind = APPLICATION_KIND

    name = _text(_("Full name"), 100, validators=(plain_name,))
    email = forms.EmailField(
        label=_("Email"), max_length=254, help_text=_("We send the acknowledgement and any invitation to this address.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, validators=[phone_number])
    current_position = _text(_("Current position"), 150, required=False)
    institution = _text(_("Current institution"), 200, required=False, validators=(plain_name,))
    highest_degree = _text(_("Highest degree"), 100, required=False, help_text=_("For example PhD, MD, MSc."))
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
