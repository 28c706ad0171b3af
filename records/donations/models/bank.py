"""The foundation's bank transfer details (``BankTransferDetails``): site data the foundation keeps, one per
language, shown on the pledge confirmation and in the pledge's acknowledgement email.

A snippet (Snippets → Bank transfer details, registered in ``wagtail_hooks``), translatable like the pages. It lived
in ``content`` until it moved here; its migration (``0003_bank_transfer_details``) takes over the table, the rows
and the content type (so its permissions and the groups holding them), and ``content``'s
``0005_bank_transfer_details_moved`` forgets it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin


class BankTransferDetails(TranslatableMixin, models.Model):
    """The foundation's bank account for gifts, in one language, shown after a pledge and in its acknowledgement."""

    account_name = models.CharField(_("account name"), max_length=200)
    bank_name = models.CharField(_("bank"), max_length=200)
    account_number = models.CharField(_("account number"), max_length=60)
    swift_code = models.CharField(_("SWIFT code"), max_length=20, blank=True)
    instructions = models.TextField(
        _("instructions"),
        blank=True,
        help_text=_("For example: quote your pledge reference in the transfer's remarks."),
    )
    is_sample = models.BooleanField(
        _("sample details"),
        default=False,
        help_text=_("Marks the details as a sample for demonstration: donors are told not to transfer money."),
    )

    panels = [
        FieldPanel("account_name"),
        FieldPanel("bank_name"),
        FieldPanel("account_number"),
        FieldPanel("swift_code"),
        FieldPanel("instructions"),
        FieldPanel("is_sample"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("bank transfer details")
        verbose_name_plural = _("bank transfer details")

    def __str__(self):
        return f"{self.bank_name} ({self.locale})"

    @classmethod
    def for_locale(cls, locale=None):
        return cls.objects.filter(locale=locale or Locale.get_active()).first()

    def as_pairs(self):
        """(label, value) pairs for the acknowledgement email, in the active language."""
        pairs = [
            (_("Account name"), self.account_name),
            (_("Bank"), self.bank_name),
            (_("Account number"), self.account_number),
        ]
        if self.swift_code:
            pairs.append((_("SWIFT code"), self.swift_code))
        if self.instructions:
            pairs.append((_("Instructions"), self.instructions))
        if self.is_sample:
            pairs.append((_("Note"), _("These are sample details for demonstration. Please do not transfer money.")))
        return pairs
