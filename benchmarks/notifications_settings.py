"""Settings for benchmarks/notifications_fanout.py: the product's settings (started with DJANGO_DEBUG=1 for the
development keys) with DEBUG off again, so Django does not keep every query in memory, and the no-op mail
backend."""

from mentorship.settings import *  # noqa: F403

DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
