"""Wagtail's image tags, with a ``{% picture %}`` whose srcset is valid HTML for images of any size.

Load this library instead of ``wagtailimages_tags``: ``image``, ``srcset_image`` and ``image_url`` are Wagtail's
own. Wagtail's ``{% picture %}`` (8.0) lists one srcset candidate per requested size; when the original image is
smaller than a requested size, renditions are not upscaled, so two candidates get the same width descriptor
(``… 800w, … 800w``), which HTML forbids (wagtail/wagtail#12389, fix proposed in wagtail/wagtail#13837). This
``picture`` keeps the first rendition of each width and format and drops the repeats.
"""

from django import template
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags

register = template.Library()


def unique_widths(renditions):
    """The renditions ({filter spec: rendition}) less those repeating the width of an earlier one of their format."""
    seen, kept = set(), {}
    for spec, rendition in renditions.items():
        image_format = next((part for part in spec.split("|") if part.startswith("format-")), "")
        key = (image_format, rendition.width)
        if key not in seen:
            seen.add(key)
            kept[spec] = rendition
    return kept


class PictureNode(wagtailimages_tags.PictureNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = unique_widths(get_renditions_or_not_found(image, self.get_filters()))
        if self.output_var_name:
            context[self.output_var_name] = Picture(renditions)
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return Picture(renditions, attrs).__html__()


def picture(parser, token):
    node = wagtailimages_tags.image(parser, token)
    node.__class__ = PictureNode
    return node


register.tag("image", wagtailimages_tags.image)
register.tag("srcset_image", wagtailimages_tags.image)
register.tag("picture", picture)
register.simple_tag(wagtailimages_tags.image_url, name="image_url")
