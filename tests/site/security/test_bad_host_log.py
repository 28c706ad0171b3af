"""A request with a bad Host header is logged once, at WARNING, without a traceback: with the settings of the test
run (the base settings) and with the production settings, through the console handler each configures."""

import io
import logging

import pytest
from django.conf import settings
from django.core import mail
from django.utils.log import configure_logging

from tests.site.security.helpers import production_settings

pytestmark = pytest.mark.django_db


class Kept(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def configured_logging():
    """Configure logging from a LOGGING dict; the console's output and every record any handler sees are kept."""
    kept = Kept()
    stream = io.StringIO()

    def configure(config):
        configure_logging(settings.LOGGING_CONFIG, config)
        for name in ["", "django", "django.security", "django.request", "django.security.DisallowedHost"]:
            logger = logging.getLogger(name)
            for handler in logger.handlers:
                if isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler):
                    handler.setStream(stream)
            logger.addHandler(kept)
        return kept, stream

    yield configure
    for name in ["", "django", "django.security", "django.request", "django.security.DisallowedHost"]:
        logging.getLogger(name).removeHandler(kept)
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


@pytest.mark.parametrize("which", ["base", "production"])
def test_a_bad_host_is_one_warning_without_traceback(client, site_tree, settings, configured_logging, which):
    settings.ADMINS = [("Ops", "ops@smart.example")]
    config = settings.LOGGING if which == "base" else production_settings("LOGGING")["LOGGING"]
    kept, stream = configured_logging(config)
    response = client.get("/zh-hans/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert len(kept.records) == 1, [(r.name, r.levelname) for r in kept.records]
    record = kept.records[0]
    assert record.name == "django.security.DisallowedHost"
    assert record.levelno == logging.WARNING and record.exc_info is None
    output = stream.getvalue()
    assert output.count("\n") == 1 and "evil.example" in output, output
    assert "Traceback" not in output
    assert mail.outbox == []  # no error report to ADMINS for a scanner's request
