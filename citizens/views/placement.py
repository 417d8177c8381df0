"""Placements: proposal, the work agreement, its end and the step-up plan."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import COORDINATORS, STAFF, role_required
from audit.models import AccessAction
from audit.services import access_record
from citizens import selectors, services
from citizens.charts import progress_chart
from citizens.forms import (
    GoalStatusForm,
    HoursStepForm,
    OutcomeForm,
    PlacementForm,
)
from citizens.views._common import _citizen_form_page, _is_coordinator
from mentorship.idempotency import idempotent_create
from mentorship.web import chosen_in_query, form_submit


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def placement_create(request, pk: int):
    citizen = selectors.citizen_get(jobcenter=request.jobcenter, pk=pk)
    form = PlacementForm(
        request.POST or None,
        jobcenter=request.jobcenter,
        initial={"responsible": request.user, "starts_on": timezone.localdate(), **chosen_in_query(request, "company")},
        refresh_url=request.path,
    )
    if response := form_submit(
        request,
        form,
        lambda: services.placement_create(
            actor=request.user,
            citizen=citizen,
            data=form.placement_data(),
            accepted=form.cleaned_data["accepted"],
        ),
        success_message=_("Forløbet er oprettet."),
        redirect_to=lambda placement: reverse("citizens:placement_detail", kwargs={"pk": placement.pk}),
    ):
        return response
    return _citizen_form_page(request, {"form": form, "citizen": citizen, "title": _("Nyt forløb")})


@role_required(*STAFF)
@require_GET
def placement_detail(request, pk: int):
    placement = selectors.placement_detail(jobcenter=request.jobcenter, pk=pk)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Forløb"), obj=placement.citizen)
    progress = selectors.placement_progress(placement=placement)
    context = {
        "placement": placement,
        "citizen": placement.citizen,
        "is_coordinator": _is_coordinator(request),
        "progress": progress,
        "chart": progress_chart(progress),
        "follow_ups": selectors.placement_follow_ups(placement=placement),
        "goal_status_choices": GoalStatusForm.base_fields["status"].choices,
    }
    return render(request, "citizens/placement_detail.html", context)


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def placement_update(request, pk: int):
    placement = selectors.placement_get(jobcenter=request.jobcenter, pk=pk)
    form = PlacementForm(
        request.POST or None,
        instance=placement,
        jobcenter=request.jobcenter,
        initial=chosen_in_query(request, "company"),
        refresh_url=request.path,
    )
    if response := form_submit(
        request,
        form,
        lambda: services.placement_update(actor=request.user, placement=placement, data=form.placement_data()),
        success_message=_("Arbejdsaftalen er gemt."),
        redirect_to=reverse("citizens:placement_detail", kwargs={"pk": placement.pk}),
    ):
        return response
    context = {"form": form, "citizen": placement.citizen, "title": _("Redigér forløb og arbejdsaftale")}
    return _citizen_form_page(request, context)


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def placement_end(request, pk: int):
    placement = selectors.placement_get(jobcenter=request.jobcenter, pk=pk)
    form = OutcomeForm(request.POST or None)
    if response := form_submit(
        request,
        form,
        lambda: services.placement_end(
            actor=request.user,
            placement=placement,
            outcome=form.cleaned_data["outcome"],
            ended_on=form.cleaned_data["on"],
        ),
        success_message=_("Forløbet er afsluttet."),
        redirect_to=reverse("citizens:placement_detail", kwargs={"pk": placement.pk}),
    ):
        return response
    context = {"form": form, "citizen": placement.citizen, "title": _("Afslut forløb")}
    return _citizen_form_page(request, context)


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def hours_step_create(request, pk: int):
    placement = selectors.placement_get(jobcenter=request.jobcenter, pk=pk)
    form = HoursStepForm(request.POST or None)
    if response := form_submit(
        request,
        form,
        lambda: services.hours_step_add(actor=request.user, placement=placement, **form.cleaned_data),
        success_message=_("Trinnet er tilføjet til optrapningsplanen."),
        redirect_to=reverse("citizens:placement_detail", kwargs={"pk": placement.pk}),
    ):
        return response
    context = {"form": form, "citizen": placement.citizen, "title": _("Nyt trin i optrapningsplanen")}
    return _citizen_form_page(request, context)
