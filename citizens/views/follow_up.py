"""Follow-ups: logging one, confirming mentor hours, and the lists of overdue follow-ups and
unconfirmed hours."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import COORDINATORS, role_required
from audit.models import AccessAction
from audit.services import access_record
from citizens import selectors, services
from citizens.forms import (
    FollowUpForm,
)
from citizens.models import FollowUp
from citizens.views._common import _citizen_form_page
from mentorship.idempotency import idempotent_create
from mentorship.web import action_submit, form_submit, paginate, query_without, safe_next


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def follow_up_create(request, pk: int):
    citizen = selectors.citizen_get(jobcenter=request.jobcenter, pk=pk)
    initial = {}
    placement_id = request.GET.get("forloeb")
    if placement_id and placement_id.isdigit():
        initial["placement"] = int(placement_id)
    form = FollowUpForm(request.POST or None, citizen=citizen, initial=initial)
    if response := form_submit(
        request,
        form,
        lambda: services.follow_up_create(
            actor=request.user,
            citizen=citizen,
            data=form.follow_up_data(),
            hours_confirmed_by_citizen=form.cleaned_data["hours_confirmed_by_citizen"],
        ),
        success_message=_("Opfølgningen er gemt."),
        redirect_to=lambda follow_up: (
            reverse("citizens:placement_detail", kwargs={"pk": follow_up.placement_id})
            if follow_up.placement_id
            else reverse("citizens:timeline", kwargs={"pk": citizen.pk})
        ),
    ):
        return response
    return _citizen_form_page(request, {"form": form, "citizen": citizen, "title": _("Ny opfølgning")})


@role_required(*COORDINATORS)
@require_POST
def follow_up_confirm_hours(request, pk: int):
    follow_up = get_object_or_404(FollowUp.objects.filter(jobcenter=request.jobcenter), pk=pk)
    action_submit(
        request,
        lambda: services.follow_up_confirm_hours(actor=request.user, follow_up=follow_up),
        success_message=_("Timerne er bekræftet."),
    )
    return redirect(safe_next(request, "citizens:hours"))


@role_required(*COORDINATORS)
@require_GET
def follow_up_overdue(request):
    page = paginate(selectors.placements_without_follow_up(jobcenter=request.jobcenter), request)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Forløb uden opfølgning"))
    context = {
        "placements": page.rows,
        "page": page,
        "today": timezone.localdate(),
        "overdue_days": selectors.FOLLOW_UP_DUE_DAYS,
    }
    return render(request, "citizens/follow_up_overdue.html", context)


@role_required(*COORDINATORS)
@require_GET
def unconfirmed_hours(request):
    page = paginate(selectors.unconfirmed_hours(jobcenter=request.jobcenter), request)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Ubekræftede mentortimer"))
    context = {
        "page": page,
        "total": selectors.unconfirmed_hours_total(jobcenter=request.jobcenter),
        "query": query_without(request),
    }
    return render(request, "citizens/unconfirmed_hours.html", context)
