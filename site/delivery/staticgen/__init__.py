"""The static-site generator: the public site written as files any static server or CDN can serve.

``build_site(...)`` makes a full build (atomic, into a new folder), ``update_pages(...)`` rewrites only
the files a publish, unpublish, move or delete affects, ``check_links(folder, base_url)`` finds broken
internal links and missing assets. See ``manage.py build_static_site --help``.
"""

from .build import BuildError, BuildSummary, build_site  # noqa: F401
from .linkcheck import check_links  # noqa: F401
