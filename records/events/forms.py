"""The public form of event pages: registration for one event.

Labels, help texts and errors are translated. It carries the one-time token and the honeypot of
``records.intake.PublicForm`` (a double submit creates one registration); a page hands the valid form over with
``form.submit(event=...)``, which calls ``records.events.services.register_for_event``.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from records.intake import PublicForm, text_field
from records.validators import phone_number, plain_name

from .models import Registration
from .services import REGISTRATION_KIND, register_for_event


class EventRegistrationForm(PublicForm):
    """Registration for one event."""

    intake_kind = REGISTRATION_KIND

    name = text_field(_("Full name"), 100, validators=(plain_name,))
    email = forms.EmailField(label=_("Email"), max_length=254, help_text=_("We send the confirmation to this address."))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False, validators=[phone_number])
    organisation = text_field(_("Organisation"), 200, help_text=_("Your university, hospital, institute or company."))
    position = text_field(_("Position"), 100, required=False, help_text=_("For example professor, PhD student."))
    attendance = forms.ChoiceField(label=_("How will you attend?"), choices=Registration.Attendance.choices)
    notes = text_field(
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

    def submit(self, *, event, language):
        """Hand this valid form to the registration service: ``(registration, created)``; raises
        ``RegistrationRefused``. ``event`` is the page's ``EventInfo``."""
        data = self.cleaned_data
        return register_for_event(event=event, data=data, language=language, token=data["form_token"])
