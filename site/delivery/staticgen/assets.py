"""Files the pages need besides themselves: the theme's static files, the media (images and renditions)
the pages reference, and the public documents (never those in a collection with a view restriction)."""

import shutil
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from .storage import write_new


def _under(root, relative):
    """root/relative, refusing anything that would leave root (.., absolute parts)."""
    target = (Path(root) / relative).resolve()
    if not str(target).startswith(str(Path(root).resolve()) + "/"):
        return None
    return target


def copy_theme_static(root):
    """Every file of the theme folders (themes/<name>/static), as collectstatic would lay them out."""
    count = size = 0
    for folder in reversed([Path(p) for p in settings.STATICFILES_DIRS]):
        for source in folder.rglob("*"):
            if source.is_file():
                target = Path(root) / "static" / source.relative_to(folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                count += 1
                size += target.stat().st_size
    return count, size


def copy_referenced(root, urls):
    """Copy the /static/ and /media/ files referenced by the pages; returns (files, bytes, missing URLs)."""
    count = size = 0
    missing = []
    for url in sorted(urls):
        relative = unquote(url.lstrip("/"))
        target = _under(root, relative)
        if target is None:
            missing.append(url)
            continue
        if target.exists():  # a theme file copied already, or (incremental updates) copied by an earlier build
            continue
        if relative.startswith("static/"):
            copied = _copy_static(relative[len("static/") :], target)
        else:
            copied = _copy_media(relative[len("media/") :], target)
        if copied:
            count += 1
            size += target.stat().st_size
        else:
            missing.append(url)
    return count, size, missing


def _copy_static(name, target):
    collected = Path(settings.STATIC_ROOT) / name
    source = collected if collected.is_file() else finders.find(name)
    if not source:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return True


def _copy_media(name, target):
    if not default_storage.exists(name):
        return False
    with default_storage.open(name, "rb") as stream:
        write_new(target, stream.read())
    return True


def public_collection_ids():
    """Collections without a view restriction on themselves or an ancestor."""
    restricted = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    collections = Collection.objects.values_list("pk", "path")
    return [pk for pk, path in collections if not any(path.startswith(r) for r in restricted)]


def copy_documents(root, only_missing=False):
    """Public documents at their public URL (/documents/<id>/<filename>); returns (files, bytes)."""
    count = size = 0
    documents = get_document_model().objects.filter(collection_id__in=public_collection_ids())
    for document in documents.iterator():
        url = document.url
        if not url or not url.startswith("/documents/"):
            continue  # served from /media/ directly: copied with the media the pages reference
        target = _under(root, unquote(url.lstrip("/")))
        if target is None or (only_missing and target.exists()):
            continue
        try:
            with document.file.open("rb") as stream:
                write_new(target, stream.read())
        except FileNotFoundError:
            continue
        count += 1
        size += target.stat().st_size
    return count, size
