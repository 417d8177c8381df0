"""The test suite's Redis cache: Django's RedisCache whose clear() deletes only the keys under its own prefix.

Django's RedisCache.clear() empties the whole Redis database (FLUSHDB). Tests clear the cache to reset the
rate-limit counters, and the suite runs in two pytest-xdist workers (and several checkouts may share one
Redis database), so one worker's clear() would wipe the counters another worker is counting in the middle of
a test. mentorship/settings_test.py gives every test database (so every worker) its own KEY_PREFIX and uses
this backend, so clearing stays inside the run that asked for it.
"""

from django.core.cache.backends.redis import RedisCache


class PrefixScopedRedisCache(RedisCache):
    def clear(self) -> bool:
        if not self.key_prefix:
            raise ValueError("PrefixScopedRedisCache needs a KEY_PREFIX: without one it would clear other runs' keys.")
        client = self._cache.get_client(None, write=True)
        # make_key() builds "<prefix>:<version>:<key>"; glob characters in the prefix are escaped.
        pattern = "".join(f"\\{char}" if char in "*?[]\\" else char for char in self.key_prefix) + ":*"
        deleted = 0
        batch = []
        for key in client.scan_iter(match=pattern, count=500):
            batch.append(key)
            if len(batch) == 500:
                deleted += client.delete(*batch)
                batch = []
        if batch:
            deleted += client.delete(*batch)
        return bool(deleted)
