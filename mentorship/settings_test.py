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
