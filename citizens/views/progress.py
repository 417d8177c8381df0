"""The goals and competence-card assessments of a placement or a mentor agreement (the owner). The same views
serve both: the URL names the owner (`owner="placement"` or `"agreement"`), and the coordinators who may
change the owner write its goals and assessments (a corps mentor has no login; the coordinator enters the
mentor's assessment)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import COORDINATORS, role_required
from citizens import selectors, services
from citizens.forms import (
    AssessmentForm,
    GoalForm,
    GoalStatusForm,
)
from citizens.models import Goal
from citizens.models.placement import AGREEMENT_ASSESSORS, PLACEMENT_ASSESSORS
from citizens.views._common import _citizen_form_page
from mentorship.idempotency import idempotent_create
from mentorship.web import form_submit

# The URL's owner kind: how the owner is read, and who may have assessed it.
OWNERS = {
    "placement": (selectors.placement_get, PLACEMENT_ASSESSORS),
    "agreement": (selectors.agreement_get, AGREEMENT_ASSESSORS),
}
PAGES = {"placement": "citizens:placement_detail", "mentoragreement": "citizens:agreement_detail"}


def _owner_page(owner) -> str:
    return reverse(PAGES[owner._meta.model_name], kwargs={"pk": owner.pk})


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def goal_create(request, pk: int, owner: str = "placement"):
    read, _assessors = OWNERS[owner]
    found = read(jobcenter=request.jobcenter, pk=pk)
    form = GoalForm(request.POST or None, owner=found)
    if response := form_submit(
        request,
        form,
        lambda: services.goal_create(actor=request.user, **{owner: found}, **form.cleaned_data),
        success_message=_("Målet er tilføjet."),
        redirect_to=_owner_page(found),
    ):
        return response
    context = {"form": form, "citizen": found.citizen, "title": _("Nyt mål eller delmål")}
    return _citizen_form_page(request, context)


@role_required(*COORDINATORS)
@require_POST
def goal_update(request, pk: int):
    goal = get_object_or_404(
        Goal.objects.filter(jobcenter=request.jobcenter).select_related("placement", "agreement"), pk=pk
    )
    form = GoalStatusForm(request.POST)
    if form.is_valid():
        services.goal_update(actor=request.user, goal=goal, **form.cleaned_data)
        messages.success(request, _("Målet er opdateret."))
    else:
        messages.error(request, _("Vælg en gyldig status og dato."))
    return redirect(_owner_page(goal.owner))


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def assessment_create(request, pk: int, owner: str = "placement"):
    read, assessors = OWNERS[owner]
    found = read(jobcenter=request.jobcenter, pk=pk)
    form = AssessmentForm(request.POST or None, jobcenter=request.jobcenter, assessors=assessors)
    if response := form_submit(
        request,
        form,
        lambda: services.progress_assessment_record(
            actor=request.user,
            **{owner: found},
            assessed_on=form.cleaned_data["assessed_on"],
            scores=form.score_inputs(),
            assessor_kind=form.cleaned_data["assessor_kind"],
        ),
        success_message=_("Vurderingen er gemt."),
        redirect_to=_owner_page(found),
    ):
        return response
    context = {"form": form, "citizen": found.citizen, "title": _("Ny progressionsvurdering")}
    return _citizen_form_page(request, context)
