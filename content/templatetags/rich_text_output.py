"""``clean_rich_text``: rich text cleaned on output, whatever route wrote it to the database (content.html_clean)."""

from django import template
from django.utils.safestring import mark_safe

from content.html_clean import clean_rich_text as clean

register = template.Library()


@register.filter
def clean_rich_text(html):
    return mark_safe(clean(html))  # noqa: S308 - sanitised by nh3 just above
