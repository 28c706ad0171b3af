"""Test support only (never used by the running site): talking to osmem, the in-memory OpenSearch server.

elasticsearch-py 8 sends `application/vnd.elasticsearch+json; compatible-with=8`, which osmem answers with
406 (and `application/vnd.elasticsearch+x-ndjson; ...` for bulk requests); this node class sends the plain
`application/json` and `application/x-ndjson` instead. Pass it as ELASTICSEARCH client option
`node_class` (settings.SEARCH_ES_OPTIONS) in tests and benchmarks.
"""

from elastic_transport import Urllib3HttpNode

_VENDOR = "application/vnd.elasticsearch+"


def plain_media_type(value):
    """application/vnd.elasticsearch+json; compatible-with=8 -> application/json (x-ndjson likewise)."""
    if not value or _VENDOR not in value:
        return value
    return "application/" + value.split(_VENDOR, 1)[1].split(";", 1)[0].strip()


class PlainJsonNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if headers.get(name):
                    headers[name] = plain_media_type(headers[name])
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)
