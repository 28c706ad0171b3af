"""Video embeds by URL without asking a remote oEmbed service (the site must work offline and in China).

Wagtail's default finders fetch oEmbed data over the network when an editor saves a page; here
the player markup is derived from the URL itself for the video hosts used in mainland China and
for plain video files.
"""

import re
from urllib.parse import parse_qs, urlparse

from django.utils.html import format_html
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

_BILIBILI = re.compile(r"^/video/(BV[0-9A-Za-z]{10})")
_TENCENT = re.compile(r"/([0-9a-z]{11})\.html$")
_FILE_TYPES = {".mp4": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg", ".m4v": "video/mp4"}


def player_url(url):
    """Return (kind, src) for a supported video URL, or None."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        return None
    host = (parsed.hostname or "").lower()
    path = parsed.path
    for suffix, mime in _FILE_TYPES.items():
        if path.lower().endswith(suffix):
            return ("file", url, mime)
    if host.endswith("bilibili.com") and (match := _BILIBILI.match(path)):
        page = parse_qs(parsed.query).get("p", ["1"])[0]
        page = page if page.isdigit() else "1"
        return ("iframe", f"https://player.bilibili.com/player.html?bvid={match.group(1)}&page={page}&autoplay=0", None)
    if host == "v.qq.com" and (match := _TENCENT.search(path)):
        return ("iframe", f"https://v.qq.com/txp/iframe/player.html?vid={match.group(1)}", None)
    return None


class VideoFinder(EmbedFinder):
    """Embeds Bilibili, Tencent Video and direct video-file URLs."""

    def __init__(self, **options):
        self.options = options

    def accept(self, url):
        return player_url(url) is not None

    def find_embed(self, url, max_width=None, max_height=None):
        found = player_url(url)
        if found is None:
            raise EmbedNotFoundException
        kind, src, mime = found
        if kind == "file":
            html = format_html(
                '<video controls preload="metadata" width="640" height="360"><source src="{}" type="{}"></video>',
                src,
                mime,
            )
        else:
            html = format_html(
                '<iframe src="{}" width="640" height="360" allowfullscreen loading="lazy" '
                'sandbox="allow-scripts allow-same-origin allow-presentation" title="video"></iframe>',
                src,
            )
        return {
            "title": "",
            "author_name": "",
            "provider_name": urlparse(src).hostname or "",
            "type": "video",
            "thumbnail_url": None,
            "width": 640,
            "height": 360,
            "html": str(html),
        }
