"""Validators that the public intake forms share: no control characters, plain names, phone numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHONE = re.compile(r"^[0-9+()\-\s]{5,40}$")


def no_control_characters(value):
    if _CONTROL.search(value or ""):
        raise ValidationError(_("Please remove the control characters from this text."), code="control")


def plain_name(value):
    """A person's or an organisation's name: no control characters, no markup characters."""
    no_control_characters(value)
    if re.search(r"[<>{}]", value or ""):
        raise ValidationError(_("Names cannot contain the characters < > { }."), code="name_characters")


def phone_number(value):
    if value and not _PHONE.match(value):
        raise ValidationError(_("Enter a phone number using digits, spaces, +, - and brackets."), code="phone")
