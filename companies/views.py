"""The coordinator app's company pages, the leader-invitation link and compensation claim handling.

Thin: permission, selector, form, service, response. Another jobcenter's company answers 404.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import COORDINATORS, STAFF, role_required
from audit.models import AccessAction
from audit.services import access_record
from companies import selectors, services
from companies.exports import csv_response, xlsx_response
from companies.filters import ClaimFilter, CompanyFilter
from companies.forms import ClaimRejectForm, CompanyForm, CompanyMentorForm, InvitationAcceptForm, LeaderInviteForm
from mentorship.idempotency import idempotent_create
from mentorship.web import action_submit, counted_page, form_submit, query_without

# --- Companies ------------------------------------------------------------------------------------


@role_required(*STAFF)
@require_GET
def company_list(request):
    filterset = CompanyFilter(request.GET or None, queryset=selectors.company_list(jobcenter=request.jobcenter))
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    if request.GET.get("q"):
        access_record(
            request=request,
            action=AccessAction.SEARCH,
            purpose=_("Søgning i virksomheder"),
            criterion=request.GET["q"][:200],
        )
    context = {"filter": filterset, "page": counted_page(queryset, request), "query": query_without(request)}
    return render(request, "companies/company_list.html", context)


COMPANY_EXPORT_HEADER = [
    _("Navn"),
    _("CVR-nummer"),
    _("P-nummer"),
    _("Adresse"),
    _("Postnummer"),
    _("By"),
    _("Branche"),
    _("Størrelse"),
    _("Sektor"),
    _("Samarbejdsstatus"),
    _("Pladser"),
    _("Aktive forløb"),
    _("Aktive mentorer"),
    _("Uddannede mentorer"),
    _("Kontaktperson"),
    _("Kontakt-e-mail"),
    _("Kontakttelefon"),
]


@role_required(*STAFF)
@require_GET
def company_export(request):
    """The filtered company list as CSV (the same filters as the list page)."""
    filterset = CompanyFilter(request.GET or None, queryset=selectors.company_list(jobcenter=request.jobcenter))
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    access_record(
        request=request,
        action=AccessAction.EXPORT,
        purpose=_("Eksport af virksomheder"),
        criterion=request.GET.urlencode(),
    )
    rows = (
        [
            c.name,
            c.cvr,
            c.p_number,
            c.address,
            c.postcode,
            c.city,
            c.industry.name if c.industry else "",
            c.get_size_band_display(),
            c.get_sector_display(),
            c.get_status_display(),
            c.capacity,
            c.active_placement_count,
            c.mentor_count,
            c.trained_mentor_count,
            c.contact_name,
            c.contact_email,
            c.contact_phone,
        ]
        for c in queryset.iterator(chunk_size=500)
    )
    filename = f"virksomheder-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_response(filename, COMPANY_EXPORT_HEADER, rows)


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def company_create(request):
    form = CompanyForm(request.POST or None, jobcenter=request.jobcenter)
    if response := form_submit(
        request,
        form,
        lambda: services.company_create(
            actor=request.user,
            jobcenter=request.jobcenter,
            data=form.data_for_service(),
            placement_types=list(form.cleaned_data["placement_types"]),
        ),
        success_message=lambda company: _("Virksomheden %(name)s er oprettet.") % {"name": company.name},
        redirect_to=lambda company: reverse("companies:detail", kwargs={"pk": company.pk}),
    ):
        return response
    return render(request, "companies/company_form.html", {"form": form, "company": None})


@role_required(*STAFF)
@require_GET
def company_detail(request, pk: int):
    company = selectors.company_detail(jobcenter=request.jobcenter, pk=pk)
    access_record(
        request=request, action=AccessAction.VIEW, purpose=_("Virksomhedens forløb og kontaktpersoner"), obj=company
    )
    context = {
        "company": company,
        "outcomes": selectors.company_outcomes(company),
        "nominations": selectors.company_open_nominations(company=company),
        "invite_form": LeaderInviteForm(),
    }
    return render(request, "companies/company_detail.html", context)


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def company_update(request, pk: int):
    company = selectors.company_get(jobcenter=request.jobcenter, pk=pk)
    form = CompanyForm(request.POST or None, instance=company, jobcenter=request.jobcenter)
    if response := form_submit(
        request,
        form,
        lambda: services.company_update(
            actor=request.user,
            company=company,
            data=form.data_for_service(),
            placement_types=list(form.cleaned_data["placement_types"]),
        ),
        success_message=_("Virksomhedens oplysninger er gemt."),
        redirect_to=reverse("companies:detail", kwargs={"pk": company.pk}),
    ):
        return response
    return render(request, "companies/company_form.html", {"form": form, "company": company})


# --- Company mentors ------------------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def mentor_create(request, pk: int):
    company = selectors.company_get(jobcenter=request.jobcenter, pk=pk)
    form = CompanyMentorForm(request.POST or None, company=company)
    if response := form_submit(
        request,
        form,
        lambda: services.company_mentor_create(
            actor=request.user,
            company=company,
            data=form.data_for_service(),
            competences=list(form.cleaned_data["competences"]),
        ),
        success_message=lambda mentor: _("%(name)s er tilføjet som virksomhedsmentor.") % {"name": mentor.full_name},
        redirect_to=reverse("companies:detail", kwargs={"pk": company.pk}),
    ):
        return response
    return render(request, "companies/mentor_form.html", {"form": form, "company": company, "mentor": None})


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def mentor_update(request, pk: int):
    mentor = selectors.company_mentor_get(jobcenter=request.jobcenter, pk=pk)
    if request.method == "GET":
        access_record(
            request=request, action=AccessAction.VIEW, purpose=_("Virksomhedsmentorens oplysninger"), obj=mentor
        )
    form = CompanyMentorForm(request.POST or None, instance=mentor, company=mentor.company)
    if response := form_submit(
        request,
        form,
        lambda: services.company_mentor_update(
            actor=request.user,
            mentor=mentor,
            data=form.data_for_service(),
            competences=list(form.cleaned_data["competences"]),
        ),
        success_message=_("Mentoren er gemt."),
        redirect_to=reverse("companies:detail", kwargs={"pk": mentor.company_id}),
    ):
        return response
    context = {"form": form, "company": mentor.company, "mentor": mentor}
    return render(request, "companies/mentor_form.html", context)


@role_required(*COORDINATORS)
@require_POST
def nomination_handle(request, pk: int):
    nomination = selectors.course_nomination_get(jobcenter=request.jobcenter, pk=pk)
    services.course_nomination_handle(actor=request.user, nomination=nomination)
    messages.success(request, _("Indstillingen er markeret som behandlet."))
    return redirect("companies:detail", pk=nomination.mentor.company_id)


# --- Leaders --------------------------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@idempotent_create
def leader_invite(request, pk: int):
    company = selectors.company_get(jobcenter=request.jobcenter, pk=pk)
    form = LeaderInviteForm(request.POST or None)
    if response := form_submit(
        request,
        form,
        lambda: services.leader_invite(
            actor=request.user,
            company=company,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
        ),
        success_message=lambda invitation: (
            _("Invitationen er sendt til %(email)s. Linket virker i %(days)s dage.")
            % {"email": invitation.email, "days": services.INVITATION_VALID_FOR.days}
        ),
        redirect_to=reverse("companies:detail", kwargs={"pk": company.pk}),
    ):
        return response
    context = {"form": form, "company": company, "valid_days": services.INVITATION_VALID_FOR.days}
    return render(request, "companies/leader_invite.html", context)


@role_required(*COORDINATORS)
@require_POST
def invitation_revoke(request, pk: int):
    invitation = selectors.leader_invitation_get(jobcenter=request.jobcenter, pk=pk)
    services.leader_invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(request, _("Invitationen er trukket tilbage."))
    return redirect("companies:detail", pk=invitation.company_id)


@role_required(*COORDINATORS)
@require_POST
def leader_remove(request, pk: int, membership_pk: int):
    company = selectors.company_get(jobcenter=request.jobcenter, pk=pk)
    membership = selectors.leader_membership_get(jobcenter=request.jobcenter, company=company, pk=membership_pk)
    services.leader_remove(actor=request.user, membership=membership)
    messages.success(request, _("%(name)s har ikke længere adgang til portalen.") % {"name": membership.user.full_name})
    return redirect("companies:detail", pk=company.pk)


INVITATION_PROBLEMS = {
    "unknown": (404, _("Linket findes ikke. Tjek, at du har kopieret hele linket fra e-mailen.")),
    "expired": (410, _("Linket er udløbet. Bed jobcentret om at sende en ny invitation.")),
    "used": (410, _("Linket er allerede brugt. Log ind med din e-mail og den adgangskode, du valgte.")),
    "revoked": (410, _("Invitationen er trukket tilbage af jobcentret. Kontakt jobcentret, hvis det er en fejl.")),
    "other_role": (
        409,
        _("Din bruger har allerede en anden rolle i dette jobcenter. Kontakt jobcentret."),
    ),
}


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """The link in the invitation e-mail: choose a password (new user) or confirm (logged-in user with
    the invited e-mail). Says plainly when the link is unknown, expired, used or withdrawn."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        try:
            invitation = services.invitation_for_token(token)
        except services.InvitationError as problem:
            return _invitation_problem(request, problem.reason)
        existing = services.existing_user_for(invitation)
        form = InvitationAcceptForm(request.POST or None, invitation=invitation) if existing is None else None
        login_required = existing is not None and request.user != existing
        if request.method == "POST" and not login_required and (form is None or form.is_valid()):
            try:
                invitation, user = services.leader_invitation_accept(
                    token=token,
                    password=form.cleaned_data["new_password1"] if form else None,
                    user=request.user if request.user.is_authenticated else None,
                )
            except services.InvitationError as problem:
                return _invitation_problem(request, problem.reason)
            if request.user != user:
                login(request, user, backend="accounts.backends.ModelWithMembershipsBackend")
            messages.success(
                request,
                _("Velkommen til portalen for %(company)s.") % {"company": invitation.company.name},
            )
            return redirect("portal:home")
    context = {"invitation": invitation, "form": form, "login_required": login_required, "token": token}
    return render(request, "companies/invitation_accept.html", context)


def _invitation_problem(request, reason: str):
    status, text = INVITATION_PROBLEMS.get(reason, INVITATION_PROBLEMS["unknown"])
    return render(request, "companies/invitation_problem.html", {"problem": text}, status=status)


# --- Compensation claims --------------------------------------------------------------------------


@role_required(*COORDINATORS)
@require_GET
def claim_list(request):
    filterset = ClaimFilter(request.GET or None, queryset=selectors.claim_list(jobcenter=request.jobcenter))
    access_record(
        request=request,
        action=AccessAction.SEARCH if request.GET else AccessAction.VIEW,
        purpose=_("Anmodninger om frikøb"),
        criterion=request.GET.urlencode()[:500],
    )
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    context = {"filter": filterset, "page": counted_page(queryset, request), "query": query_without(request)}
    return render(request, "companies/claim_list.html", context)


@role_required(*COORDINATORS)
@require_GET
def claim_detail(request, pk: int):
    claim = selectors.claim_get(jobcenter=request.jobcenter, pk=pk)
    # The claim shows the citizen's placement and hours: logged for the citizen, whose "who has seen" page lists it.
    access_record(
        request=request, action=AccessAction.VIEW, purpose=_("Behandling af frikøb"), obj=claim.placement.citizen
    )
    return render(request, "companies/claim_detail.html", {"claim": claim, "reject_form": ClaimRejectForm()})


@role_required(*COORDINATORS)
@require_POST
def claim_approve(request, pk: int):
    claim = selectors.claim_get(jobcenter=request.jobcenter, pk=pk)
    action_submit(
        request,
        lambda: services.claim_approve(actor=request.user, claim=claim),
        success_message=_("Anmodningen er godkendt til udbetaling."),
    )
    return redirect("companies:claim_detail", pk=claim.pk)


@role_required(*COORDINATORS)
@require_POST
def claim_reject(request, pk: int):
    claim = selectors.claim_get(jobcenter=request.jobcenter, pk=pk)
    form = ClaimRejectForm(request.POST)
    if response := form_submit(
        request,
        form,
        lambda: services.claim_reject(actor=request.user, claim=claim, reason=form.cleaned_data["reason"]),
        success_message=_("Anmodningen er afvist. Virksomheden kan se begrundelsen."),
        redirect_to=reverse("companies:claim_detail", kwargs={"pk": claim.pk}),
    ):
        return response
    return render(request, "companies/claim_detail.html", {"claim": claim, "reject_form": form}, status=400)


CLAIM_EXPORT_HEADER = [
    _("Måned"),
    _("Virksomhed"),
    _("CVR-nummer"),
    _("P-nummer"),
    _("Mentor"),
    _("Borger"),
    _("Forløbstype"),
    _("Timer"),
    _("Timeløn"),
    _("Løn"),
    _("Feriepenge"),
    _("Pension"),
    _("Arbejdsgiverbidrag"),
    _("I alt"),
    _("Godkendt"),
    _("Godkendt af"),
]


def _claim_rows(queryset):
    for claim in queryset.iterator(chunk_size=500):
        yield [
            claim.month.strftime("%Y-%m"),
            claim.company.name,
            claim.company.cvr,
            claim.company.p_number,
            claim.company_mentor.full_name,
            claim.placement.citizen.name,
            claim.placement.placement_type.name,
            claim.hours,
            claim.hourly_wage,
            claim.wage_amount,
            claim.holiday_pay_amount,
            claim.pension_amount,
            claim.employer_contribution_amount,
            claim.total_amount,
            timezone.localtime(claim.decided_at),
            claim.decided_by.full_name if claim.decided_by else "",
        ]


def _export_claims(request, fmt: str):
    filterset = ClaimFilter(request.GET or None, queryset=selectors.claim_list(jobcenter=request.jobcenter))
    month = filterset.form.cleaned_data.get("month") if filterset.is_bound and filterset.form.is_valid() else None
    queryset = selectors.claims_for_export(jobcenter=request.jobcenter, month=month)
    access_record(
        request=request,
        action=AccessAction.EXPORT,
        purpose=_("Udbetaling af godkendt frikøb"),
        criterion=f"month={month:%Y-%m}" if month else "",
    )
    stem = f"frikoeb-godkendt-{month:%Y-%m}" if month else f"frikoeb-godkendt-{timezone.localdate():%Y-%m-%d}"
    if fmt == "xlsx":
        return xlsx_response(f"{stem}.xlsx", _("Godkendt frikøb"), CLAIM_EXPORT_HEADER, _claim_rows(queryset))
    return csv_response(f"{stem}.csv", CLAIM_EXPORT_HEADER, _claim_rows(queryset))


@role_required(*COORDINATORS)
@require_GET
def claim_export_csv(request):
    return _export_claims(request, "csv")


@role_required(*COORDINATORS)
@require_GET
def claim_export_xlsx(request):
    return _export_claims(request, "xlsx")
