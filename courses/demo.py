"""Demo courses for `manage.py seed_demo`: last year's, this year's and next year's mentor courses, special
modules and network meetings in Favrskov (network meetings twice a year) and Kalundborg (a fixed yearly
programme), with registrations, attendance, completions on the qualification records and evaluations for
those held. The courses to come have free seats, except Favrskov's next special module, which is full and has
a waiting list.

Idempotent: courses are found by jobcenter + title, registrations by course + e-mail, attendance by
registration + day. Rows are written directly (no e-mails are queued for demo data)."""

import datetime
import random

from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.models import Jobcenter, Membership
from accounts.permissions import STAFF
from companies.models import Company, CompanyMentor
from corps.models import Mentor, MentorStatus, Qualification
from courses.models import (
    SEAT_STATUSES,
    Attendance,
    Category,
    Course,
    CourseSettings,
    CourseType,
    Evaluation,
    Registration,
    RegistrationStatus,
    Session,
    Via,
)
from courses.services import QUALIFICATION_KIND, nth_weekday
from courses.vocabulary import seed_course_types

BASE = "Mentorkursus – grundforløb"
MODULE = "Specialmodul: utilpassede unge"
NETWORK = "Netværksmøde"
AFTER_WORK = "Fyraftensmøde"

# (type, month, nth, weekday, days, start, end, theme, venue)
PROGRAMMES = {
    "favrskov": [
        (BASE, 3, 2, 1, 2, (9, 0), (15, 30), "", "Favrskov Rådhus, Skovvej 20, Hinnerup"),
        (NETWORK, 4, 3, 2, 1, (16, 30), (19, 0), "Konflikthåndtering", "Hinnerup Bibliotek"),
        (MODULE, 5, 2, 3, 1, (9, 0), (12, 30), "Utilpassede unge", "Jobcenter Favrskov, Hadsten"),
        (BASE, 9, 2, 1, 2, (9, 0), (15, 30), "", "Favrskov Rådhus, Skovvej 20, Hinnerup"),
        (NETWORK, 10, 3, 2, 1, (16, 30), (19, 0), "Misbrugsproblematik", "Hinnerup Bibliotek"),
        (AFTER_WORK, 11, 1, 3, 1, (17, 0), (19, 30), "Psykiske lidelser og funktionsevne", "Hammel Maskinfabrik"),
    ],
    "kalundborg": [
        (BASE, 2, 1, 0, 2, (9, 0), (15, 0), "", "Kalundborg Rådhus"),
        (NETWORK, 3, 2, 3, 1, (15, 0), (17, 30), "Mål og delmål", "Jobcenter Kalundborg"),
        (NETWORK, 6, 2, 3, 1, (15, 0), (17, 30), "Konflikthåndtering", "Jobcenter Kalundborg"),
        (NETWORK, 9, 2, 3, 1, (15, 0), (17, 30), "Fastholdelse", "Jobcenter Kalundborg"),
        (NETWORK, 11, 2, 5, 1, (10, 0), (13, 0), "Weekendmøde for små virksomheder", "Kalundborg Havn"),
    ],
}
# Seats: a base course takes 20, the others 25; the one full course (a small special module) takes 6 and has
# two more on its waiting list.
FULL_COURSE = ("favrskov", MODULE)
FULL_CAPACITY = 6
COMMENTS = [
    "Meget brugbart, især værktøjerne til målsamtaler.",
    "Godt at møde de andre virksomheder og jobkonsulenterne.",
    "Lidt for meget teori om eftermiddagen.",
    "Jeg kan bruge det med det samme i vores lærlingeforløb.",
    "",
]


def _title(type_name: str, theme: str, first: datetime.date) -> str:
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
              "november", "december"]  # fmt: skip
    base = f"{type_name}, {months[first.month - 1]} {first.year}"
    return f"{base}: {theme}" if theme and type_name == NETWORK else base


def _participants(jobcenter) -> list[dict]:
    people = []
    for mentor in Mentor.objects.filter(jobcenter=jobcenter, status=MentorStatus.ACTIVE).order_by("pk")[:12]:
        people.append({"corps_mentor": mentor, "name": mentor.full_name, "email": mentor.email})
    for mentor in (
        CompanyMentor.objects.filter(company__jobcenter=jobcenter)
        .exclude(email="")
        .select_related("company")
        .order_by("pk")[:10]
    ):
        people.append(
            {"company_mentor": mentor, "company": mentor.company, "name": mentor.full_name, "email": mentor.email}
        )
    for company in Company.objects.filter(jobcenter=jobcenter).order_by("name")[:4]:
        slug = "".join(ch for ch in company.name.lower() if ch.isalnum())[:20]
        people.append({"company": company, "name": f"Medarbejder hos {company.name}", "email": f"mentor@{slug}.dk"})
    return people


def _seed_jobcenter(jobcenter, *, rng: random.Random) -> tuple[int, int]:
    seed_course_types(jobcenter=jobcenter, course_type_model=CourseType)
    CourseSettings.objects.get_or_create(jobcenter=jobcenter)
    types = {t.name: t for t in CourseType.objects.filter(jobcenter=jobcenter)}
    consultants = [
        m.user
        for m in Membership.objects.filter(jobcenter=jobcenter, role__in=STAFF)
        .select_related("user")
        .order_by("pk")[:2]
    ]
    people = _participants(jobcenter)
    today = timezone.localdate()
    courses = registrations = 0
    full_done = False
    for year in (today.year - 1, today.year, today.year + 1):
        for type_name, month, nth, weekday, days, start, end, theme, venue in PROGRAMMES[jobcenter.slug]:
            course_type = types[type_name]
            first = nth_weekday(year, month, weekday, nth)
            dates = [first + datetime.timedelta(days=i) for i in range(days)]
            capacity = 20 if course_type.category == Category.BASE_COURSE else 25
            full = not full_done and first > today and (jobcenter.slug, type_name) == FULL_COURSE
            full_done = full_done or full
            course, _ = Course.objects.update_or_create(
                jobcenter=jobcenter,
                title=_title(type_name, theme, first),
                defaults={
                    "course_type": course_type,
                    "theme": theme,
                    "venue": venue,
                    "provider": "MENTOR company A/S" if course_type.category == Category.BASE_COURSE else "",
                    "capacity": FULL_CAPACITY if full else capacity,
                    "registration_deadline": first - datetime.timedelta(days=14),
                    "first_day": dates[0],
                    "last_day": dates[-1],
                    "description": course_type.description,
                },
            )
            sessions = []
            for day in dates:
                session, _ = Session.objects.update_or_create(
                    course=course,
                    date=day,
                    defaults={"starts_at": datetime.time(*start), "ends_at": datetime.time(*end)},
                )
                sessions.append(session)
            # Kalundborg's programme shows the warning: only one job consultant on its network meetings.
            course.job_consultants.set(
                consultants[:1] if type_name == NETWORK and jobcenter.slug == "kalundborg" else consultants
            )
            courses += 1
            past = dates[-1] < today
            # Held courses had 9 participants; a course to come has some registrations so far, the full one
            # two more than its seats.
            wanted = 9 if past else (FULL_CAPACITY + 2 if full else 3 + (courses * 5) % 8)
            chosen = rng.sample(people, k=min(len(people), wanted))
            for index, person in enumerate(chosen):
                seat = index < course.capacity
                status = RegistrationStatus.REGISTERED if seat else RegistrationStatus.WAITING
                registration, _ = Registration.objects.update_or_create(
                    course=course,
                    email=person["email"],
                    defaults={
                        "corps_mentor": person.get("corps_mentor"),
                        "company_mentor": person.get("company_mentor"),
                        "company": person.get("company"),
                        "name": person["name"],
                        "status": status,
                        "waiting_since": None if seat else timezone.now(),
                        "via": [Via.COORDINATOR, Via.PORTAL, Via.INVITATION][index % 3],
                    },
                )
                registrations += 1
                if not past:
                    continue
                attended_all = index % 7 != 3  # about one in seven missed a day
                for number, session in enumerate(sessions):
                    Attendance.objects.update_or_create(
                        registration=registration,
                        session=session,
                        defaults={"present": attended_all or number == 0},
                    )
                if attended_all:
                    _complete(registration, course)
            if not past:
                _promote_waiting(course)
    return courses, registrations


def _promote_waiting(course: Course) -> None:
    """Gives the free seats of a course to come to those waiting (rows of an earlier seed with fewer seats),
    first come first served, so no one waits for a course with room."""
    free = course.capacity - Registration.objects.filter(course=course, status__in=SEAT_STATUSES).count()
    if free <= 0:
        return
    waiting = Registration.objects.filter(course=course, status=RegistrationStatus.WAITING).order_by(
        "waiting_since", "pk"
    )
    ids = list(waiting.values_list("pk", flat=True)[:free])
    Registration.objects.filter(pk__in=ids).update(status=RegistrationStatus.REGISTERED, waiting_since=None)


def _complete(registration: Registration, course: Course) -> None:
    if registration.completed_on != course.last_day:
        registration.completed_on = course.last_day
        registration.save(update_fields=["completed_on"])
    if registration.corps_mentor_id:
        Qualification.objects.update_or_create(
            mentor_id=registration.corps_mentor_id,
            source="courses",
            source_reference=f"registration:{registration.pk}",
            defaults={
                "title": course.title,
                "kind": QUALIFICATION_KIND[course.course_type.category],
                "completed_on": course.last_day,
            },
        )
    mentor = registration.company_mentor
    newer = mentor is not None and (mentor.course_completed_on is None or mentor.course_completed_on < course.last_day)
    if newer and course.course_type.category == Category.BASE_COURSE:
        mentor.course_completed_on = course.last_day
        mentor.save(update_fields=["course_completed_on"])
    if registration.pk % 3:
        scores = (4 + registration.pk % 2, 3 + registration.pk % 3, 4 + (registration.pk // 2) % 2)
        Evaluation.objects.update_or_create(
            registration=registration,
            defaults={
                "overall": scores[0],
                "relevance": scores[1],
                "usefulness": scores[2],
                "comments": COMMENTS[registration.pk % len(COMMENTS)],
            },
        )


def seed(*, stdout) -> None:
    rng = random.Random(7)  # noqa: S311 (demo data, not security)
    # Demo data for every demo jobcenter in one run (manage.py seed_demo), no request and no tenant.
    with scopes_disabled():
        for slug in ("favrskov", "kalundborg"):
            jobcenter = Jobcenter.objects.filter(slug=slug).first()
            if jobcenter is None:
                continue
            courses, registrations = _seed_jobcenter(jobcenter, rng=rng)
            stdout.write(f"  {jobcenter.name}: {courses} kurser og møder, {registrations} tilmeldinger\n")
