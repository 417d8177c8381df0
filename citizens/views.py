"""Coordinator and caseworker screens for citizens, agreements, placements and follow-up. Thin:
permission, selector, form, service, response. Every read of a citizen's data writes an access-log
entry; a CPR number is shown only after a logged POST, and never written to any log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role
from accounts.permissions import COORDINATORS, STAFF, role_required
from audit.models import AccessAction
from audit.services import access_record
from citizens import selectors, services
from citizens.charts import progress_chart
from citizens.forms import (
    AgreementEndForm,
    AgreementForm,
    AssessmentForm,
    CitizenFilterForm,
    CitizenForm,
    CprSearchForm,
    FirstMeetingForm,
    FollowUpForm,
    GoalForm,
    GoalStatusForm,
    HoursStepForm,
    OutcomeForm,
    PlacementForm,
    RenewForm,
    SensitiveNoteForm,
)
from citizens.models import CitizenStatus, FollowUp, Goal, PlacementStatus
from citizens.pdf import agreement_pdf
from citizens.rules import AGREEMENT_ENDING_WARNING_WEEKS
from mentorship.idempotency import idempotent_create
from mentorship.numbers import dk_hours
from mentorship.web import action_submit, form_submit, paginate, query_without, safe_next

TIMELINE_FOLLOW_UPS = 200


def _is_coordinator(request) -> bool:
    return request.membership is not None and request.membership.role in COORDINATORS


def _citizen_form_page(request, context: dict):
    """A form about one citizen shows the citizen's data, so every rendering is logged for that citizen."""
    access_record(request=request, action=AccessAction.VIEW, purpose=context["title"], obj=context["citizen"])
    return render(request, "citizens/simple_form.html", context)


# --- Citizens ------------------------------------------------------------------------------------


def _looks_like_cpr(text: str) -> bool:
    return sum(ch.isdigit() for ch in text or "") >= 6


@role_required(*STAFF)
@require_GET
def citizen_list(request):
    if _looks_like_cpr(request.GET.get("q", "")):
        # A CPR number must never sit in a URL (server logs, browser history, the access log's path).
        messages.warning(request, _('Søg på CPR-nummer i feltet "Find borger ud fra CPR-nummer".'))
        return redirect("citizens:list")
    form = CitizenFilterForm(request.GET or None, jobcenter=request.jobcenter)
    filters = form.cleaned_data if form.is_valid() else {}
    target_group = filters.get("target_group")
    queryset = selectors.citizens_for_list(
        jobcenter=request.jobcenter,
        search=filters.get("q", ""),
        status=filters.get("status", ""),
        target_group=target_group.pk if target_group else None,
        caseworker=request.user if filters.get("mine") else None,
    )
    page = paginate(queryset, request)
    criterion = selectors.search_criterion(
        search=filters.get("q", ""),
        status=filters.get("status", ""),
        target_group=target_group.pk if target_group else None,
        mine=bool(filters.get("mine")),
    )
    access_record(
        request=request,
        action=AccessAction.SEARCH if criterion else AccessAction.VIEW,
        purpose=_("Borgerlisten"),
        criterion=criterion,
    )
    context = {
        "form": form,
        "cpr_form": CprSearchForm(),
        "page": page,
        "query": query_without(request),
    }
    template = "citizens/_citizen_table.html" if request.htmx and request.htmx.target == "citizen-results" else None
    return render(request, template or "citizens/citizen_list.html", context)


@role_required(*STAFF)
@require_POST
def citizen_cpr_search(request):
    """Exact search on the keyed hash, by POST so the number never appears in a URL or a log."""
    form = CprSearchForm(request.POST)
    if not form.is_valid():
        for message in form.errors.get("cpr_number", []):
            messages.error(request, message)
        return redirect("citizens:list")
    citizen = selectors.citizen_by_cpr(jobcenter=request.jobcenter, cpr_number=form.cleaned_data["cpr_number"])
    access_record(
        request=request,
        action=AccessAction.SEARCH,
        purpose=_("Søgning på CPR-nummer"),
        obj=citizen,
        criterion="cpr=(skjult)",
    )
    if citizen is None:
        messages.info(request, _("Der er ingen borger med det CPR-nummer i jobcentret."))
        return redirect("citizens:list")
    return redirect("citizens:detail", pk=citizen.pk)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@idempotent_create
def citizen_create(request):
    initial = {"caseworker": request.user} if request.membership.role == Role.CASEWORKER else {}
    form = CitizenForm(request.POST or None, jobcenter=request.jobcenter, initial=initial)
    if response := form_submit(
        request,
        form,
        lambda: services.citizen_create(
            actor=request.user,
            jobcenter=request.jobcenter,
            data=form.citizen_data(),
            cpr_number=form.cleaned_data["cpr_number"],
            needs=form.cleaned_data["needs"],
            languages=form.cleaned_data["languages"],
        ),
        success_message=_("Borgeren er oprettet."),
        redirect_to=lambda citizen: reverse("citizens:detail", kwargs={"pk": citizen.pk}),
    ):
        return response
    return render(request, "citizens/citizen_form.html", {"form": form, "citizen": None})


@role_required(*STAFF)
@require_GET
def citizen_detail(request, pk: int):
    citizen = selectors.citizen_detail(jobcenter=request.jobcenter, pk=pk)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Borgerens sag"), obj=citizen)
    context = {
        "citizen": citizen,
        "can_read_sensitive": selectors.can_read_sensitive(membership=request.membership, citizen=citizen),
        "is_coordinator": _is_coordinator(request),
        "agreements": citizen.agreements.all(),
        "placements": citizen.placements.all(),
    }
    return render(request, "citizens/citizen_detail.html", context)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def citizen_update(request, pk: int):
    citizen = selectors.citizen_get(jobcenter=request.jobcenter, pk=pk)
    form = CitizenForm(
        request.POST or None,
        instance=citizen,
        jobcenter=request.jobcenter,
        may_reassign_caseworker=_is_coordinator(request),
    )
    if response := form_submit(
        request,
        form,
        lambda: services.citizen_update(
            actor=request.user,
            citizen=citizen,
            data=form.citizen_data(),
            cpr_number=form.cpr_for_service(),
            needs=form.cleaned_data["needs"],
            languages=form.cleaned_data["languages"],
        ),
        success_message=_("Oplysningerne er gemt."),
        redirect_to=reverse("citizens:detail", kwargs={"pk": citizen.pk}),
    ):
        return response
    # Every rendering shows the citizen's data, a form sent back with errors included.
    access_record(
        request=request, action=AccessAction.VIEW, purpose=_("Redigering af borgerens oplysninger"), obj=citizen
    )
    return render(request, "citizens/citizen_form.html", {"form": form, "citizen": citizen})


@role_required(*STAFF)
@require_GET
def citizen_timeline(request, pk: int):
    citizen = selectors.citizen_get(jobcenter=request.jobcenter, pk=pk)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Borgerens tidslinje"), obj=citizen)
    events = selectors.citizen_timeline(citizen=citizen, limit=TIMELINE_FOLLOW_UPS)
    return render(
        request,
        "citizens/citizen_timeline.html",
        {"citizen": citizen, "events": events, "follow_up_limit": TIMELINE_FOLLOW_UPS},
    )


@role_required(*STAFF)
@require_POST
def citizen_cpr_reveal(request, pk: int):
    """Shows the CPR number once, after writing a REVEAL entry (the number itself is never logged)."""
    citizen = selectors.citizen_get(jobcenter=request.jobcenter, pk=pk)
    access_record(request=request, action=AccessAction.REVEAL, purpose=_("Visning af CPR-nummer"), obj=citizen)
    number = selectors.cpr_reveal(citizen=citizen)
    template = "citizens/_cpr_revealed.html" if request.htmx else "citizens/cpr_revealed.html"
    response = render(request, template, {"citizen": citizen, "cpr_number": number})
    response["Cache-Control"] = "no-store"
    return response


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@idempotent_create
def citizen_sensitive(request, pk: int):
    """Sensitive notes: coordinators and the citizen's own caseworker; every view is logged."""
    citizen = selectors.citizen_get(jobcenter=request.jobcenter, pk=pk)
    if not selectors.can_read_sensitive(membership=request.membership, citizen=citizen):
        raise PermissionDenied
    form = SensitiveNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.sensitive_note_create(
            actor=request.user, citizen=citizen, kind=form.cleaned_data["kind"], text=form.cleaned_data["text"]
        )
        messages.success(request, _("Notatet er gemt."))
        return redirect("citizens:sensitive", pk=citizen.pk)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Følsomme oplysninger"), obj=citizen)
    notes = list(selectors.sensitive_notes(citizen=citizen))
    response = render(request, "citizens/citizen_sensitive.html", {"citizen": citizen, "notes": notes, "form": form})
    response["Cache-Control"] = "no-store"
    return response


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def citizen_end(request, pk: int):
    citizen = selectors.citizen_get(jobcenter=request.jobcenter, pk=pk)
    form = OutcomeForm(request.POST or None)
    if response := form_submit(
        request,
        form,
        lambda: services.citizen_end(
            actor=request.user,
            citizen=citizen,
            outcome=form.cleaned_data["outcome"],
            outcome_on=form.cleaned_data["on"],
        ),
        success_message=_("Borgerens forløb er afsluttet."),
        redirect_to=reverse("citizens:detail", kwargs={"pk": citizen.pk}),
    ):
        return response
    title = _("Afslut borgerens forløb")
    return _citizen_form_page(request, {"form": form, "citizen": citizen, "title": title})


# --- Agreements ----------------------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def agreement_create(request, pk: int):
    citizen = selectors.citizen_get(jobcenter=request.jobcenter, pk=pk)
    today = timezone.localdate()
    form = AgreementForm(
        request.POST or None,
        jobcenter=request.jobcenter,
        initial={"starts_on": today, "caseworker": citizen.caseworker},
    )
    if response := form_submit(
        request,
        form,
        lambda: services.agreement_create(actor=request.user, citizen=citizen, data=form.agreement_data()),
        success_message=_("Mentoraftalen er oprettet som kladde."),
        redirect_to=lambda agreement: reverse("citizens:agreement_detail", kwargs={"pk": agreement.pk}),
    ):
        return response
    context = {"form": form, "citizen": citizen, "title": _("Ny mentoraftale")}
    return _citizen_form_page(request, context)


@role_required(*STAFF)
@require_GET
def agreement_detail(request, pk: int):
    agreement = selectors.agreement_get(jobcenter=request.jobcenter, pk=pk)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Mentoraftale"), obj=agreement.citizen)
    context = {
        "agreement": agreement,
        "citizen": agreement.citizen,
        "is_coordinator": _is_coordinator(request),
        "meeting": getattr(agreement, "first_meeting", None),
        "end_form": AgreementEndForm(),
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
    form = FirstMeetingForm(request.POST or None, instance=meeting)

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


@role_required(*COORDINATORS)
@require_GET
def agreements_ending(request):
    agreements = list(selectors.agreements_ending_within(jobcenter=request.jobcenter)[:200])
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Aftaler der udløber"))
    context = {"agreements": agreements, "weeks": AGREEMENT_ENDING_WARNING_WEEKS}
    return render(request, "citizens/agreements_ending.html", context)


# --- Placements ----------------------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def placement_create(request, pk: int):
    citizen = selectors.citizen_get(jobcenter=request.jobcenter, pk=pk)
    form = PlacementForm(
        request.POST or None,
        jobcenter=request.jobcenter,
        initial={"responsible": request.user, "starts_on": timezone.localdate()},
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
    form = PlacementForm(request.POST or None, instance=placement, jobcenter=request.jobcenter)
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


# --- Follow-up -----------------------------------------------------------------------------------


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


@role_required(*COORDINATORS)
@require_GET
def outcomes(request):
    counts = selectors.outcome_counts(jobcenter=request.jobcenter)
    return render(
        request,
        "citizens/outcomes.html",
        {"counts": counts, "statuses": CitizenStatus, "placement_statuses": PlacementStatus},
    )
