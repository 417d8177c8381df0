"""Project-wide pages: the start page, the accessibility statement, the health check and error pages."""

import functools
import logging
import threading

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.models import Role

logger = logging.getLogger(__name__)
_database_down = threading.Event()  # set while the health check fails, so the warning is logged once per outage


@require_GET
def home(request):
    """Each role starts where its work is; the platform superuser works in Django admin."""
    membership = request.membership
    if membership is None:
        if request.user.is_superuser:
            return redirect("admin:index")
        raise PermissionDenied
    if membership.role == Role.COMPANY_LEADER:
        from portal.views import home as portal_home

        return portal_home(request)
    from audit.models import AccessAction
    from audit.services import access_record
    from reports.next_steps import waiting_on
    from reports.selectors import caseworker_todo, coordinator_todo

    if membership.role == Role.CASEWORKER:
        todo = caseworker_todo(jobcenter=request.jobcenter, user=request.user)
    else:
        todo = coordinator_todo(jobcenter=request.jobcenter)
    waiting = waiting_on(jobcenter=request.jobcenter, role=membership.role, user=request.user)
    if any(waiting_list.rows for waiting_list in waiting):
        # The lists name citizens: the start page's read of them is logged like any other list of citizens.
        access_record(request=request, action=AccessAction.VIEW, purpose=_("Forsiden: det venter på dig"))
    return render(request, "home.html", {"todo": todo, "waiting": waiting})


@functools.cache
def _favicon() -> bytes:
    return (settings.BASE_DIR / "static" / "img" / "favicon.svg").read_bytes()


@login_not_required
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico where a document names no icon of its own (a plain-text answer, a PDF or
    a CSV opened in a tab): the product's icon, rather than a 404 in the log and in the browser's console."""
    return HttpResponse(_favicon(), content_type="image/svg+xml")


@login_not_required
@require_GET
def accessibility_statement(request):
    return render(request, "accessibility.html")


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """For the load balancer: 200 when the database answers, 503 "not ready" when it does not.

    A database that refuses connections is an expected state during a restart, not a bug: one warning
    line per outage (per process), no traceback on every probe.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        if not _database_down.is_set():
            _database_down.set()
            reason = str(error).strip().partition("\n")[0]
            logger.warning("Health check: the database is not ready: %s", reason)
        return HttpResponse("not ready", status=503, content_type="text/plain")
    if _database_down.is_set():
        _database_down.clear()
        logger.info("Health check: the database answers again.")
    return HttpResponse("ok", content_type="text/plain")


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Rendered without context processors: nothing that failed may be needed to report the failure."""
    return HttpResponseServerError(loader.get_template("500.html").render())
