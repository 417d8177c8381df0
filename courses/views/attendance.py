"""Attendance, completion certificates, evaluations and shadowing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from audit.models import AccessAction
from audit.services import access_record
from courses import selectors, services
from courses.forms import (
    ShadowingForm,
)
from courses.pdf import certificate_pdf
from courses.views._common import PAGE_SIZE, coordinator_required, staff_required
from mentorship.idempotency import idempotent_create
from mentorship.web import form_submit, paginate


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
