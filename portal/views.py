"""The company leader's portal. Thin: every object is looked up through the leader's company
(request.company, from the membership), so company B's ids in a URL, form or htmx request are 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import LEADERS, role_required
from audit.models import AccessAction
from audit.services import access_record
from citizens.charts import chart_of_assessments
from companies import selectors as company_selectors
from companies import services as company_services
from companies.filters import PortalClaimFilter
from companies.forms import ClaimForm, CompanyMentorForm, CourseNominationForm, LeaderCompanyForm
from courses import selectors as course_selectors
from courses import services as course_services
from courses.forms import PortalRegisterForm
from courses.models import Via
from mentorship.idempotency import idempotent_create
from mentorship.web import action_submit, counted_page, form_errors_from, form_submit, query_without
from portal import selectors
from portal.editable_texts import SCHEME
from portal.forms import AssessmentForm, CompanyFollowUpForm, PlacementAnswerForm
from texts import selectors as text_selectors

leader_required = role_required(*LEADERS)


def _log_citizen_read(request, placement, purpose: str) -> None:
    """A page about one of the company's placements shows the citizen's data: logged for the citizen, so it
    appears on the citizen's "who has seen the data" page."""
    access_record(request=request, action=AccessAction.VIEW, purpose=purpose, obj=placement.citizen)


@leader_required
@require_GET
def home(request):
    company = request.company
    summary = selectors.home_summary(jobcenter=request.jobcenter, company=company)
    return render(request, "portal/home.html", {"company": company, **summary})


@leader_required
@require_GET
def scheme(request):
    """What the mentor scheme is, what the company gains, the leader's role, and compensation: the jobcenter's
    own wording (texts), else the product's."""
    text_html = text_selectors.text_html(jobcenter=request.jobcenter, key=SCHEME)
    return render(request, "portal/scheme.html", {"company": request.company, "text_html": text_html})


# --- The company ----------------------------------------------------------------------------------


@leader_required
@require_GET
def company(request):
    company = company_selectors.company_get(jobcenter=request.jobcenter, pk=request.company.pk)
    return render(
        request,
        "portal/company.html",
        {"company": company, "placement_types": list(company.placement_types.all())},
    )


@leader_required
@require_http_methods(["GET", "POST"])
def company_edit(request):
    company = company_selectors.company_get(jobcenter=request.jobcenter, pk=request.company.pk)
    form = LeaderCompanyForm(request.POST or None, instance=company, jobcenter=request.jobcenter)
    if response := form_submit(
        request,
        form,
        lambda: company_services.company_update(
            actor=request.user,
            company=company,
            data=form.data_for_service(),
            placement_types=list(form.cleaned_data["placement_types"]),
            leader=True,
        ),
        success_message=_("Virksomhedens oplysninger er gemt."),
        redirect_to="portal:company",
    ):
        return response
    return render(request, "portal/company_form.html", {"form": form, "company": company})


# --- Company mentors ------------------------------------------------------------------------------


@leader_required
@require_GET
def mentors(request):
    company = request.company
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Virksomhedens mentorer"), obj=company)
    return render(
        request,
        "portal/mentors.html",
        {"company": company, "mentors": company_selectors.company_mentor_list(company=company)},
    )


@leader_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def mentor_create(request):
    company = request.company
    form = CompanyMentorForm(request.POST or None, company=company)
    if response := form_submit(
        request,
        form,
        lambda: company_services.company_mentor_create(
            actor=request.user,
            company=company,
            data=form.data_for_service(),
            competences=list(form.cleaned_data["competences"]),
        ),
        success_message=lambda mentor: _("%(name)s er tilføjet som virksomhedsmentor.") % {"name": mentor.full_name},
        redirect_to="portal:mentors",
    ):
        return response
    return render(request, "portal/mentor_form.html", {"form": form, "mentor": None})


@leader_required
@require_http_methods(["GET", "POST"])
def mentor_edit(request, pk: int):
    mentor = company_selectors.company_mentor_get(jobcenter=request.jobcenter, company=request.company, pk=pk)
    form = CompanyMentorForm(request.POST or None, instance=mentor, company=request.company)
    if response := form_submit(
        request,
        form,
        lambda: company_services.company_mentor_update(
            actor=request.user,
            mentor=mentor,
            data=form.data_for_service(),
            competences=list(form.cleaned_data["competences"]),
        ),
        success_message=_("Mentoren er gemt."),
        redirect_to="portal:mentors",
    ):
        return response
    return render(request, "portal/mentor_form.html", {"form": form, "mentor": mentor})


@leader_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def mentor_nominate(request, pk: int):
    """Nominate a company mentor for a mentor course; the jobcenter signs them up for one."""
    mentor = company_selectors.company_mentor_get(jobcenter=request.jobcenter, company=request.company, pk=pk)
    form = CourseNominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        company_services.course_nomination_create(actor=request.user, mentor=mentor, wish=form.cleaned_data["wish"])
        messages.success(
            request,
            _("%(name)s er indstillet til mentorkursus. Jobcentret vender tilbage med en plads.")
            % {"name": mentor.full_name},
        )
        return redirect("portal:mentors")
    return render(request, "portal/mentor_nominate.html", {"form": form, "mentor": mentor})


# --- Placements -----------------------------------------------------------------------------------


@leader_required
@require_GET
def placements(request):
    queryset = selectors.placement_list(company=request.company)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Virksomhedens forløb"), obj=request.company)
    return render(request, "portal/placements.html", {"page": counted_page(queryset, request), "query": ""})


@leader_required
@require_GET
def placement_detail(request, pk: int):
    placement = selectors.placement_detail(company=request.company, pk=pk)
    _log_citizen_read(request, placement, _("Virksomhedens forløb"))
    chart = chart_of_assessments(placement.assessment_list)
    return render(request, "portal/placement_detail.html", {"placement": placement, "chart": chart})


@leader_required
@require_http_methods(["GET", "POST"])
def placement_answer(request, pk: int):
    """Accept (naming the company mentor) or decline a placement the jobcenter has proposed."""
    from citizens import services as citizen_services

    placement = selectors.placement_get(company=request.company, pk=pk)
    if not placement.awaits_answer:
        messages.info(request, _("Forløbet er allerede besvaret."))
        return redirect("portal:placement_detail", pk=placement.pk)
    form = PlacementAnswerForm(request.POST or None, company=request.company)

    def answer() -> str:
        if form.cleaned_data["answer"] == PlacementAnswerForm.ACCEPT:
            citizen_services.placement_accept(
                actor=request.user, placement=placement, company_mentor=form.cleaned_data["company_mentor"]
            )
            return _("Tak. Forløbet er accepteret, og jobcentret har fået besked.")
        citizen_services.placement_decline(actor=request.user, placement=placement, reason=form.cleaned_data["reason"])
        return _("Tak for svaret. Jobcentret kan se jeres begrundelse.")

    if response := form_submit(
        request,
        form,
        answer,
        success_message=lambda message: message,
        redirect_to=reverse("portal:placement_detail", kwargs={"pk": placement.pk}),
    ):
        return response
    _log_citizen_read(request, placement, _("Svar på forslag om forløb"))
    return render(request, "portal/placement_answer.html", {"form": form, "placement": placement})


@leader_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def placement_assessment(request, pk: int):
    """The company's progress assessment (competence cards) of the citizen."""
    from citizens import services as citizen_services
    from citizens.models.placement import AssessorKind

    placement = selectors.placement_get(company=request.company, pk=pk)
    form = AssessmentForm(request.POST or None, dimensions=selectors.progress_dimensions(jobcenter=request.jobcenter))

    def record():
        scores = [
            citizen_services.ScoreInput(dimension=dimension, score=score, comment=comment)
            for dimension, score, comment in form.score_items()
        ]
        return citizen_services.progress_assessment_record(
            actor=request.user,
            placement=placement,
            assessed_on=form.cleaned_data["assessed_on"],
            scores=scores,
            assessor_kind=AssessorKind.COMPANY,
        )

    if response := form_submit(
        request,
        form,
        record,
        success_message=_("Vurderingen er gemt."),
        redirect_to=reverse("portal:placement_detail", kwargs={"pk": placement.pk}),
    ):
        return response
    _log_citizen_read(request, placement, _("Virksomhedens vurdering af borgerens udvikling"))
    return render(request, "portal/placement_assessment.html", {"form": form, "placement": placement})


@leader_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def placement_follow_up(request, pk: int):
    """A follow-up note written by the company (recorded as the company's, shown to the jobcenter)."""
    from citizens import services as citizen_services
    from citizens.models.placement import RecordedAs

    placement = selectors.placement_get(company=request.company, pk=pk)
    form = CompanyFollowUpForm(request.POST or None)

    def record():
        if not placement.has_begun:
            raise ValidationError(_("Der kan kun skrives opfølgning på et forløb, virksomheden har sagt ja til."))
        return citizen_services.follow_up_create(
            actor=request.user,
            citizen=placement.citizen,
            data={"placement": placement, **form.cleaned_data},
            recorded_as=RecordedAs.COMPANY,
        )

    if response := form_submit(
        request,
        form,
        record,
        success_message=_("Opfølgningen er gemt, og jobcentret kan se den."),
        redirect_to=reverse("portal:placement_detail", kwargs={"pk": placement.pk}),
    ):
        return response
    _log_citizen_read(request, placement, _("Virksomhedens opfølgning på forløb"))
    return render(request, "portal/placement_follow_up.html", {"form": form, "placement": placement})


# --- Compensation claims --------------------------------------------------------------------------


@leader_required
@require_GET
def claims(request):
    company = request.company
    access_record(
        request=request, action=AccessAction.VIEW, purpose=_("Virksomhedens anmodninger om frikøb"), obj=company
    )
    filterset = PortalClaimFilter(
        request.GET or None, queryset=company_selectors.claim_list(jobcenter=request.jobcenter, company=company)
    )
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    context = {"filter": filterset, "page": counted_page(queryset, request), "query": query_without(request)}
    return render(request, "portal/claims.html", context)


@leader_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def claim_create(request):
    """Submit a claim for one placement and month (or correct and resubmit a rejected one)."""
    company = request.company
    form = ClaimForm(
        request.POST or None,
        placements=selectors.claimable_placements(company=company),
        initial={"placement": request.GET.get("forloeb"), "month": request.GET.get("maaned")},
    )
    if response := form_submit(
        request,
        form,
        lambda: company_services.claim_submit(
            actor=request.user,
            company=company,
            placement=form.cleaned_data["placement"],
            month=form.cleaned_data["month"],
            hours=form.cleaned_data["hours"],
            note=form.cleaned_data["note"],
        ),
        success_message=_("Anmodningen om frikøb er sendt til jobcentret."),
        redirect_to=lambda claim: reverse("portal:claim_detail", kwargs={"pk": claim.pk}),
    ):
        return response
    return render(request, "portal/claim_form.html", {"form": form})


@leader_required
@require_GET
def claim_detail(request, pk: int):
    claim = company_selectors.claim_get(jobcenter=request.jobcenter, company=request.company, pk=pk)
    _log_citizen_read(request, claim.placement, _("Virksomhedens anmodning om frikøb"))
    return render(request, "portal/claim_detail.html", {"claim": claim})


# --- Courses and network meetings -----------------------------------------------------------------


@leader_required
@require_GET
def courses(request):
    company = request.company
    registrations = list(course_selectors.company_registrations(company=company)[:100])
    today = timezone.localdate()
    return render(
        request,
        "portal/courses.html",
        {
            "courses": list(course_selectors.upcoming_courses_for_company(company=company)),
            "registrations": registrations,
            "withdrawable": {
                r.pk for r in registrations if course_services.company_withdraw_problem(r, today=today) is None
            },
        },
    )


@leader_required
@require_http_methods(["GET", "POST"])
def course_registration_cancel(request, pk: int):
    registration = course_selectors.portal_registration_get(company=request.company, pk=pk)
    if request.method == "GET" and (problem := course_services.company_withdraw_problem(registration)):
        messages.error(request, problem)
        return redirect("portal:courses")
    if request.method == "POST":
        action_submit(
            request,
            lambda: course_services.registration_cancel_by_company(
                actor=request.user, company=request.company, registration=registration
            ),
            success_message=_("%(name)s er afmeldt.") % {"name": registration.name},
        )
        return redirect("portal:courses")
    return render(request, "portal/course_registration_cancel.html", {"registration": registration})


@leader_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def course_register(request, pk: int):
    course = course_selectors.portal_course_get(company=request.company, pk=pk)
    form = PortalRegisterForm(request.POST or None, company=request.company)
    if request.method == "POST" and form.is_valid():
        try:
            registration = course_services.registration_create(
                actor=request.user, course=course, via=Via.PORTAL, company_mentor=form.cleaned_data["mentor"]
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            if registration.is_waiting:
                messages.warning(
                    request, _("Kurset er fuldt. %(name)s er sat på ventelisten.") % {"name": registration.name}
                )
            else:
                messages.success(request, _("%(name)s er tilmeldt.") % {"name": registration.name})
            return redirect("portal:courses")
    return render(request, "portal/course_register.html", {"form": form, "course": course})


# --- The company's people with access --------------------------------------------------------------


@leader_required
@require_GET
def people(request):
    """Who has access to the company's portal, and how they sign in (MitID Erhverv or password)."""
    leaders = company_selectors.company_leaders(jobcenter=request.jobcenter, company=request.company)
    return render(request, "portal/people.html", {"company": request.company, "leaders": leaders})


@leader_required
@require_POST
def person_remove(request, pk: int):
    """A leader takes another person's access to the company's portal away (they left the company). The
    membership is deactivated, so neither their password nor their MitID Erhverv lets them in any more."""
    membership = company_selectors.leader_membership_get(jobcenter=request.jobcenter, company=request.company, pk=pk)
    if membership.user_id == request.user.pk:
        messages.error(request, _("Du kan ikke fjerne din egen adgang. Bed jobcentret om det."))
    else:
        company_services.leader_remove(actor=request.user, membership=membership)
        messages.success(
            request, _("%(name)s har ikke længere adgang til portalen.") % {"name": membership.user.full_name}
        )
    return redirect("portal:people")
