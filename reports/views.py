"""The reports pages and their exports. Coordinators and jobcenter admins only: the reports show
every mentor's load and hours and every company's compensation, which is management information a
caseworker's case work does not need (data minimisation); caseworkers get their own to-do list on
the start page instead. Every report is scoped to the request's jobcenter."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.permissions import COORDINATORS, role_required
from audit.models import AccessAction
from audit.services import access_record
from reports.exports import export_response
from reports.registry import BY_SLUG, REPORTS


def _build(request, slug: str):
    spec = BY_SLUG.get(slug)
    if spec is None:
        raise Http404
    jobcenter = request.jobcenter
    filterset = spec.filterset(request.GET or None, queryset=spec.base(jobcenter), jobcenter=jobcenter)
    return spec, filterset, spec.build(jobcenter, filterset)


@role_required(*COORDINATORS)
@require_GET
def index(request):
    return render(request, "reports/index.html", {"reports": REPORTS})


@role_required(*COORDINATORS)
@require_GET
def report(request, slug: str):
    spec, filterset, result = _build(request, slug)
    query = request.GET.urlencode()
    context = {"spec": spec, "filter": filterset, "report": result, "reports": REPORTS, "query": query}
    return render(request, "reports/report.html", context)


def _export(request, slug: str, fmt: str):
    spec, _filterset, result = _build(request, slug)
    access_record(
        request=request,
        action=AccessAction.EXPORT,
        purpose=_("Rapport: %(title)s (%(fmt)s)") % {"title": spec.title, "fmt": fmt.upper()},
        criterion=request.GET.urlencode()[:200],
    )
    return export_response(result, slug=spec.slug, fmt=fmt, title=str(spec.title))


@role_required(*COORDINATORS)
@require_GET
def export_csv(request, slug: str):
    return _export(request, slug, "csv")


@role_required(*COORDINATORS)
@require_GET
def export_xlsx(request, slug: str):
    return _export(request, slug, "xlsx")
