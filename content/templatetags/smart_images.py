"""Wagtail's image tags, with renditions remembered in the process and a ``{% picture %}`` whose srcset is valid.

Load this library instead of ``wagtailimages_tags``. ``image``, ``srcset_image`` and ``picture`` take the same
arguments and give the same HTML as Wagtail's own; ``image_url`` is Wagtail's. The differences:

- renditions come from ``content.renditions`` (each filter spec parsed once per process, renditions remembered
  per image file and focal point, and the tag's HTML remembered under what it is made of), which saves several
  milliseconds per image on every page view;
- Wagtail's ``{% picture %}`` (8.0) lists one srcset candidate per requested size; when the original image is
  smaller than a requested size, renditions are not upscaled, so two candidates get the same width descriptor
  (``… 800w, … 800w``), which HTML forbids (wagtail/wagtail#12389, fix proposed in wagtail/wagtail#13837). This
  ``picture`` keeps the first rendition of each width and format and drops the repeats.
"""

from django import template
from wagtail.images.models import Filter, Picture, ResponsiveImage
from wagtail.images.templatetags import wagtailimages_tags

from content.renditions import html_for, renditions

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


def _attrs(node, context):
    return {key: value.resolve(context) for key, value in node.attrs.items()}


class ImageNode(wagtailimages_tags.ImageNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        rendition = renditions(image, ["|".join(self.filter_specs)]).popitem()[1]
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        attrs = _attrs(self, context)
        return html_for("img", image, {"": rendition}, attrs, lambda: rendition.img_tag(attrs))


class SrcsetImageNode(wagtailimages_tags.SrcsetImageNode):
    def specs(self):
        if not hasattr(self, "_specs"):
            self._specs = Filter.expand_spec(self.filter_specs)
        return self._specs

    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        found = renditions(image, self.specs())
        if self.output_var_name:
            context[self.output_var_name] = ResponsiveImage(found)
            return ""
        attrs = _attrs(self, context)
        return html_for("srcset", image, found, attrs, lambda: ResponsiveImage(found, attrs).__html__())


class PictureNode(SrcsetImageNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        found = unique_widths(renditions(image, self.specs()))
        if self.output_var_name:
            context[self.output_var_name] = Picture(found)
            return ""
        attrs = _attrs(self, context)
        return html_for("picture", image, found, attrs, lambda: Picture(found, attrs).__html__())


def image(parser, token):
    node = wagtailimages_tags.image(parser, token)
    node.__class__ = {
        wagtailimages_tags.ImageNode: ImageNode,
        wagtailimages_tags.SrcsetImageNode: SrcsetImageNode,
        wagtailimages_tags.PictureNode: PictureNode,
    }[type(node)]
    return node


register.tag("image", image)
register.tag("srcset_image", image)
register.tag("picture", image)
register.simple_tag(wagtailimages_tags.image_url, name="image_url")


# Images tagged so in the image library are sample artwork (the demo's illustrations): their pages say so in a
# discreet caption beside the picture, not in a label drawn onto it.
SAMPLE_IMAGE_TAG = "sample-illustration"


@register.filter
def is_sample_image(image):
    """Whether an image is tagged as sample artwork (SAMPLE_IMAGE_TAG)."""
    tags = getattr(image, "tags", None)
    if image is None or tags is None:
        return False
    return any(tag.name == SAMPLE_IMAGE_TAG for tag in tags.all())


@register.inclusion_tag("includes/sample_image_note.html")
def sample_image_note(image):
    """A small caption, "Illustration (sample image)", under a picture that is sample artwork; nothing otherwise."""
    return {"show": is_sample_image(image)}
