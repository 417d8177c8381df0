"""With DEBUG on (make run), a missing page is the product's own Danish 404 and a failing view its own 500,
not Django's technical pages in English (mentorship.middleware.DebugErrorPagesMiddleware)."""

import pytest
from django.test import override_settings
from django.urls import reverse

from mentorship.middleware import DebugErrorPagesMiddleware

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_an_unknown_address_is_the_danish_404_page_with_debug_on(client, world, login):
    for response in (client.get("/findes-ikke/"), login(world.coordinator).get("/findes-ikke/")):
        page = response.content.decode()
        assert response.status_code == 404
        assert "Siden findes ikke" in page
        assert "Page not found" not in page and "Using the URLconf" not in page


@override_settings(DEBUG=True)
def test_an_absent_object_is_the_danish_404_page_with_debug_on(world, login):
    response = login(world.coordinator).get(reverse("corps:mentor_detail", kwargs={"pk": 987654}))
    page = response.content.decode()
    assert response.status_code == 404 and "Siden findes ikke" in page and "Page not found" not in page


@override_settings(DEBUG=True, TECHNICAL_ERROR_PAGES=True)
def test_the_technical_pages_come_back_when_asked_for(client):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404 and "Siden findes ikke" not in response.content.decode()


@override_settings(DEBUG=True)
def test_a_failing_view_is_the_danish_500_page_and_the_traceback_is_logged(rf, caplog):
    request = rf.get("/")
    response = DebugErrorPagesMiddleware(lambda r: None).process_exception(request, RuntimeError("boom"))
    page = response.content.decode()
    assert response.status_code == 500 and "Der opstod en fejl" in page and "Traceback" not in page
    assert any(record.exc_info and "boom" in str(record.exc_info[1]) for record in caplog.records)


def test_without_debug_the_middleware_stands_aside(client):
    assert DebugErrorPagesMiddleware.active() is False
