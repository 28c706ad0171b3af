"""Validators that the records share: no control characters, plain names, phone numbers, unified social credit
codes (统一社会信用代码: host institutions, the foundation)."""

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


# GB 32100-2015: 18 characters from this alphabet (no I, O, S, V, Z); the last is a check character.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(first17):
    """The GB 32100-2015 check character for the first 17 characters of a unified social credit code."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(ch) * weight for ch, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(value):
    return "".join((value or "").split()).upper()


def validate_credit_code(value):
    """Validate a unified social credit code (统一社会信用代码): length, alphabet and check character."""
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)s."),
            code="length",
            params={"count": len(code)},
        )
    if any(ch not in CREDIT_CODE_ALPHABET for ch in code):
        raise ValidationError(
            _("A unified social credit code uses only digits and the capital letters A–Y except I, O, S, V and Z."),
            code="alphabet",
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            _("Characters 3 to 8 of a unified social credit code are the digits of an administrative area code."),
            code="area",
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("This unified social credit code is not valid: its last character (the check character) does not match."),
            code="check",
        )
