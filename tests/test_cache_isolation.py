"""Two pytest-xdist workers (or two checkouts) share one Redis database: clearing the cache in one must not
clear the other's keys (tests/cache.py, mentorship/settings_test.py)."""

import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from tests.cache import PrefixScopedRedisCache

pytestmark = pytest.mark.redis


def _cache(prefix: str) -> PrefixScopedRedisCache:
    return PrefixScopedRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": prefix})


def test_the_suite_runs_on_its_own_prefix():
    cache = caches["default"]
    assert isinstance(cache, PrefixScopedRedisCache)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    assert cache.key_prefix.startswith("test")
    assert cache.key_prefix.endswith(worker or settings.DATABASES["default"]["TEST"]["NAME"] or "test")


def test_clear_deletes_only_its_own_prefix():
    mine, neighbour, longer = _cache("isolation-a"), _cache("isolation-b"), _cache("isolation-a-gw1")
    try:
        mine.set("counter", 3)
        neighbour.set("counter", 7)
        longer.set("counter", 9)
        mine.clear()
        assert mine.get("counter") is None
        assert neighbour.get("counter") == 7
        assert longer.get("counter") == 9
    finally:
        neighbour.clear()
        longer.clear()


def test_clear_refuses_without_a_prefix():
    with pytest.raises(ValueError, match="KEY_PREFIX"):
        _cache("").clear()
    assert issubclass(PrefixScopedRedisCache, RedisCache)
