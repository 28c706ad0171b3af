"""Forms of the donations back office: the public pledge form and the staff action forms.

Labels, help texts and errors are translated. The pledge form carries the one-time token and the honeypot
(``records.intake.IntakeForm``); the amount is a Decimal in CNY with two decimals, within the limits.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records.intake import PublicForm
from records.uploads import PDF, CheckedFileField
from records.validators import no_control_characters, phone_number, plain_name

from .models import CENT, MAX_AMOUNT, Designation, DonorType, PaymentMethod
from .services.intake import PLEDGE_KIND, active_designations, submit_pledge


class _DesignationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PledgeForm(PublicForm):
    """The public pledge form of the foundation. No payment is taken: the donor transfers the gift later."""

    intake_kind = PLEDGE_KIND

    donor_type = forms.ChoiceField(
        label=_("I give as"), choices=DonorType.choices, widget=forms.RadioSelect, initial=DonorType.INDIVIDUAL
    )
    donor_name = forms.CharField(
        label=_("Name"),
        max_length=200,
        validators=[plain_name],
        help_text=_("Your full name, or the registered name of the organisation."),
    )
    email = forms.EmailField(
        label=_("Email"), max_length=254, help_text=_("We send the acknowledgement and the receipts to this address.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False, validators=[phone_number])
    amount = forms.DecimalField(
        label=_("Amount (CNY)"),
        max_digits=14,
        decimal_places=2,
        min_value=CENT,
        max_value=MAX_AMOUNT,
        help_text=_("In yuan, for example 10000. For a gift above CNY 100 million, please contact the foundation."),
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"}),
    )
    designation = _DesignationChoiceField(
        label=_("Designation"),
        queryset=Designation.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_("What your gift supports."),
    )
    anonymous = forms.BooleanField(
        label=_("I wish to stay anonymous: do not name me anywhere in public."), required=False
    )
    consent_named = forms.BooleanField(
        label=_("I agree to be named on the foundation's public donor list (name and year only)."), required=False
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        required=False,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    pipl_consent = forms.BooleanField(
        label=_(
            "I consent to the foundation processing the personal information in this pledge to manage my gift, "
            "issue receipts and report back to me, under the Personal Information Protection Law."
        ),
        error_messages={"required": _("Your consent is needed to process this pledge.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        designations = active_designations()
        self.fields["designation"].queryset = designations
        first = designations.first()
        if first is not None and not self.is_bound:
            self.initial.setdefault("designation", first.pk)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("anonymous") and cleaned.get("consent_named"):
            self.add_error(
                "consent_named",
                forms.ValidationError(
                    _("You asked to stay anonymous, so you cannot also be named on the donor list."),
                    code="anonymous_named",
                ),
            )
        return cleaned

    def submit(self, *, language, transfer_details=()):
        """Hand this valid form to the intake service: ``(pledge, created)``; raises ``PledgeRefused``.
        ``transfer_details``: the bank transfer instructions, ``(label, value)`` pairs, for the email."""
        data = self.cleaned_data
        return submit_pledge(data=data, language=language, token=data["form_token"], transfer_details=transfer_details)


# Staff forms -------------------------------------------------------------------------------------

# A browser's date field reads only ISO dates: a date shown in the admin's language (2026年12月6日) left it empty.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgreementForm(forms.Form):
    agreement = CheckedFileField(label=_("Signed agreement (PDF)"), kinds=(PDF,))
    reason = forms.CharField(label=_("Note"), required=False, max_length=500)


class PaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (CNY)"), max_digits=14, decimal_places=2, min_value=CENT, max_value=MAX_AMOUNT
    )
    received_on = forms.DateField(label=_("Received on"), widget=DATE_INPUT)
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    over_pledge_note = forms.CharField(
        label=_("Note on exceeding the pledge"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the payments add up to more than the pledge: say why (for example the donor's letter)."),
    )

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date received cannot be in the future."), code="future")
        return value


class DonorReportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE_INPUT)
    end = forms.DateField(label=_("To"), widget=DATE_INPUT)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("The donor's language")), ("zh-hans", "简体中文"), ("en", "English")],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            raise forms.ValidationError(_("The period must end on or after its first day."), code="period")
        return cleaned
