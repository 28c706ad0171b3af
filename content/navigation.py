"""Navigation menu and footer, edited by staff as snippets, one per language (translatable)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Locale, TranslatableMixin


class MenuItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    label = blocks.CharBlock(
        required=False, max_length=60, label=_("Label"), help_text=_("Defaults to the page title.")
    )

    class Meta:
        icon = "link"
        label = _("Menu item")


class SocialAccountBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80, label=_("Name"), help_text=_("For example: WeChat official account"))
    handle = blocks.CharBlock(required=False, max_length=120, label=_("Account name or ID"))
    url = blocks.URLBlock(required=False, label=_("Link"))
    qr_code = ImageChooserBlock(required=False, label=_("QR code image"))

    class Meta:
        icon = "user"
        label = _("Social account")


class MainMenu(TranslatableMixin, models.Model):
    """The main navigation of one language."""

    name = models.CharField(_("name"), max_length=80, default="Main menu")
    items = StreamField([("item", MenuItemBlock())], blank=True, verbose_name=_("items"))

    panels = [FieldPanel("name"), FieldPanel("items")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("main menu")
        verbose_name_plural = _("main menus")

    def __str__(self):
        return f"{self.name} ({self.locale})"

    @classmethod
    def for_locale(cls, locale=None):
        return cls.objects.filter(locale=locale or Locale.get_active()).first()


class Footer(TranslatableMixin, models.Model):
    """Footer of one language: address, contact, ICP filing number and social accounts."""

    organisation = models.CharField(_("organisation name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    icp_number = models.CharField(
        _("ICP filing number"), max_length=80, blank=True, help_text=_("备案号, for example 粤ICP备XXXXXXXX号")
    )
    icp_url = models.URLField(_("ICP filing link"), blank=True, default="https://beian.miit.gov.cn/")
    social_accounts = StreamField([("account", SocialAccountBlock())], blank=True, verbose_name=_("social accounts"))
    links = StreamField([("item", MenuItemBlock())], blank=True, verbose_name=_("footer links"))
    copyright_notice = models.CharField(_("copyright notice"), max_length=200, blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("icp_number"),
        FieldPanel("icp_url"),
        FieldPanel("social_accounts"),
        FieldPanel("links"),
        FieldPanel("copyright_notice"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return f"{self.organisation} ({self.locale})"

    @classmethod
    def for_locale(cls, locale=None):
        return cls.objects.filter(locale=locale or Locale.get_active()).first()
