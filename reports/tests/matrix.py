"""Reports: coordinators and jobcenter admins. Caseworkers get 403: the reports show every mentor's
load and hours and every company's compensation, management information their case work does not
need; their start page shows their own citizens instead. The other jobcenter's coordinator gets 200
with their own jobcenter's figures (the selectors are scoped to request.jobcenter; the tests in
reports/tests/test_views.py check that none of this jobcenter's data appears)."""

from tests.permissions import coordinators_only

REPORT = {"slug": "resultater"}

MATRIX = {
    "reports:index": coordinators_only(),
    "reports:report": coordinators_only(kwargs=lambda world: REPORT),
    "reports:export_csv": coordinators_only(kwargs=lambda world: REPORT),
    "reports:export_xlsx": coordinators_only(kwargs=lambda world: REPORT),
}
