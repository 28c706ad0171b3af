"""The identifiers of a white paper as editors enter them: DOI and ISBN (10 or 13 digits, check digit verified)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")


def validate_doi(value):
    if not DOI_PATTERN.match(value or ""):
        raise ValidationError(_("Enter a DOI such as 10.1234/abcd.5678, without https://doi.org/."), code="doi")


def normalize_isbn(value):
    return re.sub(r"[\s-]", "", value or "").upper()


def validate_isbn(value):
    digits = normalize_isbn(value)
    valid = False
    if re.fullmatch(r"\d{13}", digits):
        valid = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0
    elif re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits))
        valid = total % 11 == 0
    if not valid:
        raise ValidationError(_("Enter a valid ISBN-10 or ISBN-13."), code="isbn")
