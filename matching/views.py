"""Matching pages: a citizen's mentor suggestions and offers, the mentor's answer link, placement
suggestions and cohorts. Thin: permission, selector, form, service, response."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_scopes import scopes_disabled

from accounts.permissions import COORDINATORS, role_required
from audit.models import AccessAction
from audit.services import access_record
from citizens.selectors import citizen_get, placement_types_for
from corps.models import DAY_PARTS, WEEKDAYS
from matching import selectors, services
from matching.cohort_seats import rooms_for
from matching.forms import AnswerForm, CohortCompanyForm, CohortForm, CohortMoveForm, OfferCreateForm, PreferencesForm
from matching.models import AnsweredVia, CohortCandidate, CohortCompany, OfferStatus
from mentorship.idempotency import idempotent_create, submission_token_page
from mentorship.web import action_submit, counted_page, form_errors_from, form_errors_message, form_submit

LINK_PROBLEMS = {
    "unknown": (404, gettext_lazy("Linket er ukendt. Tjek, at du har kopieret hele linket fra e-mailen.")),
    "answered": (410, gettext_lazy("Tilbuddet er allerede besvaret. Tak for dit svar.")),
    "expired": (410, gettext_lazy("Svarfristen er overskredet. Kontakt jobcentret, hvis du stadig vil tage opgaven.")),
    "withdrawn": (410, gettext_lazy("Jobcentret har trukket tilbuddet tilbage.")),
}


# --- A citizen's mentor -------------------------------------------------------------------------------


def _citizen_page(request, citizen, *, offer_form=None, status=200):
    offers = selectors.offers_for_citizen(citizen=citizen)
    days, done = selectors.waiting_days(citizen=citizen, offers=offers)
    accepted = next((offer for offer in offers if offer.is_accepted), None)
    open_mentor_ids = {offer.mentor_id for offer in offers if offer.is_open}
    suggestions = [] if accepted else selectors.suggestions_for(citizen=citizen, offers=offers)
    context = {
        "citizen": citizen,
        "offers": offers,
        "accepted": accepted,
        "agreement_offer": selectors.offer_for_agreement(citizen=citizen) if accepted else None,
        "suggestions": suggestions,
        "open_mentor_ids": open_mentor_ids,
        "waiting_days": days,
        "waiting_done": done,
        "offer_form": offer_form,
        "answer_form": AnswerForm(),
    }
    return render(request, "matching/citizen_suggestions.html", context, status=status)


@role_required(*COORDINATORS)
@require_GET
@submission_token_page
def citizen_suggestions(request, pk: int):
    citizen = citizen_get(jobcenter=request.jobcenter, pk=pk)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Matchning af mentor"), obj=citizen)
    return _citizen_page(request, citizen)


@role_required(*COORDINATORS)
@require_POST
@idempotent_create
def offer_create(request, pk: int):
    citizen = citizen_get(jobcenter=request.jobcenter, pk=pk)
    form = OfferCreateForm(request.POST, jobcenter=request.jobcenter)
    if form.is_valid():
        action_submit(
            request,
            lambda: services.offer_create(
                actor=request.user,
                citizen=citizen,
                mentor=form.cleaned_data["mentor"],
                message=form.cleaned_data["message"],
            ),
            success_message=lambda created: (
                _("Tilbuddet er sendt til %(mentor)s. Svaret kommer her.") % {"mentor": created.offer.mentor.full_name}
            ),
        )
    else:
        messages.error(request, form_errors_message(form))
    return redirect("matching:citizen", pk=citizen.pk)


@role_required(*COORDINATORS)
@require_POST
def offer_answer(request, pk: int):
    """The coordinator records the mentor's answer (given by phone, say)."""
    offer = selectors.offer_get(jobcenter=request.jobcenter, pk=pk)
    form = AnswerForm(request.POST)

    def answer() -> str:
        if form.cleaned_data["answer"] == "accept":
            services.offer_accept(actor=request.user, offer=offer, via=AnsweredVia.COORDINATOR)
            return _("%(mentor)s har sagt ja.") % {"mentor": offer.mentor.full_name}
        next_offer = services.offer_decline(
            actor=request.user, offer=offer, reason=form.cleaned_data["reason"], via=AnsweredVia.COORDINATOR
        )
        text = _("Afslaget er registreret.")
        if next_offer is not None:
            text += " " + _("Opgaven er tilbudt den næste mentor: %(mentor)s.") % {
                "mentor": next_offer.mentor.full_name
            }
        return text

    if form.is_valid():
        action_submit(request, answer, success_message=lambda text: text)
    else:
        messages.error(request, form_errors_message(form))
    return redirect("matching:citizen", pk=offer.citizen_id)


@role_required(*COORDINATORS)
@require_POST
def offer_withdraw(request, pk: int):
    offer = selectors.offer_get(jobcenter=request.jobcenter, pk=pk)
    action_submit(
        request,
        lambda: services.offer_withdraw(actor=request.user, offer=offer),
        success_message=_("Tilbuddet er trukket tilbage."),
    )
    return redirect("matching:citizen", pk=offer.citizen_id)


@role_required(*COORDINATORS)
@require_GET
def offer_list(request):
    status = request.GET.get("status", "")
    if status not in OfferStatus.values:
        status = ""
    page = counted_page(selectors.offers_list(jobcenter=request.jobcenter, status=status), request)
    query = f"status={status}" if status else ""
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Tilbud til mentorer"), criterion=query)
    context = {"page": page, "status": status, "statuses": OfferStatus.choices, "query": query}
    return render(request, "matching/offer_list.html", context)


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def preferences(request, pk: int):
    citizen = citizen_get(jobcenter=request.jobcenter, pk=pk)
    current = selectors.preferences_for(citizen=citizen)
    initial = {}
    if current is not None:
        initial = {
            "weekdays": [bit for bit, _label in WEEKDAYS if current.available_weekdays & bit],
            "day_parts": [bit for bit, _label in DAY_PARTS if current.available_day_parts & bit],
            "severe_needs": current.severe_needs,
            "preferred_mentors": list(current.preferred_mentors.all()),
        }
    form = PreferencesForm(request.POST or None, initial=initial, jobcenter=request.jobcenter)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(
            actor=request.user,
            citizen=citizen,
            available_weekdays=sum(form.cleaned_data["weekdays"]),
            available_day_parts=sum(form.cleaned_data["day_parts"]),
            severe_needs=form.cleaned_data["severe_needs"],
            preferred_mentors=form.cleaned_data["preferred_mentors"],
        )
        messages.success(request, _("Oplysningerne til matchning er gemt."))
        return redirect("matching:citizen", pk=citizen.pk)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Matchning af mentor"), obj=citizen)
    return render(
        request,
        "matching/preferences.html",
        {"citizen": citizen, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@role_required(*COORDINATORS)
@require_GET
def placement_suggestions(request, pk: int):
    citizen = citizen_get(jobcenter=request.jobcenter, pk=pk)
    types = list(placement_types_for(jobcenter=request.jobcenter))
    try:
        chosen = int(request.GET.get("type") or 0) or None
    except ValueError:
        chosen = None
    if chosen is not None and chosen not in {kind.pk for kind in types}:
        chosen = None
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Forslag til virksomhedsforløb"), obj=citizen)
    context = {
        "citizen": citizen,
        "types": types,
        "chosen": chosen,
        "suggestions": selectors.placement_suggestions(citizen=citizen, placement_type_id=chosen),
    }
    return render(request, "matching/placement_suggestions.html", context)


# --- The mentor's answer link (public) ---------------------------------------------------------------


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def respond(request, token: str):
    """The link in the offer e-mail. GET only shows the offer (mail scanners open links); the answer is
    a POST. The link works once and until the deadline."""
    with scopes_disabled():
        try:
            offer = services.offer_for_token(token)
        except services.OfferLinkError as problem:
            return _link_problem(request, problem.reason)
        form = AnswerForm(request.POST or None, submit_label=_("Send svar"), by_mentor=True)
        if request.method == "POST" and form.is_valid():
            accept = form.cleaned_data["answer"] == "accept"
            try:
                services.offer_answer_by_link(token=token, accept=accept, reason=form.cleaned_data["reason"])
            except services.OfferLinkError as problem:
                return _link_problem(request, problem.reason)
            except ValidationError as error:
                form_errors_from(form, error)
            else:
                return render(request, "matching/respond_done.html", {"accepted": accept, "offer": offer})
        context = {
            "offer": offer,
            "form": form,
            "first_name": (offer.citizen.name or "").split(" ")[0],
            "jobcenter": offer.jobcenter,
        }
        return render(request, "matching/respond.html", context, status=400 if form.errors else 200)


def _link_problem(request, reason: str):
    status, text = LINK_PROBLEMS.get(reason, LINK_PROBLEMS["withdrawn"])
    return render(request, "matching/respond_problem.html", {"problem": text}, status=status)


# --- Cohorts -----------------------------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_GET
def cohort_list(request):
    page = counted_page(selectors.cohorts_list(jobcenter=request.jobcenter), request)
    return render(request, "matching/cohort_list.html", {"page": page})


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def cohort_create(request):
    form = CohortForm(request.POST or None, jobcenter=request.jobcenter)

    def create():
        seats = [
            services.CompanySeat(
                company=company,
                capacity=form.cleaned_data["capacity"],
                min_group=form.cleaned_data["min_group"],
                allow_empty=form.cleaned_data["allow_empty"],
            )
            for company in form.cleaned_data["companies"]
        ]
        return services.cohort_create(
            actor=request.user,
            jobcenter=request.jobcenter,
            data={name: form.cleaned_data[name] for name in CohortForm.Meta.fields},
            citizens=form.cleaned_data["citizens"],
            seats=seats,
        )

    if response := form_submit(
        request,
        form,
        create,
        success_message=_("Holdet er oprettet. Tjek pladserne, og fordel så kandidaterne."),
        redirect_to=lambda cohort: reverse("matching:cohort_detail", kwargs={"pk": cohort.pk}),
    ):
        return response
    # The form lists every candidate citizen by name (also when it comes back with an error): a read, logged.
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Kandidater til et nyt hold"))
    status = 400 if request.method == "POST" else 200
    return render(request, "matching/cohort_form.html", {"form": form}, status=status)


@role_required(*COORDINATORS)
@require_GET
def cohort_detail(request, pk: int):
    view = selectors.cohort_detail(jobcenter=request.jobcenter, pk=pk)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Fordeling af hold"), obj=view.cohort)
    move_form = CohortMoveForm(companies=view.companies)
    rooms = rooms_for(seat.company_id for seat in view.companies)
    for seat in view.companies:  # the same objects as in view.groups
        seat.room = rooms[seat.company_id]
    leaderless = [seat for seat in view.companies if not seat.room.has_leader]
    context = {"view": view, "cohort": view.cohort, "move_form": move_form, "leaderless": leaderless}
    return render(request, "matching/cohort_detail.html", context)


@role_required(*COORDINATORS)
@require_POST
def cohort_solve(request, pk: int):
    cohort = selectors.cohort_get(jobcenter=request.jobcenter, pk=pk)
    try:
        cohort = services.cohort_solve(actor=request.user, cohort=cohort)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if cohort.result.get("status") == "optimal":
            messages.success(request, _("Holdet er fordelt bedst muligt."))
        else:
            messages.error(request, _("Holdet kan ikke fordeles: %(reason)s") % {"reason": cohort.result.get("reason")})
    return redirect("matching:cohort_detail", pk=cohort.pk)


@role_required(*COORDINATORS)
@require_POST
def cohort_move(request, pk: int):
    cohort = selectors.cohort_get(jobcenter=request.jobcenter, pk=pk)
    companies = list(CohortCompany.objects.filter(cohort=cohort).select_related("company"))
    form = CohortMoveForm(request.POST, companies=companies)
    if form.is_valid():
        candidate = get_object_or_404(CohortCandidate.objects.filter(cohort=cohort), pk=form.cleaned_data["candidate"])
        target = next((c for c in companies if str(c.pk) == form.cleaned_data["to"]), None)
        try:
            violations = services.cohort_move(actor=request.user, cohort=cohort, candidate=candidate, to=target)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if violations:
                messages.warning(request, _("Flytningen bryder betingelserne:") + " " + " ".join(violations))
            else:
                messages.success(request, _("Kandidaten er flyttet. Betingelserne er overholdt."))
    else:
        messages.error(request, _("Vælg en virksomhed fra listen."))
    return redirect("matching:cohort_detail", pk=cohort.pk)


@role_required(*COORDINATORS)
@require_POST
def cohort_company_update(request, pk: int, company_pk: int):
    cohort = selectors.cohort_get(jobcenter=request.jobcenter, pk=pk)
    seat = get_object_or_404(CohortCompany.objects.filter(cohort=cohort), pk=company_pk)
    form = CohortCompanyForm(request.POST, instance=CohortCompany(cohort=cohort, company_id=seat.company_id))
    if form.is_valid():
        action_submit(
            request,
            lambda: services.cohort_company_update(
                actor=request.user,
                seat=seat,
                capacity=form.cleaned_data["capacity"],
                min_group=form.cleaned_data["min_group"],
                allow_empty=form.cleaned_data["allow_empty"],
            ),
            success_message=_("Pladserne er gemt."),
        )
    else:
        messages.error(request, form_errors_message(form))
    return redirect("matching:cohort_detail", pk=cohort.pk)


@role_required(*COORDINATORS)
@require_POST
def cohort_commit(request, pk: int):
    cohort = selectors.cohort_get(jobcenter=request.jobcenter, pk=pk)
    action_submit(
        request,
        lambda: services.cohort_commit(actor=request.user, cohort=cohort),
        success_message=lambda placements: (
            _("%(count)s forløb er foreslået virksomhederne. Lederne svarer i portalen.") % {"count": len(placements)}
        ),
    )
    return redirect("matching:cohort_detail", pk=cohort.pk)
