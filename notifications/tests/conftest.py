import pytest

from mentorship.celery import app
from notifications import kinds
from notifications.tests.factories import TEMPLATES, TEST_KIND

kinds.register(
    kinds.MessageKind(
        key=TEST_KIND,
        label="Testinvitation",
        example_context=lambda: {"name": "Lars Jensen", "title": "Netværksmøde for mentorer"},
        **TEMPLATES,
    )
)


@pytest.fixture(autouse=True)
def _eager_celery():
    """Unit tests run tasks in-process (locmem mail backend); the real-worker tests start their own worker."""
    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous
