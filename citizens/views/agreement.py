"""Mentor agreements (LAB kapitel 26): draft, change, activate, end, renew, first meeting, print and PDF,
and the list of agreements about to run out."""

from crispy_forms.layout import Submit
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import COORDINATORS, STAFF, role_required
from audit.models import AccessAction
from audit.services import access_record
from citizens import selectors, services
from citizens.charts import progress_chart
from citizens.forms import (
    AgreementEndForm,
    AgreementForm,
    FirstMeetingForm,
    GoalStatusForm,
    RenewForm,
)
from citizens.pdf import agreement_pdf
from citizens.periods import latest_agreement_end
from citizens.rules import AGREEMENT_ENDING_WARNING_WEEKS
from citizens.views._common import _citizen_form_page, _is_coordinator
from matching.selectors import offer_for_agreement
from mentorship.ical import COPENHAGEN
from mentorship.idempotency import idempotent_create
from mentorship.numbers import dk_hours
from mentorship.templatetags.dk import dk_date
from mentorship.web import action_submit, form_submit


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def agreement_create(request, pk: int):
    """A new draft, or with "Gem og sæt i kraft" an agreement in force at once (both or neither). Opened from
    an accepted offer (`?tilbud=<id>`), the mentor, the caseworker, the period, the goal (the referral's
    background) and the mentor's tasks (what the offer said) are filled in."""
    citizen = selectors.citizen_get(jobcenter=request.jobcenter, pk=pk)
    today = timezone.localdate()
    initial = {"starts_on": today, "caseworker": citizen.caseworker}
    offer_id = request.GET.get("tilbud", "")
    offer = offer_for_agreement(citizen=citizen, pk=int(offer_id)) if offer_id.isdigit() else None
    if offer is not None:
        initial |= {
            "mentor": offer.mentor,
            "ends_on": latest_agreement_end(today),
            "goal": citizen.referral_reason,
            "mentor_tasks": offer.message,
        }
    form = AgreementForm(request.POST or None, jobcenter=request.jobcenter, initial=initial)
    form.helper.add_input(Submit("activate", _("Gem og sæt i kraft"), css_class="button-secondary"))
    activate = "activate" in request.POST

    def create():
        with transaction.atomic():  # an agreement that cannot come into force is not saved as a draft either
            agreement = services.agreement_create(actor=request.user, citizen=citizen, data=form.agreement_data())
            if activate:
                services.agreement_activate(actor=request.user, agreement=agreement)
        return agreement

    if response := form_submit(
        request,
        form,
        create,
        success_message=(
            _("Mentoraftalen er oprettet og sat i kraft.") if activate else _("Mentoraftalen er oprettet som kladde.")
        ),
        redirect_to=lambda agreement: reverse("citizens:agreement_detail", kwargs={"pk": agreement.pk}),
    ):
        return response
    context = {"form": form, "citizen": citizen, "title": _("Ny mentoraftale")}
    if offer is not None:
        context["lead"] = _(
            "Udfyldt fra tilbuddet, som %(mentor)s sagde ja til den %(date)s. Tjek felterne, og udfyld timerne."
        ) % {"mentor": offer.mentor.full_name, "date": dk_date(timezone.localdate(offer.answered_at))}
    return _citizen_form_page(request, context)


@role_required(*STAFF)
@require_GET
def agreement_detail(request, pk: int):
    agreement = selectors.agreement_detail(jobcenter=request.jobcenter, pk=pk)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Mentoraftale"), obj=agreement.citizen)
    progress = selectors.agreement_progress(agreement=agreement)
    context = {
        "agreement": agreement,
        "citizen": agreement.citizen,
        "is_coordinator": _is_coordinator(request),
        "meeting": getattr(agreement, "first_meeting", None),
        "end_form": AgreementEndForm(),
        "plan": selectors.first_meeting_plan_latest(agreement=agreement),
        "citizen_mobile": services.mobile_of(agreement.citizen),
        "progress": progress,
        "chart": progress_chart(progress),
        "goal_status_choices": GoalStatusForm.base_fields["status"].choices,
    }
    return render(request, "citizens/agreement_detail.html", context)


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def agreement_update(request, pk: int):
    agreement = selectors.agreement_get(jobcenter=request.jobcenter, pk=pk)
    if not agreement.is_editable:
        messages.error(request, _("Kun en kladde kan ændres. Lav en ny aftale for at ændre en aktiv aftale."))
        return redirect("citizens:agreement_detail", pk=agreement.pk)
    form = AgreementForm(request.POST or None, instance=agreement, jobcenter=request.jobcenter)
    if response := form_submit(
        request,
        form,
        lambda: services.agreement_update(actor=request.user, agreement=agreement, data=form.agreement_data()),
        success_message=_("Aftalen er gemt."),
        redirect_to=reverse("citizens:agreement_detail", kwargs={"pk": agreement.pk}),
    ):
        return response
    context = {"form": form, "citizen": agreement.citizen, "title": _("Redigér mentoraftale")}
    return _citizen_form_page(request, context)


@role_required(*COORDINATORS)
@require_POST
def agreement_activate(request, pk: int):
    agreement = selectors.agreement_get(jobcenter=request.jobcenter, pk=pk)
    action_submit(
        request,
        lambda: services.agreement_activate(actor=request.user, agreement=agreement),
        success_message=_("Mentoraftalen er trådt i kraft."),
    )
    return redirect("citizens:agreement_detail", pk=agreement.pk)


@role_required(*COORDINATORS)
@require_POST
def agreement_end(request, pk: int):
    agreement = selectors.agreement_get(jobcenter=request.jobcenter, pk=pk)
    form = AgreementEndForm(request.POST)
    if form.is_valid():
        action_submit(
            request,
            lambda: services.agreement_end(
                actor=request.user,
                agreement=agreement,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["end_reason"],
            ),
            success_message=_("Mentoraftalen er afsluttet."),
        )
    else:
        messages.error(request, _("Vælg en gyldig dato for afslutningen."))
    return redirect("citizens:agreement_detail", pk=agreement.pk)


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def agreement_renew(request, pk: int):
    agreement = selectors.agreement_get(jobcenter=request.jobcenter, pk=pk)
    start = agreement.ends_on
    form = RenewForm(
        request.POST or None,
        jobcenter=request.jobcenter,
        initial={
            **{name: getattr(agreement, name) for name in ("mentor", "company_mentor", "caseworker", "goal")},
            "mentor_tasks": agreement.mentor_tasks,
            "hours_total": agreement.hours_total,
            "hours_per_week": agreement.hours_per_week,
            "complaint_guidance": agreement.complaint_guidance,
            "starts_on": start,
        },
    )
    if response := form_submit(
        request,
        form,
        lambda: services.agreement_renew(
            actor=request.user,
            agreement=agreement,
            renewal_assessment=form.cleaned_data["renewal_assessment"],
            data=form.agreement_data(),
        ),
        success_message=_("Forlængelsen er oprettet som en ny aftale (kladde)."),
        redirect_to=lambda new: reverse("citizens:agreement_detail", kwargs={"pk": new.pk}),
    ):
        return response
    context = {"form": form, "citizen": agreement.citizen, "title": _("Forlæng med ny mentoraftale")}
    return _citizen_form_page(request, context)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def first_meeting(request, pk: int):
    agreement = selectors.agreement_get(jobcenter=request.jobcenter, pk=pk)
    meeting = getattr(agreement, "first_meeting", None)
    initial = {}
    if meeting is None and request.method == "GET":
        # A planned meeting fills in its day; the citizen, mentor and caseworker it invited are ticked by default.
        plan = selectors.first_meeting_plan_latest(agreement=agreement)
        if plan is not None and plan.is_planned:
            initial["held_on"] = timezone.localdate(plan.starts_at, COPENHAGEN)
    form = FirstMeetingForm(request.POST or None, instance=meeting, initial=initial)

    def submit():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.first_meeting_save(actor=request.user, agreement=agreement, data=data)

    if response := form_submit(
        request,
        form,
        submit,
        success_message=_("Opstartsmødet er gemt."),
        redirect_to=reverse("citizens:agreement_detail", kwargs={"pk": agreement.pk}),
    ):
        return response
    context = {"form": form, "citizen": agreement.citizen, "title": _("Opstartsmøde")}
    return _citizen_form_page(request, context)


def _agreement_sections(agreement) -> list[tuple[str, str]]:
    citizen = agreement.citizen
    mentor = agreement.mentor_display
    mentor_contact = ""
    if mentor is not None:
        mentor_contact = ", ".join(part for part in (mentor.full_name, mentor.email, mentor.phone) if part)
    hours = _("%(total)s timer i alt") % {"total": dk_hours(agreement.hours_total)}
    if agreement.hours_per_week is not None:
        hours += _(", ca. %(week)s timer om ugen") % {"week": dk_hours(agreement.hours_per_week)}
    sections = [
        (_("Borger"), f"{citizen.name}" + (f" ({citizen.cpr_masked})" if citizen.has_cpr else "")),
        (
            _("Jobcenter"),
            ", ".join(
                part
                for part in (
                    agreement.jobcenter.name,
                    agreement.jobcenter.address,
                    agreement.jobcenter.phone,
                    agreement.caseworker.full_name if agreement.caseworker else "",
                )
                if part
            ),
        ),
        (_("Mentor (navn og kontaktoplysninger)"), mentor_contact or _("Ikke valgt endnu")),
        (_("Formål og mål med mentorstøtten"), agreement.goal),
        (_("Mentorens opgaver"), agreement.mentor_tasks),
        (
            _("Periode"),
            _(
                "%(start)s til %(end)s. Aftalen gælder højst 6 måneder og kan kun forlænges med en ny aftale "
                "efter en konkret vurdering."
            )
            % {"start": agreement.starts_on.strftime("%d.%m.%Y"), "end": agreement.ends_on.strftime("%d.%m.%Y")},
        ),
        (_("Omfang"), hours),
    ]
    if agreement.renews_id:
        sections.append((_("Konkret vurdering ved forlængelse"), agreement.renewal_assessment))
    sections.append((_("Klagevejledning (LAB kapitel 26)"), agreement.complaint_guidance))
    sections.append((_("Underskrifter"), _("Borger: ____________________    Jobcenter: ____________________")))
    return sections


@role_required(*STAFF)
@require_GET
def agreement_print(request, pk: int):
    agreement = selectors.agreement_get(jobcenter=request.jobcenter, pk=pk)
    access_record(
        request=request, action=AccessAction.PRINT, purpose=_("Udskrift af mentoraftale"), obj=agreement.citizen
    )
    context = {"agreement": agreement, "sections": _agreement_sections(agreement)}
    return render(request, "citizens/agreement_print.html", context)


@role_required(*STAFF)
@require_GET
def agreement_pdf_view(request, pk: int):
    agreement = selectors.agreement_get(jobcenter=request.jobcenter, pk=pk)
    access_record(request=request, action=AccessAction.PRINT, purpose=_("Mentoraftale som PDF"), obj=agreement.citizen)
    title = _("Mentoraftale efter lov om en aktiv beskæftigelsesindsats, kapitel 26")
    content = agreement_pdf(agreement, _agreement_sections(agreement), title)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mentoraftale-{agreement.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@role_required(*STAFF)
@require_GET
def agreements_ending(request):
    """The coordinators' list of agreements to end or renew; a caseworker sees their own citizens' (the list
    their start page's to-do links to), to follow, not to renew."""
    agreements = selectors.agreements_ending_within(jobcenter=request.jobcenter)
    is_coordinator = _is_coordinator(request)
    if not is_coordinator:
        agreements = agreements.filter(citizen__caseworker=request.user)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Aftaler der udløber"))
    context = {
        "agreements": list(agreements[:200]),
        "weeks": AGREEMENT_ENDING_WARNING_WEEKS,
        "is_coordinator": is_coordinator,
    }
    return render(request, "citizens/agreements_ending.html", context)
