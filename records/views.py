"""The permission-checked view that serves private files (mounted in the admin).

A file is always a download (``Content-Disposition: attachment``), never sniffed into another type (``nosniff``)
and, should a browser open it all the same, inert: ``Content-Security-Policy: default-src 'none'; sandbox`` (no
script, no request, no form, its own opaque origin) instead of the admin's policy, like public documents.
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from . import audit
from .files import StoredFile, user_can_access

FILE_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox"


@never_cache
def download(request, pk):
    """Stream a private file to a user the owning record allows; 404 for everyone else."""
    stored = get_object_or_404(StoredFile, pk=pk)
    if not user_can_access(request.user, stored):
        raise Http404
    owner = stored.owner
    if owner is not None:
        audit.record(owner, "file_opened", user=request.user, data={"file": str(stored.pk), "role": stored.role})
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CONTENT_SECURITY_POLICY  # django-csp leaves a policy already set
    response["Cache-Control"] = "private, no-store"
    return response
