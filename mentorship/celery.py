"""The Celery application. Configuration lives in settings (CELERY_*), including the beat schedule."""

import gc
import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")

app = Celery("mentorship")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _prepare_filesystem_broker(**_kwargs) -> None:
    """The filesystem transport (no REDIS_URL) needs its folders before the worker polls them."""
    from django.conf import settings

    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    for key in ("data_folder_in", "data_folder_out", "control_folder"):
        if key in options:
            os.makedirs(options[key], exist_ok=True)


@worker_init.connect
def _load_url_conf(**_kwargs) -> None:
    """The URL conf is imported once, in the worker's main process before the pool processes are forked from it:
    otherwise every pool process imports it (1.6 s of CPU, the SAML client the largest part) when its first
    message with a link is sent, e.g. in the middle of the weekly reminders. Then everything loaded so far is
    moved out of the garbage collector's sight (gc.freeze): the modules, templates and URL patterns live as long
    as the process, and each full collection walked them all again, about 10 µs of CPU a weekly reminder sent
    (benchmarks/notifications_send_stages.py)."""
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 (loads the URL conf and its reverse table)
    gc.freeze()
