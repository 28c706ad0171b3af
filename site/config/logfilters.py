"""Logging filters named in the LOGGING settings.

``BriefWarning``: a request with a Host header not in ALLOWED_HOSTS is noise from scanners, not a server fault.
Django logs each at ERROR with the traceback of its ``DisallowedHost`` (and would mail it to ADMINS); on the
``django.security.DisallowedHost`` logger (propagation off) this filter turns the record into one WARNING line:
the message only, no traceback.
"""

import logging


class BriefWarning(logging.Filter):
    """Pass every record on as a WARNING without exception information."""

    def filter(self, record):
        record.levelno = logging.WARNING
        record.levelname = logging.getLevelName(logging.WARNING)
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
