"""Link check of a static site on disk, as a plain static server would answer it.

Every internal reference of every HTML file (href, src, srcset, meta refresh, the url() of inline styles)
and of every CSS file (url(), @import) must name a file of the output: a path ending in / needs its
index.html, any other path the file itself or a folder with an index.html. Query strings and fragments
are ignored (a static server ignores them too). External, mailto:, tel:, data: and webcal: links to
another host are not checked.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import html as lxml_html

_CSS_URL_RE = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
_REFRESH_RE = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.IGNORECASE)


@dataclass(frozen=True)
class BrokenLink:
    source: str  # the file that holds the link, relative to the output folder
    url: str

    def __str__(self):
        return f"{self.source}: {self.url}"


def _page_url(relative):
    """The URL path a static server serves a file at (index.html stands for its folder)."""
    path = "/" + relative
    return path[: -len("index.html")] if path.endswith("/index.html") or path == "/index.html" else path


def _references(path, text):
    if path.suffix == ".css":
        for match in _CSS_URL_RE.finditer(text):
            yield match.group(1) or match.group(2)
        return
    document = lxml_html.fromstring(text.encode("utf-8")) if text.strip() else None
    if document is None:
        return
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name in ("href", "src"):
            value = element.get(name)
            if value is not None:
                yield value
        srcset = element.get("srcset")
        if srcset:
            for candidate in srcset.split(","):
                candidate = candidate.strip()
                if candidate:
                    yield candidate.split()[0]
        if element.tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            match = _REFRESH_RE.search(element.get("content") or "")
            if match:
                yield match.group(1).strip()
        style = element.get("style")
        if style:
            for match in _CSS_URL_RE.finditer(style):
                yield match.group(1) or ""
        if element.tag == "style" and element.text:
            for match in _CSS_URL_RE.finditer(element.text):
                yield match.group(1) or match.group(2)


def _internal_path(url, base, page_url):
    """The URL path an internal reference leads to, or None for an external or non-HTTP one."""
    url = url.strip()
    if not url or url.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
        return None
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        if parts.scheme not in ("http", "https", "webcal") or parts.netloc != base.netloc:
            return None
        return parts.path or "/"
    return urlsplit(urljoin(page_url, url)).path


def exists(root, url_path):
    path = unquote(url_path)
    relative = path.lstrip("/")
    if path.endswith("/"):
        return (root / relative / "index.html").is_file()
    target = root / relative
    return target.is_file() or (target / "index.html").is_file()


def check_links(root, base_url):
    """Every broken internal link or missing asset of the site in ``root``: a list of BrokenLink."""
    root = Path(root)
    base = urlsplit(base_url)
    broken = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".html", ".css") or not path.is_file():
            continue
        relative = path.relative_to(root).as_posix()
        text = path.read_text("utf-8", errors="replace")
        page_url = _page_url(relative)
        seen = set()
        for url in _references(path, text):
            target = _internal_path(url, base, page_url)
            if target is None or target in seen:
                continue
            seen.add(target)
            if not exists(root, target):
                broken.append(BrokenLink(relative, url))
    return broken
