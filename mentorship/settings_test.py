"""Settings for the test suite: the production settings with test-only secrets and fast hashing."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-that-is-long-enough-for-the-checks-0123456789")
os.environ.setdefault("DJANGO_HTTPS", "false")
os.environ.setdefault("EMAIL_BACKEND", "locmem")
os.environ.setdefault("MENTORSHIP_CPR_KEY", "dGVzdC1vbmx5LWNwci1rZXktMzItYnl0ZXMtbG9uZyE=")
os.environ.setdefault("MENTORSHIP_CPR_HASH_KEY", "test-only-cpr-hash-key")

from mentorship.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the finders, so tests need no collectstatic run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# pytest-xdist runs the suite in several worker processes (`make test` uses two). pytest-django gives each worker
# its own test database (the name with a `_gw0`, `_gw1` ... suffix); the Redis cache gets a key prefix per test
# database and worker, and a clear() that deletes only that prefix (tests/cache.py), so one worker resetting the
# rate-limit counters never resets another's, nor those of another checkout sharing the Redis database.
if REDIS_URL:  # noqa: F405
    CACHES["default"]["BACKEND"] = "tests.cache.PrefixScopedRedisCache"  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = "-".join(  # noqa: F405
        filter(None, ["test", os.environ.get("DATABASE_TEST_NAME"), os.environ.get("PYTEST_XDIST_WORKER")])
    )

# Every call of a prepared query (mentorship.prepared) also compiles its queryset afresh and fails unless the SQL and
# parameters are the same: each test that reaches one checks it.
PREPARED_QUERIES_VERIFY = True
