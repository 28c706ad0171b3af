"""Request throttling (``delivery.throttling``): allowances counted per client address."""

from django.core.cache import cache
from django.test import RequestFactory, override_settings

from delivery import throttling


@override_settings(RECORDS_RATE_LIMIT=3, RECORDS_RATE_PERIOD=600)
def test_rate_limit_counts_per_ip():
    cache.clear()
    factory = RequestFactory()
    first = factory.post("/", REMOTE_ADDR="10.0.0.1")
    other = factory.post("/", REMOTE_ADDR="10.0.0.2")
    assert [throttling.rate_limited(first, "test") for _ in range(4)] == [False, False, False, True]
    assert throttling.rate_limited(other, "test") is False
