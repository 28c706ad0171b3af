"""Images keep no metadata: where a photo was taken (GPS), with what camera, by whom, when.

Every image that reaches Wagtail's image model, by any route (the admin's single and multiple upload, the API,
the demo loaders, a script), is looked at before it is saved: if its file carries EXIF, XMP, IPTC (Photoshop)
data or comments, its orientation is applied first (``ImageOps.exif_transpose``: a portrait photo stays upright)
and it is written again in the same format without them (the ICC colour profile is kept: it is no personal data).
Renditions are made from that clean original, so none of their formats (JPEG, PNG, WebP, AVIF) has any to copy:
Willow copies the original's EXIF into JPEG and PNG renditions. ``strip_stored_images`` cleans images stored
before this existed (``manage.py strip_image_metadata``) and deletes their renditions.
"""

import io
import logging
import os

from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from PIL import Image, ImageOps
from wagtail.utils.file import hash_filelike

logger = logging.getLogger(__name__)

# Image.info keys that carry metadata (EXIF, XMP, IPTC/Photoshop resources, comments, PNG text chunks are below).
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "photoshop", "iptc", "comment", "COM", "adobe_transform")
SAVE_OPTIONS = {
    "JPEG": {"quality": 95},
    "WEBP": {"quality": 95},
    "PNG": {},
    "GIF": {},
    "AVIF": {"quality": 90},
    "TIFF": {},
}


def _png_text(image):
    return getattr(image, "text", None) if image.format == "PNG" else None


def has_metadata(image):
    """True if the opened Pillow ``image`` carries EXIF, XMP, IPTC, comments or PNG text."""
    if any(image.info.get(key) for key in METADATA_KEYS):
        return True
    if image.getexif():
        return True
    return bool(_png_text(image))


def stripped(data):
    """The image in ``data`` again, orientation applied, without metadata; None if it carries none (or is not an
    image Pillow can write back)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            if image_format not in SAVE_OPTIONS or not has_metadata(image):
                return None
            if getattr(image, "n_frames", 1) > 1:
                return _stripped_animation(image, image_format)
            icc_profile = image.info.get("icc_profile")
            image.load()
            clean = ImageOps.exif_transpose(image).copy()
            transparency = clean.info.get("transparency")
            clean.info = {}
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        logger.info("Image metadata not checked: %s", type(error).__name__)
        return None
    options = dict(SAVE_OPTIONS[image_format])
    if icc_profile:
        options["icc_profile"] = icc_profile
    if transparency is not None:
        options["transparency"] = transparency
    output = io.BytesIO()
    clean.save(output, image_format, **options)
    return output.getvalue()


def _stripped_animation(image, image_format):
    """An animated GIF or WebP with metadata: its frames again, without it (animations carry no orientation)."""
    frames, durations = [], []
    for index in range(image.n_frames):
        image.seek(index)
        frames.append(image.convert("RGBA"))
        durations.append(image.info.get("duration", 100))
    output = io.BytesIO()
    frames[0].save(
        output,
        image_format,
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=image.info.get("loop", 0),
        disposal=2 if image_format == "GIF" else 0,
    )
    return output.getvalue()


def _read(field_file):
    field_file.open("rb")
    try:
        field_file.seek(0)
        return field_file.read()
    finally:
        field_file.seek(0)


def clean_image_file(image):
    """Replace ``image``'s file by one without metadata if it has any; True if it did. Does not save ``image``."""
    data = _read(image.file)
    clean = stripped(data)
    if clean is None:
        return False
    name = os.path.basename(image.file.name)
    old_name = image.file.name if image.file._committed else None
    storage = image.file.storage
    image.file.save(name, ContentFile(clean), save=False)  # a new name: renditions and caches see a new file
    if old_name and old_name != image.file.name:
        storage.delete(old_name)
    with Image.open(io.BytesIO(clean)) as reopened:
        image.width, image.height = reopened.size
    image.file_size = len(clean)
    image.file_hash = hash_filelike(io.BytesIO(clean))
    return True


def strip_before_save(sender, instance, raw=False, **kwargs):
    """pre_save of the image model: a new file (a new image, or a file replaced) leaves its metadata behind."""
    if raw or not instance.file:
        return
    if instance.pk and instance.file._committed:
        stored = sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
        if stored == instance.file.name:
            return  # the same file as before (title, focal point, tags changed)
    clean_image_file(instance)


def strip_stored_images(images=None):
    """Clean the images already stored (all of them by default); deletes the renditions of each image cleaned.
    Returns how many were cleaned."""
    from wagtail.images import get_image_model

    cleaned = 0
    for image in images if images is not None else get_image_model().objects.all():
        try:
            changed = clean_image_file(image)
        except FileNotFoundError:
            continue
        if changed:
            type(image).objects.filter(pk=image.pk).update(
                file=image.file.name,
                width=image.width,
                height=image.height,
                file_size=image.file_size,
                file_hash=image.file_hash,
            )
            image.renditions.all().delete()
            cleaned += 1
    return cleaned


def connect_image_metadata_handlers():
    from wagtail.images import get_image_model

    pre_save.connect(strip_before_save, sender=get_image_model(), dispatch_uid="content-image-metadata")
