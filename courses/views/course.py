"""The course list and calendar, and planning: a course, a year plan, its days and its calendar file."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from audit.models import AccessAction
from audit.services import access_record
from courses import selectors, services
from courses.forms import (
    CancelForm,
    CourseForm,
    NewCourseForm,
    SessionForm,
    YearPlanForm,
)
from courses.ical import REQUEST
from courses.ical import course_ics as build_ics
from courses.models import Course, CourseType
from courses.views._common import PAGE_SIZE, coordinator_required, staff_required
from mentorship.idempotency import idempotent_create
from mentorship.web import form_errors_from, form_submit, paginate


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
