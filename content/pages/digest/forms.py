"""The editor's form of a digest issue: the obvious values of a new issue filled in, month, address and
volume/number kept unique within the series (each clash names the issue in the way, with a link to it)."""

from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

# The errors of a new issue that collides with one the series has; {issue} is a link to that issue's editor.
# A draft (such as the autosaved draft of an abandoned new-issue form) is named as one: continue it or delete it.
MONTH_TAKEN = _("This series already has an issue for this month: {issue}.")
MONTH_TAKEN_BY_DRAFT = _(
    "This series already has a draft for this month: {issue}. Continue that draft, or delete it before you start again."
)
SLUG_TAKEN = _("This address is already used by another issue of this series: {issue}.")
SLUG_TAKEN_BY_DRAFT = _(
    "This address is already used by a draft of this series: {issue}. Continue that draft, or delete it before "
    "you start again."
)
NUMBER_TAKEN = _("This series already has an issue with this volume and number: {issue}.")
NUMBER_TAKEN_BY_DRAFT = _(
    "This series already has a draft with this volume and number: {issue}. Continue that draft, or delete it "
    "before you start again."
)


class DigestIssueForm(WagtailAdminPageForm):
    """Fills the obvious values of a new issue and keeps month and number unique within the series."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk or self.is_bound or self.parent_page is None:
            return
        month, volume, number = self._meta.model.next_issue_values(self.parent_page)
        parent = self.parent_page.specific_deferred
        language = getattr(getattr(parent, "locale", None), "language_code", None) or translation.get_language()
        with translation.override(language):
            title = f"{parent.title} · {date_format(month, 'YEAR_MONTH_FORMAT')}"
        # Title, slug, volume, number and month agree: they replace the model's defaults (the month's default is
        # the current month, which the series may already have).
        prefill = {"issue_month": month, "title": title, "slug": f"{month:%Y-%m}", "volume": volume, "number": number}
        for name, value in prefill.items():
            if name in self.fields:
                self.initial[name] = value

    def _conflict(self, siblings, message, draft_message):
        """The error naming the existing issue of the series in the way, with a link to its editor."""
        other = siblings.order_by("-live", "pk").first()
        if other is None:
            return message
        link = format_html(
            '<a href="{}">{}</a>', reverse("wagtailadmin_pages:edit", args=[other.pk]), other.get_admin_display_title()
        )
        return format_html(message if other.live else draft_message, issue=link)

    def clean(self):
        cleaned = super().clean()
        month = cleaned.get("issue_month")
        if month:
            cleaned["issue_month"] = month = month.replace(day=1)
        if self.parent_page is None:
            return cleaned
        siblings = self._meta.model.objects.child_of(self.parent_page)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        slug = cleaned.get("slug") or self.data.get("slug")
        if "slug" in self.errors and slug and siblings.filter(slug=slug).exists():
            # Wagtail's bare "slug in use": name the issue that has it.
            self.errors["slug"] = self.error_class(
                [self._conflict(siblings.filter(slug=slug), SLUG_TAKEN, SLUG_TAKEN_BY_DRAFT)]
            )
        if month and siblings.filter(issue_month=month).exists():
            self.add_error(
                "issue_month", self._conflict(siblings.filter(issue_month=month), MONTH_TAKEN, MONTH_TAKEN_BY_DRAFT)
            )
        volume, number = cleaned.get("volume"), cleaned.get("number")
        if volume is None and number is None:
            cleaned["volume"], cleaned["number"] = self._meta.model.next_volume_number(self.parent_page, self.instance)
        elif volume is None or number is None:
            self.add_error("number" if number is None else "volume", _("Enter both the volume and the number."))
        elif siblings.filter(volume=volume, number=number).exists():
            same = siblings.filter(volume=volume, number=number)
            self.add_error("number", self._conflict(same, NUMBER_TAKEN, NUMBER_TAKEN_BY_DRAFT))
        return cleaned
