"""The citizen's record: the list and CPR search, referral, the case page, timeline, CPR reveal,
sensitive notes, the end of the course and the outcome counts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role
from accounts.permissions import COORDINATORS, STAFF, role_required
from audit.models import AccessAction
from audit.services import access_record
from citizens import selectors, services
from citizens.forms import (
    CitizenFilterForm,
    CitizenForm,
    CprSearchForm,
    OutcomeForm,
    SensitiveNoteForm,
)
from citizens.models import CitizenStatus, PlacementStatus
from citizens.views._common import _citizen_form_page, _is_coordinator
from matching.selectors import offer_for_agreement
from mentorship.idempotency import idempotent_create
from mentorship.web import form_submit, paginate, query_without

TIMELINE_FOLLOW_UPS = 200


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
        # A coordinator's next step is the mentor: the new citizen opens on the mentor suggestions.
        success_message=_("Borgeren er oprettet. Vælg en mentor.")
        if _is_coordinator(request)
        else _("Borgeren er oprettet."),
        redirect_to=lambda citizen: reverse(
            "matching:citizen" if _is_coordinator(request) else "citizens:detail", kwargs={"pk": citizen.pk}
        ),
    ):
        return response
    return render(request, "citizens/citizen_form.html", {"form": form, "citizen": None})


@role_required(*STAFF)
@require_GET
def citizen_detail(request, pk: int):
    citizen = selectors.citizen_detail(jobcenter=request.jobcenter, pk=pk)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Borgerens sag"), obj=citizen)
    is_coordinator = _is_coordinator(request)
    context = {
        "citizen": citizen,
        "can_read_sensitive": selectors.can_read_sensitive(membership=request.membership, citizen=citizen),
        "is_coordinator": is_coordinator,
        "agreements": citizen.agreements.all(),
        "placements": citizen.placements.all(),
        # The next step once a mentor has said yes: the agreement, filled in from the offer.
        "agreement_offer": offer_for_agreement(citizen=citizen) if is_coordinator else None,
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


@role_required(*COORDINATORS)
@require_GET
def outcomes(request):
    counts = selectors.outcome_counts(jobcenter=request.jobcenter)
    return render(
        request,
        "citizens/outcomes.html",
        {"counts": counts, "statuses": CitizenStatus, "placement_statuses": PlacementStatus},
    )
