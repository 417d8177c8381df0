"""Every page that shows a citizen writes an access-log entry for that citizen.

The pages are derived from the permission matrix: every row whose kwargs build an object (a citizen, or
something that belongs to one: an agreement, a placement, a claim, ...) is opened with GET by a role that
may see it. A page whose answer names a citizen the row created shows that citizen, and must be listed
in CITIZEN_PAGES; every listed page must write an entry against that citizen (content type citizen,
the citizen's id), so the citizen's "who has seen my data" page shows the read. A new URL that shows a
citizen therefore fails here until it logs the read and is listed.
"""

import html
import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from audit.models import AccessLog
from citizens.models import Citizen
from citizens.tests.factories import CitizenFactory
from tests.test_permission_matrix import MATRIX, client_for

pytestmark = pytest.mark.django_db

# Every GET page (from the matrix rows with kwargs) that shows one citizen's data.
CITIZEN_PAGES = {
    "audit:archive_hold",
    "audit:erase",
    "audit:person_access_log",
    "audit:subject_access",
    "audit:subject_access_json",
    "audit:subject_access_pdf",
    "citizens:agreement_assessment_create",
    "citizens:agreement_create",
    "citizens:agreement_detail",
    "citizens:agreement_goal_create",
    "citizens:agreement_pdf",
    "citizens:agreement_print",
    "citizens:agreement_renew",
    "citizens:agreement_update",
    "citizens:assessment_create",
    "citizens:detail",
    "citizens:end",
    "citizens:first_meeting",
    "citizens:first_meeting_letter",
    "citizens:first_meeting_plan",
    "citizens:follow_up_create",
    "citizens:goal_create",
    "citizens:hours_step_create",
    "citizens:placement_create",
    "citizens:placement_detail",
    "citizens:placement_end",
    "citizens:placement_update",
    "citizens:sensitive",
    "citizens:timeline",
    "citizens:update",
    "companies:claim_detail",
    "matching:citizen",
    "matching:placement_suggestions",
    "matching:preferences",
    "portal:claim_detail",
    "portal:placement_answer",
    "portal:placement_assessment",
    "portal:placement_detail",
    "portal:placement_follow_up",
}

# The first role of these that the matrix lets in (200) opens the page.
READERS = ("coordinator", "caseworker", "jobcenter_admin", "leader_a")


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if content_type.startswith("application/vnd.openxmlformats"):
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    if content_type.startswith("application/json"):
        return json.dumps(json.loads(content), ensure_ascii=False)
    return html.unescape(content.decode("utf-8"))


def _object_rows():
    return sorted(
        (name, row) for name, row in MATRIX.items() if row.kwargs and any(row.expected(r) == 200 for r in READERS)
    )


def test_every_listed_page_is_a_matrix_row_opened_with_get():
    rows = dict(_object_rows())
    assert sorted(CITIZEN_PAGES - set(rows)) == []


@pytest.mark.parametrize("name", [name for name, _row in _object_rows()])
def test_a_page_that_shows_a_citizen_logs_the_read_for_that_citizen(name, world):
    row = MATRIX[name]
    role = next(role for role in READERS if row.expected(role) == 200)
    client = client_for(role, world)
    before = set(Citizen.objects.values_list("pk", flat=True))
    kwargs = row.kwargs(world)
    created = list(Citizen.objects.exclude(pk__in=before))
    url = reverse(name, kwargs=kwargs) + (f"?{row.query}" if row.query else "")
    _a_referred_citizen(world)
    last_entry = AccessLog.objects.order_by("-id").values_list("id", flat=True).first() or 0

    response = client.get(url)

    assert response.status_code == 200, url
    text = _text(response)
    shown = [citizen for citizen in created if citizen.name in text]
    if name not in CITIZEN_PAGES:
        assert not shown, f"{name} shows a citizen: log the read for the citizen and list it in CITIZEN_PAGES"
        _assert_a_listing_is_logged(name, url, text, last_entry, world)
        return
    assert shown, f"{name} is listed, but {url} shows no citizen its matrix row built"
    citizen_type = ContentType.objects.get_for_model(Citizen)
    logged = set(
        AccessLog.objects.filter(id__gt=last_entry, content_type=citizen_type).values_list("object_id", flat=True)
    )
    missing = [citizen.name for citizen in shown if str(citizen.pk) not in logged]
    assert not missing, f"{name} ({url}) shows {missing} but wrote no access-log entry for them"


def _a_referred_citizen(world) -> None:
    """A citizen referred and nothing more: a candidate for every list of citizens a page may show."""
    CitizenFactory(jobcenter=world.jobcenter, name="Nyhenvist Borgersen")


def _assert_a_listing_is_logged(name, url, text, last_entry, world) -> None:
    """A page that names any citizen of the jobcenter has written an access-log entry (for a listing: one entry
    with the page's criterion, as the citizen list does)."""
    names = set(Citizen.objects.filter(jobcenter=world.jobcenter).values_list("name", flat=True))
    shown = sorted(citizen for citizen in names if citizen in text)
    if shown:
        # An entry of this request about citizens: a listing (no object) or a citizen; one about the page's own
        # object (a mentor, a company) does not say that citizens were read.
        citizen_type = ContentType.objects.get_for_model(Citizen)
        entries = AccessLog.objects.filter(id__gt=last_entry, path=url).filter(
            Q(content_type__isnull=True) | Q(content_type=citizen_type)
        )
        assert entries.exists(), f"{name} ({url}) lists {shown} but logs no read of citizens"


def _list_rows():
    return sorted(
        (name, row)
        for name, row in MATRIX.items()
        if not row.kwargs and any(row.expected(r) == 200 for r in READERS) and "admin" not in name
    )


@pytest.mark.parametrize("name", [name for name, _row in _list_rows()])
def test_a_page_that_lists_citizens_logs_the_listing(name, world):
    """A page without an object of its own (a list, a report, an export, a form with choices) that names a citizen
    of the jobcenter writes an access-log entry for the listing, as the citizen list does. (Object pages are checked
    by the test above.)"""
    row = MATRIX[name]
    role = next(role for role in READERS if row.expected(role) == 200)
    client = client_for(role, world)
    _a_referred_citizen(world)
    url = reverse(name) + (f"?{row.query}" if row.query else "")
    last_entry = AccessLog.objects.order_by("-id").values_list("id", flat=True).first() or 0

    response = client.get(url)

    assert response.status_code == 200, url
    _assert_a_listing_is_logged(name, url, _text(response), last_entry, world)


def test_the_new_cohort_form_logs_the_candidates_also_when_it_comes_back_with_an_error(world):
    client = client_for("coordinator", world)
    _a_referred_citizen(world)
    url = reverse("matching:cohort_create")
    last_entry = AccessLog.objects.order_by("-id").values_list("id", flat=True).first() or 0

    response = client.post(url, {"name": ""})

    assert response.status_code == 400
    _assert_a_listing_is_logged("matching:cohort_create", url, _text(response), last_entry, world)
    assert "Nyhenvist Borgersen" in _text(response)
