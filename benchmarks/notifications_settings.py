"""Settings for benchmarks/notifications_fanout.py: the product's settings (started with DJANGO_DEBUG=1 for the
development keys) with DEBUG off again, so Django does not keep every query in memory, and the no-op mail
backend."""

import os

from mentorship.settings import *  # noqa: F403

DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
if os.environ.get("BENCH_SMTP_PORT"):  # --smtp: a local SMTP sink the benchmark starts
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST, EMAIL_PORT = "127.0.0.1", int(os.environ["BENCH_SMTP_PORT"])
# The worker keeps its database connections (a production worker opens one per task: DATABASE_CONN_MAX_AGE is 0
# outside gunicorn), so the benchmark can read the CPU its PostgreSQL backends used.
DATABASES["default"]["CONN_MAX_AGE"] = 600  # noqa: F405
