"""Courses pages: the coordinator app (plan, invite, register, attendance) and the public pages reached from
e-mail links (the company leader's course pages are in portal/views.py). Thin: permission, selector, form,
service, response."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_scopes import scope, scopes_disabled

from accounts.permissions import COORDINATORS, STAFF, role_required
from audit.models import AccessAction
from audit.services import access_record
from courses import selectors, services, tokens
from courses.forms import (
    CancelForm,
    CourseForm,
    EvaluationForm,
    InviteForm,
    NewCourseForm,
    RegisterForm,
    SessionForm,
    ShadowingForm,
    YearPlanForm,
)
from courses.ical import REQUEST
from courses.ical import course_ics as build_ics
from courses.models import Course, CourseType, Invitation, InvitationSource, Registration, Via
from courses.pdf import certificate_pdf
from mentorship.idempotency import idempotent_create
from mentorship.ratelimit import over_limit
from mentorship.web import action_submit, form_errors_from, form_submit, paginate

staff_required = role_required(*STAFF)
coordinator_required = role_required(*COORDINATORS)

PAGE_SIZE = 25
PUBLIC_RATE_LIMIT = 30  # answers per client address per hour on the public links
PUBLIC_RATE_WINDOW = 3600


# --- Lists and calendar -------------------------------------------------------------------------


@staff_required
@require_GET
def course_list(request):
    when = "held" if request.GET.get("vis") == "afholdte" else "upcoming"
    course_type = None
    if request.GET.get("type", "").isdigit():
        course_type = CourseType.objects.filter(jobcenter=request.jobcenter, pk=int(request.GET["type"])).first()
    page = paginate(
        selectors.course_list(jobcenter=request.jobcenter, when=when, course_type=course_type), request, size=PAGE_SIZE
    )
    minimum = services.settings_for(request.jobcenter).minimum_job_consultants
    return render(
        request,
        "courses/course_list.html",
        {
            "page": page,
            "when": when,
            "types": list(selectors.course_types(jobcenter=request.jobcenter)),
            "selected_type": course_type,
            "minimum_consultants": minimum,
        },
    )


def _month(request) -> datetime.date:
    try:
        year, month = (int(part) for part in request.GET.get("maaned", "").split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


@staff_required
@require_GET
def course_calendar(request):
    first = _month(request)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "courses/calendar.html",
        {
            "month": first,
            "previous": previous,
            "following": following,
            "weeks": selectors.month_calendar(jobcenter=request.jobcenter, year=first.year, month=first.month),
            "today": timezone.localdate(),
        },
    )


# --- Planning -----------------------------------------------------------------------------------


@coordinator_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def course_create(request):
    form = NewCourseForm(request.POST or None, jobcenter=request.jobcenter)
    if response := form_submit(
        request,
        form,
        lambda: services.course_create(
            actor=request.user,
            jobcenter=request.jobcenter,
            data=form.course_data(),
            sessions=form.sessions(),
            job_consultants=form.cleaned_data["job_consultants"],
        ),
        success_message=_("Kurset er oprettet. Inviter deltagerne, når du er klar."),
        redirect_to=lambda course: reverse("courses:detail", kwargs={"pk": course.pk}),
    ):
        return response
    return render(request, "courses/course_form.html", {"form": form, "course": None})


@coordinator_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def year_plan(request):
    form = YearPlanForm(request.POST or None, jobcenter=request.jobcenter)
    if response := form_submit(
        request,
        form,
        lambda: services.year_plan_create(
            actor=request.user,
            jobcenter=request.jobcenter,
            plan=form.plan(),
            job_consultants=form.cleaned_data["job_consultants"],
        ),
        success_message=lambda courses: _("%(count)s kurser og møder er oprettet.") % {"count": len(courses)},
        redirect_to="courses:list",
    ):
        return response
    return render(request, "courses/year_plan.html", {"form": form})


@staff_required
@require_GET
def course_detail(request, pk: int):
    detail = selectors.course_detail(jobcenter=request.jobcenter, pk=pk)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Deltagerliste for kursus"), obj=detail.course)
    return render(request, "courses/course_detail.html", {"detail": detail, "course": detail.course})


@coordinator_required
@require_http_methods(["GET", "POST"])
def course_update(request, pk: int):
    course = selectors.course_get(jobcenter=request.jobcenter, pk=pk)
    if course.is_cancelled:
        raise Http404
    form = CourseForm(request.POST or None, instance=course, jobcenter=request.jobcenter)
    if response := form_submit(
        request,
        form,
        lambda: services.course_update(
            actor=request.user,
            course=course,
            data=form.course_data(),
            job_consultants=form.cleaned_data["job_consultants"],
        ),
        success_message=_("Kurset er gemt. Ændres tid eller sted, får deltagerne besked."),
        redirect_to=reverse("courses:detail", kwargs={"pk": course.pk}),
    ):
        return response
    # A failed ModelForm validation may have changed the instance in memory; the title is read fresh.
    return render(
        request, "courses/course_form.html", {"form": form, "course": Course(pk=course.pk, title=course.title)}
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def course_cancel(request, pk: int):
    course = selectors.course_get(jobcenter=request.jobcenter, pk=pk)
    form = CancelForm(request.POST or None)
    if response := form_submit(
        request,
        form,
        lambda: services.course_cancel(actor=request.user, course=course, reason=form.cleaned_data["reason"]),
        success_message=_("Kurset er aflyst, og alle deltagere og inviterede har fået besked."),
        redirect_to=reverse("courses:detail", kwargs={"pk": course.pk}),
    ):
        return response
    return render(request, "courses/course_cancel.html", {"form": form, "course": course})


@coordinator_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def session_add(request, pk: int):
    course = selectors.course_get(jobcenter=request.jobcenter, pk=pk)
    form = SessionForm(request.POST or None)
    if response := form_submit(
        request,
        form,
        lambda: services.session_add(actor=request.user, course=course, day=form.session()),
        success_message=_("Dagen er tilføjet, og deltagerne har fået besked."),
        redirect_to=reverse("courses:detail", kwargs={"pk": course.pk}),
    ):
        return response
    return render(request, "courses/session_form.html", {"form": form, "course": course, "session": None})


@coordinator_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk: int, session_pk: int):
    course = selectors.course_get(jobcenter=request.jobcenter, pk=pk)
    session = selectors.session_get(course=course, pk=session_pk)
    initial = {"date": session.date, "starts_at": session.starts_at, "ends_at": session.ends_at}
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                services.session_remove(actor=request.user, session=session)
                messages.success(request, _("Dagen er fjernet, og deltagerne har fået besked."))
                return redirect("courses:detail", pk=course.pk)
            if form.is_valid():
                services.session_update(actor=request.user, session=session, day=form.session())
                messages.success(request, _("Dagen er ændret, og deltagerne har fået besked."))
                return redirect("courses:detail", pk=course.pk)
        except ValidationError as error:
            form_errors_from(form, error)
    return render(request, "courses/session_form.html", {"form": form, "course": course, "session": session})


@staff_required
@require_GET
def course_ics(request, pk: int):
    """The course as a calendar file for the coordinator's own calendar."""
    course = selectors.course_get(jobcenter=request.jobcenter, pk=pk)
    ics = build_ics(
        course,
        course.sessions.order_by("date"),
        method=REQUEST,
        attendee_email=request.user.email,
        attendee_name=request.user.full_name,
    )
    response = HttpResponse(ics.content, content_type=ics.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{ics.filename}"'
    return response


# --- Invitations and registrations ----------------------------------------------------------------


@coordinator_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def invite(request, pk: int):
    course = selectors.course_get(jobcenter=request.jobcenter, pk=pk)
    form = InviteForm(request.POST or None, jobcenter=request.jobcenter)

    def submit():
        source = form.cleaned_data["source"]
        return services.invitations_send(
            actor=request.user,
            course=course,
            source=source,
            invitees=form.invitees() if source == InvitationSource.PICKED else None,
        )

    if response := form_submit(
        request,
        form,
        submit,
        success_message=lambda sent: _("%(count)s invitationer er sendt.") % {"count": sent},
        redirect_to=reverse("courses:detail", kwargs={"pk": course.pk}),
    ):
        return response
    return render(request, "courses/invite.html", {"form": form, "course": course})


@coordinator_required
@require_GET
def invitation_list(request, pk: int):
    course = selectors.course_get(jobcenter=request.jobcenter, pk=pk)
    page = paginate(selectors.invitation_list(course=course), request, size=50)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Invitationer til kursus"), obj=course)
    return render(request, "courses/invitation_list.html", {"course": course, "page": page})


@coordinator_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def register(request, pk: int):
    course = selectors.course_get(jobcenter=request.jobcenter, pk=pk)
    form = RegisterForm(request.POST or None, jobcenter=request.jobcenter)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                actor=request.user,
                course=course,
                via=Via.COORDINATOR,
                corps_mentor=data["corps_mentor"],
                company_mentor=data["company_mentor"],
                company=data["company"],
                name=data["name"],
                email=data["email"],
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
            return redirect("courses:detail", pk=course.pk)
    return render(request, "courses/register.html", {"form": form, "course": course})


@coordinator_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request, pk: int):
    registration = selectors.registration_get(jobcenter=request.jobcenter, pk=pk)
    if request.method == "POST":
        action_submit(
            request,
            lambda: services.registration_cancel(actor=request.user, registration=registration),
            success_message=_("%(name)s er afmeldt.") % {"name": registration.name},
        )
        return redirect("courses:detail", pk=registration.course_id)
    return render(request, "courses/registration_cancel.html", {"registration": registration})


# --- Attendance, completion, certificate ------------------------------------------------------------


@coordinator_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    course = selectors.course_get(jobcenter=request.jobcenter, pk=pk)
    if request.method == "GET":
        access_record(request=request, action=AccessAction.VIEW, purpose=_("Fremmøde på kursus"), obj=course)
    if request.method == "POST":
        present = set()
        for value in request.POST.getlist("present"):
            registration_id, _sep, session_id = value.partition(":")
            if registration_id.isdigit() and session_id.isdigit():
                present.add((int(registration_id), int(session_id)))
        try:
            services.attendance_record(actor=request.user, course=course, present=present)
            if "complete" in request.POST:
                count = services.course_complete(actor=request.user, course=course)
                messages.success(
                    request,
                    _("Fremmødet er gemt. %(count)s har gennemført og får en evaluering tilsendt.") % {"count": count},
                )
            else:
                messages.success(request, _("Fremmødet er gemt."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("courses:attendance", pk=course.pk)
    sheet = selectors.attendance_sheet(course=course)
    return render(
        request,
        "courses/attendance.html",
        {"course": course, "sheet": sheet, "today": timezone.localdate()},
    )


@coordinator_required
@require_GET
def certificate(request, pk: int):
    registration = selectors.registration_get(jobcenter=request.jobcenter, pk=pk)
    if registration.completed_on is None:
        raise Http404
    access_record(request=request, action=AccessAction.PRINT, purpose=_("Kursusbevis"), obj=registration)
    pdf = certificate_pdf(registration, registration.course.sessions.order_by("date"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kursusbevis-{registration.pk}.pdf"'
    return response


@staff_required
@require_GET
def evaluations(request):
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Kursusevalueringer"))
    return render(
        request,
        "courses/evaluations.html",
        {
            "by_type": selectors.evaluation_summary_by_type(jobcenter=request.jobcenter),
            "page": paginate(
                selectors.evaluation_summary_by_course(jobcenter=request.jobcenter), request, size=PAGE_SIZE
            ),
        },
    )


# --- Shadowing ------------------------------------------------------------------------------------


@coordinator_required
@require_GET
def shadowing_list(request):
    page = paginate(selectors.shadowing_list(jobcenter=request.jobcenter), request, size=PAGE_SIZE)
    access_record(request=request, action=AccessAction.VIEW, purpose=_("Følordninger for nye mentorer"))
    return render(request, "courses/shadowing_list.html", {"page": page, "today": timezone.localdate()})


@coordinator_required
@require_http_methods(["GET", "POST"])
@idempotent_create
def shadowing_create(request):
    form = ShadowingForm(request.POST or None, jobcenter=request.jobcenter)

    def submit():
        new, experienced = form.pair()
        return services.shadowing_create(
            actor=request.user,
            jobcenter=request.jobcenter,
            new=new,
            experienced=experienced,
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            note=form.cleaned_data["note"],
        )

    if response := form_submit(
        request,
        form,
        submit,
        success_message=_("Følgeordningen er gemt."),
        redirect_to="courses:shadowing_list",
    ):
        return response
    return render(request, "courses/shadowing_form.html", {"form": form})


# --- Public links from e-mails ---------------------------------------------------------------------


def _rate_limited(request, scope_name: str) -> bool:
    return over_limit(request, f"courses:{scope_name}", limit=PUBLIC_RATE_LIMIT, window=PUBLIC_RATE_WINDOW)


def _from_token(kind: str, token: str, model):
    pk = tokens.read(kind, token)
    if pk is None:
        raise Http404
    with scopes_disabled():
        return get_object_or_404(model.objects.select_related("course__jobcenter", "course__course_type"), pk=pk)


def _too_many(request, template: str, context: dict):
    context["error"] = _("Der er kommet mange svar fra din forbindelse. Prøv igen om en time.")
    return render(request, template, context, status=429)


@login_not_required
@require_http_methods(["GET", "POST"])
def public_invitation(request, token: str):
    """The invitation's link: see the course, register or decline. Opening it is tracked."""
    invitation = _from_token(tokens.INVITATION, token, Invitation)
    course = invitation.course
    with scope(jobcenter=course.jobcenter):
        sessions = list(course.sessions.order_by("date"))
        context = {
            "invitation": invitation,
            "course": course,
            "sessions": sessions,
            "jobcenter": course.jobcenter,
            "can_withdraw": not course.first_day or course.first_day > timezone.localdate(),
        }
        if request.method == "GET":
            services.invitation_open(invitation=invitation)
            context["registration"] = invitation.registrations.exclude(status="cancelled").first()
            return render(request, "courses/public_invitation.html", context)
        if _rate_limited(request, "invitation"):
            return _too_many(request, "courses/public_invitation.html", context)
        try:
            if request.POST.get("answer") == "decline":
                services.invitation_decline(invitation=invitation)
                context["done"] = _("Tak for svaret. Du har meldt fra.")
            elif request.POST.get("answer") == "cancel":
                services.registration_cancel_by_link(invitation=invitation)
                invitation.refresh_from_db()
                context["done"] = _("Du er meldt fra kurset. Din plads går videre til den næste på ventelisten.")
            else:
                registration = services.registration_create(
                    actor=None,
                    course=course,
                    via=Via.INVITATION,
                    invitation=invitation,
                    corps_mentor=invitation.corps_mentor,
                    company_mentor=invitation.company_mentor,
                    company=invitation.company,
                    name=(request.POST.get("name") or invitation.name or "").strip()[:200],
                    email=invitation.email,
                )
                context["registration"] = registration
                context["done"] = (
                    _("Kurset er fuldt, så du er skrevet på ventelisten. Du får besked, hvis der bliver en plads.")
                    if registration.is_waiting
                    else _("Du er tilmeldt. Du får en bekræftelse med en kalenderinvitation på e-mail.")
                )
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
        return render(request, "courses/public_invitation.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def public_offer(request, token: str):
    """The waiting-list offer's link: take the seat or leave it for the next."""
    registration = _from_token(tokens.OFFER, token, Registration)
    course = registration.course
    with scope(jobcenter=course.jobcenter):
        context = {
            "registration": registration,
            "course": course,
            "sessions": list(course.sessions.order_by("date")),
            "jobcenter": course.jobcenter,
        }
        if request.method == "POST":
            if _rate_limited(request, "offer"):
                return _too_many(request, "courses/public_offer.html", context)
            try:
                if request.POST.get("answer") == "decline":
                    services.offer_decline(registration=registration)
                    context["done"] = _("Tak for svaret. Pladsen går videre til den næste på ventelisten.")
                else:
                    services.offer_accept(registration=registration)
                    context["done"] = _("Pladsen er din. Du får en bekræftelse med en kalenderinvitation på e-mail.")
            except ValidationError as error:
                context["error"] = " ".join(error.messages)
            registration.refresh_from_db()
        return render(request, "courses/public_offer.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def public_evaluation(request, token: str):
    registration = _from_token(tokens.EVALUATION, token, Registration)
    course = registration.course
    if registration.completed_on is None:
        raise Http404
    with scope(jobcenter=course.jobcenter):
        form = EvaluationForm(request.POST or None)
        context = {"registration": registration, "course": course, "form": form, "jobcenter": course.jobcenter}
        if hasattr(registration, "evaluation"):
            context["done"] = _("Du har allerede evalueret kurset. Tak!")
        elif request.method == "POST" and form.is_valid():
            if _rate_limited(request, "evaluation"):
                return _too_many(request, "courses/public_evaluation.html", context)
            try:
                services.evaluation_submit(registration=registration, **form.cleaned_data)
            except ValidationError as error:
                form_errors_from(form, error)
            else:
                context["done"] = _("Tak for din evaluering!")
        return render(request, "courses/public_evaluation.html", context)
