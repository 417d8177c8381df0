import datetime
from email import message_from_bytes

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scopes_disabled
from icalendar import Calendar

from companies.models import CourseNomination
from companies.tests.factories import CompanyFactory, CompanyMentorFactory
from corps.models import Qualification
from corps.tests.factories import MentorFactory
from courses import services
from courses.models import (
    Attendance,
    Category,
    Course,
    CourseSettings,
    CourseType,
    Invitation,
    InvitationSource,
    InvitationStatus,
    Registration,
    Session,
)
from courses.services import Invitee, SessionData, YearPlan
from courses.tests.factories import CourseFactory, CourseTypeFactory, RegistrationFactory, in_days
from notifications.models import Message

pytestmark = pytest.mark.django_db


def _register(course, n, *, via="coordinator", actor=None):
    return [
        services.registration_create(
            actor=actor, course=course, via=via, name=f"Deltager {i}", email=f"d{i}@example.dk"
        )
        for i in range(n)
    ]


def _ics(message: Message) -> Calendar:
    (_filename, content, _mimetype) = message.attachments[0]
    return Calendar.from_ical(content)


def _event(calendar: Calendar):
    return next(iter(calendar.walk("VEVENT")))


# --- Vocabulary and planning ------------------------------------------------------------------------


def test_every_jobcenter_gets_the_default_course_types(world):
    assert services.course_types_defaults_ensure(actor=None, jobcenter=world.jobcenter) == 5
    assert services.course_types_defaults_ensure(actor=None, jobcenter=world.jobcenter) == 0
    module = CourseType.objects.get(jobcenter=world.jobcenter, name="Specialmodul: utilpassede unge")
    assert module.category == Category.MODULE
    assert module.requires.name == "Mentorkursus – grundforløb"


def test_course_create_saves_the_days_and_rejects_a_late_deadline_without_saving(world):
    course_type = CourseTypeFactory(jobcenter=world.jobcenter)
    data = {
        "course_type": course_type,
        "title": "Mentorkursus, efteråret",
        "venue": "Jobcenter Favrskov",
        "capacity": 16,
        "registration_deadline": in_days(20),
    }
    days = [
        SessionData(in_days(30), datetime.time(9), datetime.time(15)),
        SessionData(in_days(31), datetime.time(17), datetime.time(20)),
    ]
    course = services.course_create(
        actor=world.coordinator,
        jobcenter=world.jobcenter,
        data=data,
        sessions=days,
        job_consultants=[world.coordinator],
    )
    assert (course.first_day, course.last_day) == (in_days(30), in_days(31))
    assert course.sessions.count() == 2
    with pytest.raises(ValidationError) as error:
        services.course_create(
            actor=world.coordinator,
            jobcenter=world.jobcenter,
            data={**data, "registration_deadline": in_days(40)},
            sessions=days,
        )
    assert "registration_deadline" in error.value.message_dict
    assert Course.objects.count() == 1
    with pytest.raises(ValidationError):
        services.course_create(
            actor=world.coordinator,
            jobcenter=world.jobcenter,
            data=data,
            sessions=[SessionData(in_days(30), datetime.time(15), datetime.time(9))],
        )
    assert Course.objects.count() == 1 and Session.objects.count() == 2


def test_course_create_refuses_another_jobcenters_type_and_consultants(world):
    data = {
        "course_type": CourseTypeFactory(jobcenter=world.other_jobcenter),
        "title": "X",
        "venue": "Y",
        "capacity": 5,
        "registration_deadline": in_days(5),
    }
    days = [SessionData(in_days(10), datetime.time(9), datetime.time(12))]
    with pytest.raises(ValidationError):
        services.course_create(actor=world.coordinator, jobcenter=world.jobcenter, data=data, sessions=days)
    data["course_type"] = CourseTypeFactory(jobcenter=world.jobcenter)
    with pytest.raises(ValidationError):
        services.course_create(
            actor=world.coordinator,
            jobcenter=world.jobcenter,
            data=data,
            sessions=days,
            job_consultants=[world.other_coordinator],
        )
    assert not Course.objects.exists()


def test_year_plan_creates_network_meetings_twice_a_year_with_themes(world):
    meeting = CourseTypeFactory(jobcenter=world.jobcenter, name="Netværksmøde", category=Category.NETWORK_MEETING)
    year = timezone.localdate().year + 1
    plan = YearPlan(
        course_type=meeting,
        year=year,
        months=[3, 9],
        weekday=1,
        nth=2,
        starts_at=datetime.time(16, 30),
        ends_at=datetime.time(19, 0),
        venue="Hinnerup Bibliotek",
        capacity=30,
        themes=["Konflikthåndtering", "Misbrugsproblematik"],
    )
    courses = services.year_plan_create(actor=world.coordinator, jobcenter=world.jobcenter, plan=plan)
    assert [c.first_day for c in courses] == [
        services.nth_weekday(year, 3, 1, 2),
        services.nth_weekday(year, 9, 1, 2),
    ]
    assert all(c.first_day.weekday() == 1 and 8 <= c.first_day.day <= 14 for c in courses)
    assert [c.theme for c in courses] == ["Konflikthåndtering", "Misbrugsproblematik"]
    assert courses[0].registration_deadline == courses[0].first_day - datetime.timedelta(days=14)


def test_nth_weekday_last():
    assert services.nth_weekday(2026, 2, 0, 5) == datetime.date(2026, 2, 23)


# --- Registration, waiting list and offers ------------------------------------------------------------


def test_registrations_beyond_capacity_join_the_waiting_list_in_order(world):
    course = CourseFactory(jobcenter=world.jobcenter, capacity=2)
    registrations = _register(course, 4)
    assert [r.status for r in registrations] == ["registered", "registered", "waiting", "waiting"]
    assert registrations[2].waiting_since <= registrations[3].waiting_since


def test_a_duplicate_registration_gets_a_danish_error(world):
    course = CourseFactory(jobcenter=world.jobcenter)
    _register(course, 1)
    with pytest.raises(ValidationError) as error:
        services.registration_create(actor=None, course=course, via="coordinator", name="X", email="D0@example.dk")
    assert "allerede tilmeldt" in error.value.message_dict["email"][0]


def test_the_portal_and_the_link_respect_the_deadline_the_coordinator_does_not(world):
    course = CourseFactory(jobcenter=world.jobcenter, days_ahead=3)  # the deadline was 4 days ago
    with pytest.raises(ValidationError, match="Tilmeldingsfristen"):
        services.registration_create(actor=None, course=course, via="portal", name="A", email="a@example.dk")
    registration = services.registration_create(
        actor=world.coordinator, course=course, via="coordinator", name="A", email="a@example.dk"
    )
    assert registration.status == "registered"


def test_a_freed_seat_is_offered_to_the_first_then_the_next_when_it_lapses(world, django_capture_on_commit_callbacks):
    CourseSettings.objects.create(jobcenter=world.jobcenter, offer_hours=24)
    course = CourseFactory(jobcenter=world.jobcenter, capacity=1, days_ahead=10)
    first, second, third = _register(course, 3)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=world.coordinator, registration=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "offered" and third.status == "waiting"
    assert abs((second.offer_expires_at - second.offered_at) - datetime.timedelta(hours=24)) < datetime.timedelta(
        seconds=1
    )
    offer = Message.objects.get(kind="courses.offer", recipient_email=second.email)
    assert "/kurser/svar/plads/" in offer.body_text
    assert _ics(offer).get("method") == "REQUEST"
    cancel = Message.objects.get(kind="courses.registration_cancelled")
    assert _ics(cancel).get("method") == "CANCEL"

    # Not yet lapsed: nothing happens; then the deadline passes and the tick moves the offer on, once.
    assert services.offers_expire() == 0
    later = timezone.now() + datetime.timedelta(hours=25)
    assert services.offers_expire(now=later) == 1
    assert services.offers_expire(now=later) == 0
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "lapsed" and third.status == "offered"
    with pytest.raises(ValidationError):
        services.offer_accept(registration=second)
    services.offer_accept(registration=third)
    third.refresh_from_db()
    assert third.status == "registered"
    assert Registration.objects.filter(course=course, status__in=["registered", "offered"]).count() == 1


def test_declining_an_offer_passes_it_on(world):
    course = CourseFactory(jobcenter=world.jobcenter, capacity=1)
    first, second, third = _register(course, 3)
    services.registration_cancel(actor=None, registration=first)
    second.refresh_from_db()
    services.offer_decline(registration=second)
    third.refresh_from_db()
    assert third.status == "offered"


def test_raising_capacity_offers_the_new_seats(world):
    course = CourseFactory(jobcenter=world.jobcenter, capacity=1)
    _register(course, 3)
    services.course_update(actor=world.coordinator, course=course, data={"capacity": 3})
    assert Registration.objects.filter(course=course, status="offered").count() == 2
    with pytest.raises(ValidationError) as error:
        services.course_update(actor=world.coordinator, course=course, data={"capacity": 1})
    assert "capacity" in error.value.message_dict


def test_a_module_requires_the_base_course(world):
    base = CourseTypeFactory(jobcenter=world.jobcenter, category=Category.BASE_COURSE)
    module_type = CourseTypeFactory(jobcenter=world.jobcenter, category=Category.MODULE, requires=base)
    module = CourseFactory(jobcenter=world.jobcenter, course_type=module_type)
    mentor = MentorFactory(jobcenter=world.jobcenter)
    with pytest.raises(ValidationError, match="først have gennemført"):
        services.registration_create(actor=None, course=module, via="coordinator", corps_mentor=mentor)
    Qualification.objects.create(mentor=mentor, title="Grundkursus 2019", kind="course", completed_on=in_days(-900))
    assert services.registration_create(actor=None, course=module, via="coordinator", corps_mentor=mentor).pk


def test_a_portal_registration_links_and_handles_the_nomination(world):
    mentor = CompanyMentorFactory(company=world.company_a)
    nomination = CourseNomination.objects.create(mentor=mentor, wish="Gerne om aftenen", nominated_by=world.leader_a)
    course = CourseFactory(jobcenter=world.jobcenter)
    registration = services.registration_create(
        actor=world.leader_a, course=course, via="portal", company_mentor=mentor
    )
    nomination.refresh_from_db()
    assert registration.nomination == nomination and nomination.status == "handled"
    assert registration.company == world.company_a


def test_registration_refuses_another_jobcenters_mentor(world):
    course = CourseFactory(jobcenter=world.jobcenter)
    with pytest.raises(ValidationError):
        services.registration_create(
            actor=None, course=course, via="coordinator", corps_mentor=MentorFactory(jobcenter=world.other_jobcenter)
        )
    with pytest.raises(ValidationError):
        services.registration_create(
            actor=None,
            course=course,
            via="coordinator",
            company_mentor=CompanyMentorFactory(company=world.other_company),
        )
    assert not Registration.objects.exists()


# --- Invitations and iCalendar ---------------------------------------------------------------------------


def test_inviting_every_company_in_the_municipality_skips_those_already_invited(world):
    world.company_a.contact_email = "leder@hammel.dk"
    world.company_a.save()
    world.company_b.contact_email = "info@bageri.dk"
    world.company_b.save()
    CompanyFactory(jobcenter=world.jobcenter, contact_email="", name="Uden e-mail ApS")
    CompanyFactory(jobcenter=world.other_jobcenter, contact_email="andet@haderslev.dk")
    course = CourseFactory(jobcenter=world.jobcenter)
    assert services.invitations_send(actor=world.coordinator, course=course, source=InvitationSource.COMPANIES) == 2
    assert services.invitations_send(actor=world.coordinator, course=course, source=InvitationSource.COMPANIES) == 0
    assert set(Invitation.objects.values_list("email", flat=True)) == {"leder@hammel.dk", "info@bageri.dk"}
    assert Message.objects.filter(kind="courses.invitation").count() == 2


def test_former_participants_and_corps_are_invitable(world):
    old = CourseFactory(jobcenter=world.jobcenter, days_ahead=-100)
    RegistrationFactory(course=old, email="tidligere@example.dk", completed_on=old.last_day)
    RegistrationFactory(course=old, email="afmeldt@example.dk", status="cancelled")
    MentorFactory(jobcenter=world.jobcenter, status="active", email="korps@example.dk")
    MentorFactory(jobcenter=world.jobcenter, status="applicant", email="ansoeger@example.dk")
    course = CourseFactory(jobcenter=world.jobcenter)
    assert [i.email for i in services.invitees_for(course=course, source=InvitationSource.FORMER)] == [
        "tidligere@example.dk"
    ]
    assert [i.email for i in services.invitees_for(course=course, source=InvitationSource.CORPS)] == [
        "korps@example.dk"
    ]


# A fixed day: the course's two days 30 days ahead must not straddle a daylight-saving change (RDATE then).
@time_machine.travel(datetime.datetime(2026, 11, 2, 10, tzinfo=datetime.UTC), tick=False)
def test_invitation_update_and_cancellation_carry_one_uid_and_a_rising_sequence(
    world, django_capture_on_commit_callbacks
):
    world.jobcenter.email = "kurser@favrskov.dk"
    world.jobcenter.save()
    course = CourseFactory(jobcenter=world.jobcenter)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(
            actor=world.coordinator,
            course=course,
            source=InvitationSource.PICKED,
            invitees=[Invitee(email="Lars@Hammel.dk", name="Lars Jensen")],
        )
    invitation_ics = _ics(Message.objects.get(kind="courses.invitation"))
    event = _event(invitation_ics)
    assert invitation_ics.get("method") == "REQUEST"
    assert str(event.get("organizer")) == "mailto:kurser@favrskov.dk"
    assert event.get("organizer").params["CN"] == "Jobcenter Favrskov"
    assert str(event.get("attendee")) == "mailto:lars@hammel.dk"
    assert event.get("sequence") == 0
    uid = str(event.get("uid"))
    assert uid == f"{course.uid}@mentorordning"
    # Two consecutive days with the same times: a daily rule with two occurrences.
    assert event.get("rrule")["COUNT"] == [2]
    assert event.decoded("dtstart") == datetime.datetime.combine(
        course.first_day, datetime.time(9), tzinfo=timezone.get_current_timezone()
    )

    # The MIME part's method= equals the file's METHOD.
    sent = message_from_bytes(mail.outbox[0].message().as_bytes())
    parts = [p for p in sent.walk() if p.get_content_type() == "text/calendar"]
    assert parts[0].get_param("method") == "REQUEST"

    with django_capture_on_commit_callbacks(execute=True):
        services.course_update(actor=world.coordinator, course=course, data={"venue": "Hammel Kulturhus"})
    update = _event(_ics(Message.objects.get(kind="courses.updated")))
    assert str(update.get("uid")) == uid and update.get("sequence") == 1
    assert "Hammel Kulturhus" in str(update.get("location"))

    session = course.sessions.order_by("date").last()
    services.session_update(
        actor=world.coordinator,
        session=session,
        day=SessionData(session.date + datetime.timedelta(days=7), datetime.time(17), datetime.time(20)),
    )
    moved = _event(_ics(Message.objects.filter(kind="courses.updated").latest("pk")))
    assert moved.get("sequence") == 2 and moved.get("rdate") is not None and moved.get("rrule") is None

    with django_capture_on_commit_callbacks(execute=True):
        services.course_cancel(actor=world.coordinator, course=course, reason="For få tilmeldte")
    cancel_ics = _ics(Message.objects.get(kind="courses.cancelled"))
    cancel = _event(cancel_ics)
    assert cancel_ics.get("method") == "CANCEL"
    assert str(cancel.get("uid")) == uid and cancel.get("sequence") == 3
    assert cancel.get("status") == "CANCELLED"
    sent = message_from_bytes(mail.outbox[-1].message().as_bytes())
    assert [p.get_param("method") for p in sent.walk() if p.get_content_type() == "text/calendar"] == ["CANCEL"]


def test_a_course_across_the_daylight_saving_change_keeps_its_local_times_in_the_calendar(world):
    """Summer time ends on Sunday 25 October 2026: a course Saturday to Monday at 09.00 is 07.00Z on Saturday and
    08.00Z on Sunday and Monday. A daily rule on a UTC start repeats 07.00Z, which is 08.00 in Copenhagen after the
    change: the calendar would show Sunday's and Monday's sessions an hour early."""
    from dateutil.rrule import rrulestr

    from courses.ical import REQUEST, course_ics

    first = datetime.date(2026, 10, 24)
    course = CourseFactory(
        jobcenter=world.jobcenter,
        first_day=first,
        last_day=first + datetime.timedelta(days=2),
        registration_deadline=first - datetime.timedelta(days=7),
    )
    sessions = list(course.sessions.order_by("date"))
    event = _event(
        Calendar.from_ical(
            course_ics(course, sessions, method=REQUEST, attendee_email="a@example.dk", attendee_name="A").content
        )
    )
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    starts = [start]
    if event.get("rrule") is not None:
        rule = event.get("rrule").to_ical().decode()
        starts = list(rrulestr(rule, dtstart=start))
    rdates = event.get("rdate") or []
    for rdate in rdates if isinstance(rdates, list) else [rdates]:
        starts += [d.dt[0] if isinstance(d.dt, tuple) else d.dt for d in rdate.dts]
    copenhagen = timezone.get_current_timezone()
    expected = [datetime.datetime.combine(s.date, s.starts_at, tzinfo=copenhagen) for s in sessions]
    assert sorted(starts) == expected
    assert end - start == datetime.timedelta(hours=6, minutes=30)


def test_a_declined_invitation_gets_no_update(world):
    course = CourseFactory(jobcenter=world.jobcenter)
    services.invitations_send(
        actor=None,
        course=course,
        source=InvitationSource.PICKED,
        invitees=[Invitee(email="a@example.dk", name="A"), Invitee(email="b@example.dk", name="B")],
    )
    services.invitation_decline(invitation=Invitation.objects.get(email="a@example.dk"))
    services.course_update(actor=None, course=course, data={"address": "Ny adresse 1"})
    assert list(Message.objects.filter(kind="courses.updated").values_list("recipient_email", flat=True)) == [
        "b@example.dk"
    ]


def test_invitation_tracking_open_register(world):
    course = CourseFactory(jobcenter=world.jobcenter)
    services.invitations_send(
        actor=None, course=course, source=InvitationSource.PICKED, invitees=[Invitee(email="a@example.dk", name="A")]
    )
    invitation = Invitation.objects.get()
    services.invitation_open(invitation=invitation)
    assert invitation.status == InvitationStatus.OPENED and invitation.opened_at
    services.registration_create(
        actor=None, course=course, via="invitation", name="A", email="a@example.dk", invitation=invitation
    )
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REGISTERED
    with pytest.raises(ValidationError):
        services.invitation_decline(invitation=invitation)


# --- Reminders -------------------------------------------------------------------------------------------


def test_reminders_go_out_once_within_the_jobcenters_window(world):
    CourseSettings.objects.create(jobcenter=world.jobcenter, reminder_days=3)
    soon = CourseFactory(jobcenter=world.jobcenter, days_ahead=2)
    later = CourseFactory(jobcenter=world.jobcenter, days_ahead=5)
    other = CourseFactory(jobcenter=world.other_jobcenter, days_ahead=6)  # default: 7 days
    RegistrationFactory(course=soon)
    RegistrationFactory(course=soon, status="cancelled")
    RegistrationFactory(course=later)
    RegistrationFactory(course=other)
    assert services.reminders_send() == 2
    assert services.reminders_send() == 0
    with scopes_disabled():  # one reminder in each jobcenter
        assert Message.objects.filter(kind="courses.reminder").count() == 2


# --- Attendance, completion, evaluation --------------------------------------------------------------------


def test_completion_goes_on_the_qualification_records(world, django_capture_on_commit_callbacks):
    course_type = CourseTypeFactory(jobcenter=world.jobcenter, category=Category.BASE_COURSE)
    with time_machine.travel(timezone.now() - datetime.timedelta(days=40)):
        course = CourseFactory(jobcenter=world.jobcenter, course_type=course_type, days_ahead=30)
        corps_mentor = MentorFactory(jobcenter=world.jobcenter, status="active")
        company_mentor = CompanyMentorFactory(company=world.company_a)
        a = services.registration_create(actor=None, course=course, via="coordinator", corps_mentor=corps_mentor)
        b = services.registration_create(actor=None, course=course, via="coordinator", company_mentor=company_mentor)
        c = services.registration_create(actor=None, course=course, via="coordinator", name="C", email="c@example.dk")
    sessions = list(course.sessions.order_by("date"))
    present = {(a.pk, s.pk) for s in sessions} | {(b.pk, s.pk) for s in sessions} | {(c.pk, sessions[0].pk)}
    assert services.attendance_record(actor=world.coordinator, course=course, present=present) == 6
    assert Attendance.objects.filter(present=False).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.course_complete(actor=world.coordinator, course=course) == 2
    assert services.course_complete(actor=world.coordinator, course=course) == 0
    qualification = Qualification.objects.get(mentor=corps_mentor)
    assert (qualification.source, qualification.source_reference) == ("courses", f"registration:{a.pk}")
    assert qualification.completed_on == course.last_day and qualification.kind == "course"
    company_mentor.refresh_from_db()
    assert company_mentor.course_completed_on == course.last_day
    c.refresh_from_db()
    assert c.completed_on is None
    evaluation_mail = Message.objects.get(kind="courses.evaluation", recipient_email=corps_mentor.email)
    assert "/kurser/svar/evaluering/" in evaluation_mail.body_text

    a.refresh_from_db()
    services.evaluation_submit(registration=a, overall=5, relevance=4, usefulness=4, comments="Godt")
    with pytest.raises(ValidationError):
        services.evaluation_submit(registration=a, overall=5, relevance=4, usefulness=4)
    with pytest.raises(ValidationError):
        services.evaluation_submit(registration=c, overall=5, relevance=4, usefulness=4)


def test_completion_waits_for_the_last_day(world):
    course = CourseFactory(jobcenter=world.jobcenter)
    with pytest.raises(ValidationError, match="sidste kursusdag"):
        services.course_complete(actor=None, course=course)


def test_shadowing_of_company_mentors_is_set_on_the_mentor(world):
    new = CompanyMentorFactory(company=world.company_a)
    experienced = CompanyMentorFactory(company=world.company_a)
    services.shadowing_create(
        actor=world.coordinator,
        jobcenter=world.jobcenter,
        new=new,
        experienced=experienced,
        starts_on=in_days(0),
        ends_on=in_days(30),
    )
    new.refresh_from_db()
    assert new.shadowing == experienced and new.is_new
    with pytest.raises(ValidationError):
        services.shadowing_create(
            actor=None,
            jobcenter=world.jobcenter,
            new=new,
            experienced=CompanyMentorFactory(company=world.company_b),
            starts_on=in_days(0),
            ends_on=in_days(30),
        )
    with pytest.raises(ValidationError):
        services.shadowing_create(
            actor=None,
            jobcenter=world.jobcenter,
            new=MentorFactory(jobcenter=world.jobcenter),
            experienced=MentorFactory(jobcenter=world.jobcenter),
            starts_on=in_days(10),
            ends_on=in_days(0),
        )
