"""Every read the courses pages need, scoped to the jobcenter (and company, in the portal), each in a
fixed number of queries whatever the number of rows."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from courses.models import (
    ACTIVE_STATUSES,
    SEAT_STATUSES,
    Attendance,
    Course,
    CourseStatus,
    CourseType,
    Evaluation,
    Invitation,
    InvitationStatus,
    Registration,
    RegistrationStatus,
    Session,
    Shadowing,
    company_registrations_q,
)
from courses.services import settings_for

RS = RegistrationStatus


def _annotated(queryset: QuerySet[Course]) -> QuerySet[Course]:
    return queryset.select_related("course_type").annotate(
        seats_taken=Count("registrations", filter=Q(registrations__status__in=SEAT_STATUSES), distinct=True),
        waiting_count=Count("registrations", filter=Q(registrations__status=RS.WAITING), distinct=True),
        consultant_count=Count("job_consultants", distinct=True),
    )


def course_list(*, jobcenter, when: str = "upcoming", course_type: CourseType | None = None) -> QuerySet[Course]:
    """Courses of the jobcenter, coming (from today) or held, with seats taken, waiting and consultants."""
    today = timezone.localdate()
    queryset = Course.objects.filter(jobcenter=jobcenter)
    if course_type is not None:
        queryset = queryset.filter(course_type=course_type)
    if when == "held":
        queryset = queryset.filter(last_day__lt=today).order_by("-first_day", "-id")
    else:
        queryset = queryset.filter(Q(last_day__gte=today) | Q(last_day__isnull=True)).order_by("first_day", "id")
    return _annotated(queryset).prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("date")))


def course_types(*, jobcenter) -> QuerySet[CourseType]:
    return CourseType.objects.filter(jobcenter=jobcenter, is_active=True).select_related("requires")


def course_get(*, jobcenter, pk: int) -> Course:
    return get_object_or_404(
        Course.objects.filter(jobcenter=jobcenter).select_related("course_type", "jobcenter"), pk=pk
    )


@dataclass
class CourseDetail:
    course: Course
    sessions: list
    registered: list
    waiting: list
    ended: list
    invitation_counts: dict
    consultants: list
    minimum_consultants: int
    evaluation: dict

    @property
    def too_few_consultants(self) -> bool:
        return len(self.consultants) < self.minimum_consultants

    @property
    def seats_taken(self) -> int:
        return sum(1 for r in self.registered if r.status in SEAT_STATUSES)

    @property
    def seats_free(self) -> int:
        return max(self.course.capacity - self.seats_taken, 0)


def course_detail(*, jobcenter, pk: int) -> CourseDetail:
    course = course_get(jobcenter=jobcenter, pk=pk)
    registrations = list(
        Registration.objects.filter(course=course)
        .select_related("company")
        .order_by("waiting_since", "created_at", "pk")
    )
    counts = dict.fromkeys(InvitationStatus.values, 0)
    for row in Invitation.objects.filter(course=course).values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts.values())
    return CourseDetail(
        course=course,
        sessions=list(Session.objects.filter(course=course).order_by("date")),
        registered=[r for r in registrations if r.status in SEAT_STATUSES],
        waiting=[r for r in registrations if r.status == RS.WAITING],
        ended=[r for r in registrations if r.status in (RS.CANCELLED, RS.LAPSED)],
        invitation_counts=counts,
        consultants=list(course.job_consultants.order_by("full_name")),
        minimum_consultants=settings_for(jobcenter).minimum_job_consultants,
        evaluation=evaluation_summary_for_course(course=course),
    )


def invitation_list(*, course: Course) -> QuerySet[Invitation]:
    return Invitation.objects.filter(course=course).select_related("company").order_by("status", "email")


def registration_get(*, jobcenter, pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.filter(course__jobcenter=jobcenter).select_related(
            "course__course_type", "course__jobcenter"
        ),
        pk=pk,
    )


def session_get(*, course: Course, pk: int) -> Session:
    return get_object_or_404(Session.objects.filter(course=course), pk=pk)


@dataclass
class AttendanceSheet:
    course: Course
    sessions: list
    rows: list  # [(registration, [(session, present | None)])]


def attendance_sheet(*, course: Course) -> AttendanceSheet:
    sessions = list(Session.objects.filter(course=course).order_by("date"))
    registrations = list(Registration.objects.filter(course=course, status=RS.REGISTERED).order_by("name", "pk"))
    marks = {(a.registration_id, a.session_id): a.present for a in Attendance.objects.filter(session__course=course)}
    rows = [(r, [(s, marks.get((r.pk, s.pk))) for s in sessions]) for r in registrations]
    return AttendanceSheet(course=course, sessions=sessions, rows=rows)


# --- Calendar ------------------------------------------------------------------------------------


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    sessions: list = field(default_factory=list)


def month_calendar(*, jobcenter, year: int, month: int) -> list[list[CalendarDay]]:
    """The month's weeks (Monday first), each day with the sessions held on it."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start, end = weeks[0][0], weeks[-1][-1]
    by_day: dict[datetime.date, list] = {}
    for session in (
        Session.objects.filter(course__jobcenter=jobcenter, date__gte=start, date__lte=end)
        .select_related("course__course_type")
        .order_by("date", "starts_at")
    ):
        by_day.setdefault(session.date, []).append(session)
    return [[CalendarDay(day, day.month == month, by_day.get(day, [])) for day in week] for week in weeks]


# --- Evaluations ---------------------------------------------------------------------------------


def evaluation_summary_for_course(*, course: Course) -> dict:
    evaluations = Evaluation.objects.filter(registration__course=course)
    summary = evaluations.aggregate(
        count=Count("pk"), overall=Avg("overall"), relevance=Avg("relevance"), usefulness=Avg("usefulness")
    )
    summary["comments"] = list(
        evaluations.exclude(comments="").order_by("-submitted_at").values_list("comments", flat=True)[:50]
    )
    return summary


def evaluation_summary_by_type(*, jobcenter) -> list[dict]:
    """Per course type: how many courses were evaluated, how many answers, and the average scores."""
    rows = (
        Evaluation.objects.filter(registration__course__jobcenter=jobcenter)
        .values("registration__course__course_type__name")
        .annotate(
            courses=Count("registration__course", distinct=True),
            count=Count("pk"),
            overall=Avg("overall"),
            relevance=Avg("relevance"),
            usefulness=Avg("usefulness"),
        )
        .order_by("registration__course__course_type__name")
    )
    return [{**row, "name": row["registration__course__course_type__name"]} for row in rows]


def evaluation_summary_by_course(*, jobcenter) -> QuerySet[Course]:
    return (
        Course.objects.filter(jobcenter=jobcenter, registrations__evaluation__isnull=False)
        .select_related("course_type")
        .annotate(
            answers=Count("registrations__evaluation"),
            overall=Avg("registrations__evaluation__overall"),
            relevance=Avg("registrations__evaluation__relevance"),
            usefulness=Avg("registrations__evaluation__usefulness"),
        )
        .order_by("-first_day")
    )


# --- Shadowing -----------------------------------------------------------------------------------


def shadowing_list(*, jobcenter) -> QuerySet[Shadowing]:
    return Shadowing.objects.filter(jobcenter=jobcenter).select_related(
        "new_corps_mentor",
        "experienced_corps_mentor",
        "new_company_mentor__company",
        "experienced_company_mentor",
    )


# --- The company portal --------------------------------------------------------------------------


def upcoming_courses_for_company(*, company) -> QuerySet[Course]:
    """Courses of the company's jobcenter that are open for registration (not cancelled, deadline ahead)."""
    today = timezone.localdate()
    return (
        _annotated(
            Course.objects.filter(
                jobcenter_id=company.jobcenter_id, status=CourseStatus.PLANNED, registration_deadline__gte=today
            )
        )
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("date")))
        .order_by("first_day", "id")
    )


def company_registrations(*, company) -> QuerySet[Registration]:
    """The company's registrations (its mentors and other employees), newest courses first."""
    return (
        Registration.objects.filter(company_registrations_q(company))
        .select_related("course__course_type")
        .order_by("-course__first_day", "name")
    )


def portal_registration_get(*, company, pk: int) -> Registration:
    """One of the company's registrations that can still be withdrawn (registered, offered a seat or
    waiting); any other registration, another company's included, answers 404."""
    return get_object_or_404(
        company_registrations(company=company).filter(status__in=ACTIVE_STATUSES).select_related("course"), pk=pk
    )


def portal_course_get(*, company, pk: int) -> Course:
    return get_object_or_404(upcoming_courses_for_company(company=company), pk=pk)
