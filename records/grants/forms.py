"""Forms of the grants back office: the public intake forms and the staff and reviewer action forms.

Labels, help texts and errors are translated; the public forms carry the one-time token and the
honeypot (``records.intake.IntakeForm``) and check uploads by content.
"""

import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from records.intake import IntakeForm
from records.screens import BulkMoveForm, ConfirmMoveForm, MoveForm  # noqa: F401  (shared by every records app)
from records.uploads import PDF, XLSX, CheckedFileField
from records.validators import no_control_characters, phone_number, plain_name

from .models import ApplicationType, Category, ExpertiseField, Institution, InstitutionStatus, PanelMeeting, Reviewer
from .models.institutions import normalize_credit_code, validate_credit_code
from .roles import reviewer_accounts
from .services.intake import APPLICATION_KIND, INSTITUTION_KIND, MAX_TEAM, register_institution, submit_application

_TEAM_SPLIT = re.compile(r"\s*[|｜\t]\s*")


def _text(label, max_length, help_text="", validators=(no_control_characters,), required=True, widget=None):
    return forms.CharField(
        label=label,
        max_length=max_length,
        help_text=help_text,
        required=required,
        validators=list(validators),
        widget=widget,
    )


class InstitutionRegistrationForm(IntakeForm):
    """The public registration form of a host institution (依托单位)."""

    intake_kind = INSTITUTION_KIND

    name = _text(_("Institution name"), 200, _("The full registered name, as on the licence."), (plain_name,))
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=24,
        help_text=_("The 18-character code on the institution's licence; its check character is verified."),
        validators=[validate_credit_code],
    )
    address = _text(_("Address"), 300)
    contact_name = _text(_("Contact person"), 100, validators=(plain_name,))
    contact_email = forms.EmailField(label=_("Contact email"), max_length=254)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, validators=[phone_number])
    licence = CheckedFileField(
        label=_("Licence or registration certificate (PDF)"),
        kinds=(PDF,),
        help_text=_("A PDF scan of the institution's legal-person certificate or business licence."),
    )
    pipl_consent = forms.BooleanField(
        label=_(
            "I consent to SMART processing the personal information in this registration to review and manage it, "
            "under the Personal Information Protection Law."
        ),
        error_messages={"required": _("Your consent is needed to process this registration.")},
    )

    def clean_credit_code(self):
        return normalize_credit_code(self.cleaned_data["credit_code"])

    def submit(self, *, registration_round, language):
        """Hand this valid form to the intake service: ``(institution, created)``; raises ``SubmissionRefused``."""
        data = self.cleaned_data
        return register_institution(
            registration_round=registration_round,
            data=data,
            licence=data["licence"],
            language=language,
            token=data["form_token"],
        )


class _InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class _TypeChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, caps=None, **kwargs):
        self.caps = caps or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        cap = self.caps.get(obj.pk)
        if cap is None:
            return str(obj)
        return _("%(type)s (up to CNY %(cap)s, %(months)s months)") % {
            "type": obj,
            "cap": f"{cap.max_budget:,.0f}",
            "months": cap.max_duration_months,
        }


class ApplicationForm(IntakeForm):
    """The public application form of a call."""

    intake_kind = APPLICATION_KIND

    pi_name = _text(_("Principal investigator"), 100, validators=(plain_name,))
    pi_title = _text(_("Position"), 100, _("For example professor or chief physician."), required=False)
    pi_email = forms.EmailField(
        label=_("Email"), max_length=254, help_text=_("We send the acknowledgement and decisions to this address.")
    )
    pi_phone = forms.CharField(label=_("Phone"), max_length=40, validators=[phone_number])
    institution = _InstitutionChoiceField(
        label=_("Host institution"),
        queryset=Institution.objects.none(),
        help_text=_("Only approved host institutions are listed. Register your institution first if it is missing."),
    )
    # Radio buttons: each type's label (its funding cap and duration) is read whole on a phone, where a select
    # cut it off.
    application_type = _TypeChoiceField(
        label=_("Application type"),
        queryset=ApplicationType.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    title = _text(_("Project title"), 300)
    abstract = _text(
        _("Abstract"),
        4000,
        _("Up to 4,000 characters: aims, methods and expected results."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    keywords = _text(_("Keywords"), 200, _("Up to five, separated by commas."), required=False)
    duration_months = forms.IntegerField(label=_("Duration (months)"), min_value=1, max_value=120)
    requested_budget = forms.DecimalField(
        label=_("Requested budget (CNY)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_("In yuan, for example 500000. It must be within the cap of the application type."),
    )
    team = forms.CharField(
        label=_("Team members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[no_control_characters],
        help_text=_("One member per line: name | institution | role. Up to 20 members."),
    )
    proposal = CheckedFileField(label=_("Proposal (PDF)"), kinds=(PDF,))
    budget_sheet = CheckedFileField(label=_("Budget sheet (XLSX or PDF)"), kinds=(XLSX, PDF))
    ethics_declaration = forms.BooleanField(
        label=_(
            "I declare that the project follows the rules of research ethics and that ethics approval will be "
            "obtained wherever it is required."
        ),
        error_messages={"required": _("The ethics declaration is required.")},
    )
    pipl_consent = forms.BooleanField(
        label=_(
            "I consent to SMART processing the personal information in this application, mine and my team's, to "
            "review and manage it, under the Personal Information Protection Law."
        ),
        error_messages={"required": _("Your consent is needed to process this application.")},
    )

    def __init__(self, *args, call, **kwargs):
        self.call = call
        super().__init__(*args, **kwargs)
        caps = {cap.application_type_id: cap for cap in call.budget_caps.select_related("application_type")}
        self.caps = caps
        self.fields["institution"].queryset = Institution.objects.filter(status=InstitutionStatus.APPROVED).order_by(
            "name"
        )
        self.fields["application_type"].queryset = ApplicationType.objects.filter(pk__in=list(caps))
        self.fields["application_type"].caps = caps
        self.fields["category"].queryset = Category.objects.filter(programme_id=call.programme_id)

    def clean_team(self):
        members = []
        for line in (self.cleaned_data.get("team") or "").splitlines():
            if not line.strip():
                continue
            parts = _TEAM_SPLIT.split(line.strip()) + ["", ""]
            name, institution, role = (part.strip() for part in parts[:3])
            if not name:
                raise ValidationError(_("Each team line needs a name first."), code="team_name")
            plain_name(name)
            if len(name) > 100 or len(institution) > 200 or len(role) > 100:
                raise ValidationError(_("A team line is too long."), code="team_length")
            members.append({"name": name, "institution_name": institution, "role": role})
        if len(members) > MAX_TEAM:
            raise ValidationError(
                _("Please list at most %(count)s team members."), code="team_size", params={"count": MAX_TEAM}
            )
        return members

    def clean(self):
        cleaned = super().clean()
        application_type = cleaned.get("application_type")
        cap = self.caps.get(application_type.pk) if application_type else None
        budget = cleaned.get("requested_budget")
        if cap is not None and budget is not None and budget > cap.max_budget:
            self.add_error(
                "requested_budget",
                ValidationError(
                    _("The cap for this application type is CNY %(cap)s."),
                    code="over_cap",
                    params={"cap": f"{cap.max_budget:,.2f}"},
                ),
            )
        months = cleaned.get("duration_months")
        if cap is not None and months is not None and months > cap.max_duration_months:
            self.add_error(
                "duration_months",
                ValidationError(
                    _("Projects of this type last at most %(months)s months."),
                    code="too_long",
                    params={"months": cap.max_duration_months},
                ),
            )
        return cleaned

    def submit(self, *, language):
        """Hand this valid form to the intake service for its call: ``(application, created)``; raises
        ``SubmissionRefused``."""
        data = self.cleaned_data
        return submit_application(
            call=self.call,
            data=data,
            team=data["team"],
            proposal=data["proposal"],
            budget_sheet=data["budget_sheet"],
            language=language,
            token=data["form_token"],
        )


class StatusLookupForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference number"), max_length=24, help_text=_("For example SMRF-2024-000123.")
    )
    email = forms.EmailField(label=_("Email of the principal investigator"), max_length=254)

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()


class WithdrawalRequestForm(StatusLookupForm):
    """The looked-up reference and email, carried to ask for a withdrawal link."""

    prefix = "withdrawal"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget = forms.HiddenInput()


class WithdrawalForm(forms.Form):
    """Confirmation of a withdrawal, opened from the emailed link."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=500)
    reason = forms.CharField(
        label=_("Why do you withdraw the application?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(label=_("I understand that a withdrawn application cannot be reinstated."))


# Staff and reviewer forms ------------------------------------------------------------------------


class ConfirmRejectionForm(ConfirmMoveForm):
    """The confirmation of a rejection that is emailed at once: its reason is the applicant's to read, not a note."""

    reason = forms.CharField(
        label=_("Reason, sent to the applicant"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant reads it in the rejection email; it is kept in the history too."),
    )
    confirmed = forms.BooleanField(label=_("I have checked the reason: send the rejection now."))


class ConfirmInstitutionRejectionForm(ConfirmRejectionForm):
    reason = forms.CharField(
        label=_("Reason, sent to the institution's contact"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The contact reads it in the rejection email; it is kept in the history too."),
    )


class InstitutionDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a rejection; sent to the institution's contact."),
    )


def contradiction_message(amount):
    return _(
        "“Do not fund” was chosen, but an award of CNY %(amount)s is filled in. A decision not to fund carries no "
        "award: clear the award, or choose “Fund”."
    ) % {"amount": f"{amount:,.2f}"}


class DecisionForm(forms.Form):
    """The panel's decision on one application; it is held (pending) until the call's decisions are released."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("", "—"), ("fund", _("Fund")), ("not_fund", _("Do not fund"))]
    )
    award_amount = forms.DecimalField(
        label=_("Award (CNY)"),
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("Only with “Fund”; at most the requested budget."),
    )
    meeting = forms.ModelChoiceField(label=_("Panel meeting"), queryset=PanelMeeting.objects.none(), required=False)
    override = forms.BooleanField(label=_("Go over the call's budget (explicit override)"), required=False)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        if call is not None:
            self.fields["meeting"].queryset = call.panel_meetings.all()

    @classmethod
    def for_decision(cls, decision, call):
        """The form filled in with a pending ``decision`` (to change it), or empty."""
        if decision is None:
            return cls(call=call)
        initial = {
            "decision": "fund" if decision.funded else "not_fund",
            "award_amount": decision.award_amount,
            "meeting": decision.meeting_id,
            "override": decision.budget_override,
            "reason": decision.reason,
        }
        return cls(call=call, initial=initial)

    def clean(self):
        cleaned = super().clean()
        amount = cleaned.get("award_amount")
        if cleaned.get("decision") == "fund" and not amount:
            self.add_error("award_amount", _("Enter the award amount."))
        if cleaned.get("decision") == "not_fund" and amount is not None:
            self.add_error("award_amount", contradiction_message(amount))
        return cleaned


class WithdrawDecisionForm(forms.Form):
    reason = forms.CharField(label=_("Why is the decision withdrawn?"), required=False, max_length=1000)


class ReleaseForm(forms.Form):
    """The confirmation of a release: exactly the pending decisions shown (their fingerprint), ticked."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirm = forms.BooleanField(label=_("I have checked these decisions: release them and email every applicant."))


class DisbursementForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount (CNY)"), max_digits=12, decimal_places=2, min_value=Decimal("0.01"))
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class AssignForm(forms.Form):
    count = forms.IntegerField(label=_("Number of reviewers to add"), min_value=1, max_value=10, initial=3)


class _ReviewerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class PickReviewersForm(forms.Form):
    """Reviewers picked by hand (from the suggestions or a search of the expert pool) for one application."""

    reviewers = _ReviewerChoiceField(
        label=_("Reviewers"),
        queryset=Reviewer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one reviewer to assign.")},
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = Reviewer.objects.filter(active=True).exclude(
            pk__in=application.assignments.values("reviewer_id")
        )


class ReviewerSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, institution or email"), required=False, max_length=100)
    field = forms.ModelChoiceField(label=_("Field of expertise"), queryset=ExpertiseField.objects.all(), required=False)


class RecuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Conflict of interest"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Describe the conflict. The grants office assigns another reviewer."),
    )


class ReviewForm(forms.Form):
    """Scores against every criterion of the call, comments, and the reviewer's declaration of no conflict."""

    comments = forms.CharField(label=_("Comments"), widget=forms.Textarea(attrs={"rows": 6}), max_length=8000)
    no_conflict = forms.BooleanField(label=_("I declare that I have no conflict of interest with this application."))

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_score,
                help_text=_("%(description)s Score from 0 to %(max)s.")
                % {"description": criterion.description, "max": criterion.max_score},
            )
        # What the reviewer scores comes first, then the comments and the declaration.
        self.order_fields([f"score_{criterion.pk}" for criterion in self.criteria] + ["comments", "no_conflict"])

    def scores(self):
        return {criterion.pk: self.cleaned_data[f"score_{criterion.pk}"] for criterion in self.criteria}


class _AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        full_name = obj.get_full_name()
        return f"{full_name} ({obj.get_username()})" if full_name else obj.get_username()


class ReviewerForm(WagtailAdminModelForm):
    """The admin form of an expert of the pool: the account is chosen only among active members of the
    "Reviewers" group not linked to another expert (``Reviewer.clean`` refuses any other); the language of the
    reviewer's emails is one of the site's languages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" in self.fields:
            field = self.fields["user"]
            linked = Q(grants_reviewer__isnull=True)
            if self.instance.pk:
                linked |= Q(grants_reviewer=self.instance.pk)
            self.fields["user"] = _AccountChoiceField(
                queryset=reviewer_accounts().filter(linked).order_by("username"),
                required=False,
                label=field.label,
                help_text=_(
                    "Only active accounts in the “Reviewers” group that no other expert uses are listed. Add the "
                    "account to that group first (Settings → Users)."
                ),
            )
        if "language" in self.fields:
            field = self.fields["language"]
            self.fields["language"] = forms.ChoiceField(
                choices=settings.LANGUAGES,
                label=field.label,
                help_text=_("The language of the emails the reviewer receives."),
            )
