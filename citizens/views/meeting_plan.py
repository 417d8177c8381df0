"""Planning an agreement's first meeting: plan or move it, call it off, and the letter to the citizen who has no
mobile number. Whoever may change the agreement (a coordinator or jobcenter admin) plans it; every member of
staff may print the letter."""

import datetime

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import COORDINATORS, STAFF, role_required
from audit.models import AccessAction
from audit.services import access_record
from citizens import selectors, services
from citizens.forms import FirstMeetingPlanForm
from citizens.views._common import _citizen_form_page
from mentorship.ical import COPENHAGEN
from mentorship.web import action_submit, form_submit


def _initial(agreement, plan) -> dict:
    if plan is not None and plan.is_planned:
        starts, ends = plan.starts_at.astimezone(COPENHAGEN), plan.ends_at.astimezone(COPENHAGEN)
        return {
            "date": starts.date(),
            "start": starts.time(),
            "end": ends.time(),
            "place": plan.place,
            "caseworker": plan.caseworker,
        }
    return {
        "start": datetime.time(10, 0),
        "end": datetime.time(11, 0),
        "caseworker": agreement.caseworker or agreement.citizen.caseworker,
    }


def _told(agreement) -> str:
    if services.mobile_of(agreement.citizen):
        return _("Mentoren og sagsbehandleren får en kalenderinvitation, og borgeren får en SMS.")
    return _("Mentoren og sagsbehandleren får en kalenderinvitation. Borgeren har ikke et mobilnummer: udskriv brevet.")


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def first_meeting_plan(request, pk: int):
    agreement = selectors.agreement_get(jobcenter=request.jobcenter, pk=pk)
    plan = selectors.first_meeting_plan_latest(agreement=agreement)
    planned = plan is not None and plan.is_planned
    form = FirstMeetingPlanForm(
        request.POST or None,
        jobcenter=request.jobcenter,
        initial=_initial(agreement, plan),
        submit_label=_("Flyt mødet og send invitationer") if planned else _("Planlæg og send invitationer"),
    )
    if response := form_submit(
        request,
        form,
        lambda: services.first_meeting_plan(actor=request.user, agreement=agreement, data=form.cleaned_data),
        success_message=_("Opstartsmødet er gemt.") + " " + _told(agreement),
        redirect_to=reverse("citizens:agreement_detail", kwargs={"pk": agreement.pk}),
    ):
        return response
    mentor = agreement.mentor_display
    context = {
        "form": form,
        "citizen": agreement.citizen,
        "title": _("Flyt opstartsmødet") if planned else _("Planlæg opstartsmøde"),
        "lead": _("Borgeren, mentoren (%(mentor)s) og sagsbehandleren eller kontaktpersonen deltager. %(told)s")
        % {"mentor": mentor.full_name if mentor else _("ikke valgt endnu"), "told": _told(agreement)},
    }
    return _citizen_form_page(request, context)


@role_required(*COORDINATORS)
@require_POST
def first_meeting_cancel(request, pk: int):
    agreement = selectors.agreement_get(jobcenter=request.jobcenter, pk=pk)
    action_submit(
        request,
        lambda: services.first_meeting_cancel(actor=request.user, agreement=agreement),
        success_message=_("Opstartsmødet er aflyst. Mentoren og sagsbehandleren har fået en aflysning til kalenderen."),
    )
    return redirect("citizens:agreement_detail", pk=agreement.pk)


@role_required(*STAFF)
@require_GET
def first_meeting_letter(request, pk: int):
    """The letter to the citizen about the planned (or called-off) meeting, to print and send."""
    agreement = selectors.agreement_get(jobcenter=request.jobcenter, pk=pk)
    plan = selectors.first_meeting_plan_latest(agreement=agreement)
    if plan is None:
        raise Http404
    access_record(
        request=request,
        action=AccessAction.PRINT,
        purpose=_("Brev til borgeren om opstartsmøde"),
        obj=agreement.citizen,
    )
    context = {
        "agreement": agreement,
        "citizen": agreement.citizen,
        "plan": plan,
        "when": services.when_text(plan),
        "mentor": agreement.mentor_display,
    }
    return render(request, "citizens/first_meeting_letter.html", context)
