import pytest

from mentorship.celery import app


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks (the outbox's sends) run in-process with the locmem mail backend."""
    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous
