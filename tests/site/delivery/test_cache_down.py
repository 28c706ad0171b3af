"""Redis away: the site keeps working, uncached. With the production cache (``config.settings.base.redis_cache``,
django-redis answering a miss while Redis cannot be reached) pointed at a loopback port where nothing listens,
pages in both languages, the search page, both JSON APIs and a public form all answer as usual (with the page cache
and the fragment cache on), and an application sent is stored and acknowledged. No mock: the Redis client really
connects and is really refused."""

import logging
import socket

import pytest
from django.core import mail
from django.test import override_settings

from config.settings.base import redis_cache
from records.recruitment.models import JobApplication
from tests.factories.pages import build_site
from tests.factories.publications import build_jobs
from tests.site.background.test_background_problems import send_application

pytestmark = pytest.mark.django_db


def closed_port():
    """A loopback port where no Redis listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_away():
    cache = {**redis_cache(f"redis://127.0.0.1:{closed_port()}/0"), "KEY_PREFIX": "away"}
    with override_settings(CACHES={"default": cache}, PAGE_CACHE_ENABLED=True, PAGE_FRAGMENT_CACHE=True):
        yield


def test_pages_apis_and_forms_work_while_redis_is_away(client, redis_away, caplog, django_capture_on_commit_callbacks):
    pages = build_jobs(build_site())
    caplog.set_level(logging.ERROR, logger="django_redis")
    for language in ("zh-hans", "en"):
        for path in (f"/{language}/", f"/{language}/news/", f"/{language}/search/?q=SMART"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert f'lang="{"zh-Hans" if language == "zh-hans" else "en"}"' in response.content.decode()
        assert client.get(f"/api/search/?q=SMART&locale={language}").status_code == 200
    assert client.get(pages["article_en"].url).status_code == 200
    # A publication while Redis is away shows at once: nothing is kept that could not be forgotten.
    article = pages["article_en"]
    article.title = "SMART opens its doors"
    article.save_revision().publish()
    assert "SMART opens its doors" in client.get("/en/news/").content.decode()
    assert "SMART opens its doors" in client.get(article.url).content.decode()
    assert client.get("/api/v2/pages/").status_code == 200
    assert any("Connection refused" in record.getMessage() or record.exc_info for record in caplog.records), (
        "the Redis client was never refused: the test did not reach Redis"
    )

    response = send_application(client, pages["pi_en"].url, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    application = JobApplication.objects.get(email="grace.sample@example.org")
    assert [message.to for message in mail.outbox] == [["grace.sample@example.org"]]
    assert application.reference in mail.outbox[0].body
