"""A placement's goals and competence-card assessments."""

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
from citizens.views._common import _citizen_form_page
from mentorship.idempotency import idempotent_create
from mentorship.web import form_submit


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def goal_create(request, pk: int):
    placement = selectors.placement_get(jobcenter=request.jobcenter, pk=pk)
    form = GoalForm(request.POST or None, placement=placement)
    if response := form_submit(
        request,
        form,
        lambda: services.goal_create(actor=request.user, placement=placement, **form.cleaned_data),
        success_message=_("Målet er tilføjet."),
        redirect_to=reverse("citizens:placement_detail", kwargs={"pk": placement.pk}),
    ):
        return response
    context = {"form": form, "citizen": placement.citizen, "title": _("Nyt mål eller delmål")}
    return _citizen_form_page(request, context)


@role_required(*COORDINATORS)
@require_POST
def goal_update(request, pk: int):
    goal = get_object_or_404(
        Goal.objects.filter(placement__jobcenter=request.jobcenter).select_related("placement"), pk=pk
    )
    form = GoalStatusForm(request.POST)
    if form.is_valid():
        services.goal_update(actor=request.user, goal=goal, **form.cleaned_data)
        messages.success(request, _("Målet er opdateret."))
    else:
        messages.error(request, _("Vælg en gyldig status og dato."))
    return redirect("citizens:placement_detail", pk=goal.placement_id)


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def assessment_create(request, pk: int):
    placement = selectors.placement_get(jobcenter=request.jobcenter, pk=pk)
    form = AssessmentForm(request.POST or None, jobcenter=request.jobcenter)
    if response := form_submit(
        request,
        form,
        lambda: services.progress_assessment_record(
            actor=request.user,
            placement=placement,
            assessed_on=form.cleaned_data["assessed_on"],
            scores=form.score_inputs(),
            assessor_kind=form.cleaned_data["assessor_kind"],
        ),
        success_message=_("Vurderingen er gemt."),
        redirect_to=reverse("citizens:placement_detail", kwargs={"pk": placement.pk}),
    ):
        return response
    context = {"form": form, "citizen": placement.citizen, "title": _("Ny progressionsvurdering")}
    return _citizen_form_page(request, context)
