"""Real image files for tests, drawn with Pillow."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image


def make_image(title="测试图片", size=(1600, 900), colour=(11, 92, 107)):
    canvas = PILImage.new("RGB", size, colour)
    ImageDraw.Draw(canvas).ellipse((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), fill=(200, 16, 46))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="test-image.png"))
