"""Placeholder artwork for the demo: abstract shapes in the theme colours, drawn with Pillow at load time.

The illustrations are tagged as sample artwork (``SAMPLE_IMAGE_TAG``): the pages that show them say so in a
discreet caption under the picture ("示意图 / Illustration (sample image)"), so nobody mistakes one for a
photograph; nothing is drawn onto the picture itself. The QR-like square keeps its "示例 SAMPLE" label across
its middle, so that nobody tries to scan it. Images are found again by title, so loading twice creates nothing
new; an illustration drawn by an earlier version with its label on the picture is drawn again without it.
"""

import io
import random
from dataclasses import dataclass
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from content.templatetags.smart_images import SAMPLE_IMAGE_TAG

from .datafiles import read

TEAL = (11, 92, 107)  # #0b5c6b
TEAL_DARK = (6, 58, 68)
TEAL_MID = (26, 122, 140)
TEAL_LIGHT = (95, 168, 181)
MIST = (217, 236, 239)
ACCENT = (200, 16, 46)  # #c8102e
WHITE = (255, 255, 255)

QR_LABEL = "示例 SAMPLE"
QR_LABEL_ASCII = "SAMPLE"

# Fonts that can draw the Chinese part of the label; the first one found is used.
CJK_FONTS = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
]


@dataclass(frozen=True)
class Artwork:
    key: str
    title: str  # unique; how the image is found again
    motif: str
    description: str  # bilingual default alt text (pages give their own, per language)
    size: tuple = (800, 450)
    seed: int = 0
    label_lift: float = 0.0  # raise the label by this share of the height (the hero is cropped top and bottom)


def _artwork(row):
    return Artwork(**{**row, "size": tuple(row["size"])} if "size" in row else row)


_DATA = read("images")
ARTWORK = [_artwork(row) for row in _DATA["artwork"]]
QR_ARTWORK = _artwork(_DATA["qr_artwork"])


def _cjk_font(size):
    for path, index in CJK_FONTS:
        if Path(path).exists():
            try:
                return ImageFont.truetype(path, size=size, index=index)
            except OSError:
                continue
    return None


def _label(draw, width, height, text, ascii_text, scale, position="corner", lift=0.0):
    """Draw the label on a white rounded box: bottom-right corner (clear of hero text), or centred."""
    size = max(12, int(24 * scale))
    font = _cjk_font(size)
    if font is None:
        font, text = ImageFont.load_default(size=size), ascii_text
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    pad = int(size * 0.5)
    box_w, box_h = right - left + 2 * pad, bottom - top + 2 * pad
    if position == "centre":
        x, y = (width - box_w) // 2, (height - box_h) // 2
    else:
        x, y = width - box_w - int(24 * scale), height - box_h - int(24 * scale) - int(height * lift)
    draw.rounded_rectangle((x, y, x + box_w, y + box_h), radius=pad, fill=WHITE, outline=ACCENT, width=2)
    draw.text((x + pad - left, y + pad - top), text, font=font, fill=TEAL_DARK)


def _orbits(draw, w, h, rng):
    cx, cy = int(w * rng.uniform(0.55, 0.75)), int(h * rng.uniform(0.35, 0.6))
    for i, r in enumerate(range(int(h * 0.9), 20, -int(h * 0.09))):
        colour = (TEAL_MID, TEAL_LIGHT, MIST)[i % 3]
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=max(2, int(h / 160)))
    for _ in range(3):
        r = int(h * rng.uniform(0.25, 0.7))
        start = rng.randint(0, 360)
        draw.arc((cx - r, cy - r, cx + r, cy + r), start, start + rng.randint(40, 120), fill=WHITE, width=int(h / 90))
    dot = int(h * 0.05)
    draw.ellipse((cx - dot, cy - dot, cx + dot, cy + dot), fill=ACCENT)


def _network(draw, w, h, rng):
    nodes = [(rng.randint(40, w - 40), rng.randint(40, h - 40)) for _ in range(18)]
    for i, a in enumerate(nodes):
        for b_ in nodes[i + 1 : i + 3]:
            draw.line((a, b_), fill=TEAL_LIGHT, width=max(2, h // 220))
    for i, (x, y) in enumerate(nodes):
        r = rng.randint(h // 80, h // 30)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=ACCENT if i == 0 else (MIST if i % 3 else WHITE))


def _tiles(draw, w, h, rng):
    step = h // 6
    for y in range(0, h, step):
        for x in range(0, w, step):
            if rng.random() < 0.55:
                inset = rng.randint(step // 10, step // 3)
                colour = rng.choice([TEAL_MID, TEAL_LIGHT, TEAL_DARK, MIST])
                draw.rectangle((x + inset, y + inset, x + step - inset, y + step - inset), fill=colour)
    x, y = rng.randrange(0, w - step, step), rng.randrange(0, h - step, step)
    draw.rectangle((x + step // 6, y + step // 6, x + step - step // 6, y + step - step // 6), fill=ACCENT)


def _helix(draw, w, h, rng):
    import math

    amplitude, period = h * 0.28, w / rng.uniform(2.2, 3.2)
    for i in range(0, w, max(8, w // 60)):
        phase = 2 * math.pi * i / period
        y1 = h / 2 + amplitude * math.sin(phase)
        y2 = h / 2 - amplitude * math.sin(phase)
        if i % (max(8, w // 60) * 3) == 0:
            draw.line((i, y1, i, y2), fill=TEAL_LIGHT, width=max(2, h // 200))
        r = h // 60 + int(h / 90 * (1 + math.cos(phase)))
        draw.ellipse((i - r, y1 - r, i + r, y1 + r), fill=WHITE)
        draw.ellipse((i - r, y2 - r, i + r, y2 + r), fill=ACCENT if (i // 30) % 7 == 0 else MIST)


def _paths(draw, w, h, rng):
    for k in range(7):
        y0 = rng.uniform(0.15, 0.85) * h
        points = []
        for i in range(0, w + 40, 40):
            y0 += rng.uniform(-h / 30, h / 30)
            points.append((i, y0))
        colour = ACCENT if k == 0 else (TEAL_LIGHT if k % 2 else MIST)
        draw.line(points, fill=colour, width=max(3, h // (60 if k == 0 else 110)), joint="curve")


def _chain(draw, w, h, rng):
    r = h // 7
    y = h // 2
    for i, x in enumerate(range(r * 2, w - r, int(r * 1.5))):
        dy = int((i % 2) * r * 0.35)
        colour = ACCENT if i == 3 else (WHITE if i % 2 else TEAL_LIGHT)
        draw.ellipse((x - r, y - r + dy, x + r, y + r + dy), outline=colour, width=max(4, h // 45))


def _pages(draw, w, h, rng):
    pw, ph = int(w * 0.32), int(h * 0.62)
    x0, y0 = int(w * rng.uniform(0.2, 0.45)), int(h * rng.uniform(0.12, 0.2))
    for i in range(4, -1, -1):
        x, y = x0 + i * w // 22, y0 + i * h // 28
        draw.rectangle((x, y, x + pw, y + ph), fill=MIST if i else WHITE, outline=TEAL_LIGHT, width=3)
    for j in range(6):
        ly = y0 + ph // 6 + j * ph // 9
        draw.line((x0 + pw // 10, ly, x0 + pw - pw // (5 if j % 2 else 8), ly), fill=TEAL_LIGHT, width=max(3, h // 120))
    draw.rectangle((x0 + pw - pw // 6, y0 - h // 40, x0 + pw - pw // 12, y0 + ph // 4), fill=ACCENT)


def _blocks(draw, w, h, rng):
    base = int(h * 0.8)
    x = int(w * 0.08)
    while x < w * 0.9:
        bw = rng.randint(w // 16, w // 9)
        bh = rng.randint(h // 6, int(h * 0.6))
        colour = rng.choice([TEAL_MID, TEAL_LIGHT, TEAL_DARK])
        draw.rectangle((x, base - bh, x + bw, base), fill=colour)
        # Rows of windows make the blocks read as buildings, not as a bar chart.
        win = max(4, bw // 7)
        for wy in range(base - bh + win, base - win, win * 2):
            for wx in range(x + win, x + bw - win, win * 2):
                draw.rectangle((wx, wy, wx + win - 1, wy + win - 1), fill=MIST)
        draw.polygon(
            [
                (x, base - bh),
                (x + bw // 3, base - bh - h // 25),
                (x + bw + bw // 3, base - bh - h // 25),
                (x + bw, base - bh),
            ],
            fill=MIST,
        )
        x += bw + rng.randint(4, w // 40)
    draw.line((0, base, w, base), fill=WHITE, width=max(3, h // 120))
    draw.ellipse((int(w * 0.8), int(h * 0.1), int(w * 0.8) + h // 8, int(h * 0.1) + h // 8), fill=ACCENT)


def _qr(draw, w, h, rng):
    """A square of random modules with three finder patterns: looks like a QR code but encodes nothing."""
    modules, quiet = 29, 4
    cell = w // (modules + 2 * quiet)
    offset = quiet * cell
    draw.rectangle((0, 0, w, h), fill=WHITE)
    finders = [(0, 0), (modules - 7, 0), (0, modules - 7)]

    def in_finder(mx, my):
        return any(fx - 1 <= mx <= fx + 7 and fy - 1 <= my <= fy + 7 for fx, fy in finders)

    for my in range(modules):
        for mx in range(modules):
            if not in_finder(mx, my) and rng.random() < 0.45:
                x, y = offset + mx * cell, offset + my * cell
                draw.rectangle((x, y, x + cell - 1, y + cell - 1), fill=TEAL_DARK)
    for fx, fy in finders:
        x, y = offset + fx * cell, offset + fy * cell
        draw.rectangle((x, y, x + 7 * cell - 1, y + 7 * cell - 1), fill=TEAL_DARK)
        draw.rectangle((x + cell, y + cell, x + 6 * cell - 1, y + 6 * cell - 1), fill=WHITE)
        draw.rectangle((x + 2 * cell, y + 2 * cell, x + 5 * cell - 1, y + 5 * cell - 1), fill=TEAL_DARK)


MOTIFS = {
    "orbits": _orbits,
    "network": _network,
    "tiles": _tiles,
    "helix": _helix,
    "paths": _paths,
    "chain": _chain,
    "pages": _pages,
    "blocks": _blocks,
    "qr": _qr,
}


def render_png(artwork):
    """The PNG bytes of one artwork (the same bytes for the same artwork and fonts)."""
    w, h = artwork.size
    rng = random.Random(artwork.seed)
    image = PILImage.new("RGB", (w, h), TEAL)
    draw = ImageDraw.Draw(image)
    if artwork.motif != "qr":
        # A soft diagonal band gives the flat background some depth.
        draw.polygon([(0, h), (int(w * 0.45), 0), (int(w * 0.7), 0), (int(w * 0.25), h)], fill=TEAL_DARK)
    MOTIFS[artwork.motif](draw, w, h, rng)
    if artwork.motif == "qr":
        _label(draw, w, h, QR_LABEL, QR_LABEL_ASCII, w / 300, position="centre")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def ensure_images(collection):
    """Return ({key: image}, number created) for the demo artwork and the sample QR image."""
    Image = get_image_model()
    images, created = {}, 0
    for artwork in [*ARTWORK, QR_ARTWORK]:
        image = Image.objects.filter(title=artwork.title).order_by("pk").first()
        sample = artwork.motif != "qr"
        if image is None:
            data = render_png(artwork)
            image = Image(title=artwork.title, description=artwork.description, collection=collection)
            image.file = ImageFile(io.BytesIO(data), name=f"demo-{artwork.key}.png")
            image._set_image_file_metadata()
            image.save()
            created += 1
        elif sample and not image.tags.filter(name=SAMPLE_IMAGE_TAG).exists():
            # Drawn by an earlier version, with the label on the picture: drawn again without it.
            image.renditions.all().delete()
            image.file = ImageFile(io.BytesIO(render_png(artwork)), name=f"demo-{artwork.key}.png")
            image._set_image_file_metadata()
            image.save()
        if sample and not image.tags.filter(name=SAMPLE_IMAGE_TAG).exists():
            image.tags.add(SAMPLE_IMAGE_TAG)
        images[artwork.key] = image
    return images, created
