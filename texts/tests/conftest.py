import pytest

from mentorship.celery import app


@pytest.fixture(autouse=True)
def _eager_celery():
    """The e-mail tests send what they enqueue in-process (locmem mail backend), as notifications' tests do."""
    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous
