"""Planning an agreement's first meeting: the form's round trip and its Danish errors, the calendar files
(REQUEST with a stable UID, SEQUENCE raised on each move, CANCEL), who is told of each change exactly once, the
text or the letter for the citizen, the access log, the query counts and the start page's to-do."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope
from icalendar import Calendar

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from audit.models import AccessAction, AccessLog
from citizens import services
from citizens.ical import meeting_uid
from citizens.models import Citizen, FirstMeeting, FirstMeetingPlan, MeetingPlanStatus
from citizens.tests.meeting import active_agreement, planned
from corps.tests.factories import MentorFactory
from inbox.models import InboxItem
from notifications.models import Message, OutboxChannel
from reports.next_steps import waiting_on

pytestmark = pytest.mark.django_db

CPR = "010190-1234"
PLANNED_KIND = "citizens.handoff.first_meeting_planned"
CANCELLED_KIND = "citizens.handoff.first_meeting_cancelled"
MENTOR_INVITATION = "citizens.first_meeting_invitation"
MENTOR_CANCELLED = "citizens.first_meeting_cancelled"
SMS = "citizens.first_meeting_sms"


def _day(days: int = 7) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _data(caseworker, *, days: int = 7, start=datetime.time(10), end=datetime.time(11), place="Jobcentret, lokale 2"):
    return {"date": _day(days), "start": start, "end": end, "place": place, "caseworker": caseworker}


def _post(who, **overrides) -> dict:
    values = {
        "date": _day().isoformat(),
        "start": "10:00",
        "end": "11:00",
        "place": "Jobcentret, lokale 2",
        "caseworker": str(who.pk),
    }
    return {**values, **overrides}


def _calendar(message: Message) -> Calendar:
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    assert filename.endswith(".ics")
    calendar = Calendar.from_ical(content)
    assert mimetype == f"text/calendar; method={calendar['method']}"
    return calendar


def _event(message: Message):
    return next(iter(_calendar(message).walk("VEVENT")))


def _plan(world, agreement, **kwargs):
    with scope(jobcenter=world.jobcenter):
        return services.first_meeting_plan(
            actor=world.coordinator, agreement=agreement, data=_data(world.caseworker, **kwargs)
        )


@pytest.fixture
def agreement(world):
    # A surname the factories never give anyone: the text to the citizen names the mentor, never the citizen's surname.
    return active_agreement(world.jobcenter, caseworker=world.caseworker, name="Mette Quistgaard", cpr_number=CPR)


# --- The calendar files and who is told -------------------------------------------------------------------


def test_planning_sends_one_request_to_mentor_and_caseworker_and_a_text_to_the_citizen(world, agreement):
    plan = _plan(world, agreement)

    mentor_mail = Message.objects.get(kind=MENTOR_INVITATION)
    caseworker_mail = Message.objects.get(kind=PLANNED_KIND)
    text = Message.objects.get(kind=SMS)
    assert mentor_mail.recipient_email == agreement.mentor.email
    assert caseworker_mail.recipient_email == world.caseworker.email
    assert text.channel == OutboxChannel.SMS and text.recipient_phone == "+4520304050"
    assert Message.objects.count() == 3
    assert InboxItem.objects.get().recipient == world.caseworker

    for message in (mentor_mail, caseworker_mail):
        calendar = _calendar(message)
        assert str(calendar["method"]) == "REQUEST"
        event = _event(message)
        assert str(event["uid"]) == meeting_uid(plan)
        assert int(event["sequence"]) == 0
        assert str(event["status"]) == "CONFIRMED"
        assert str(event["location"]) == "Jobcentret, lokale 2"
        assert event.decoded("dtstart") == plan.starts_at
        assert event.decoded("dtend") == plan.ends_at
        attendees = {str(a).removeprefix("mailto:") for a in event.get("attendee")}
        assert attendees == {agreement.mentor.email, world.caseworker.email}
    assert "Mette" in text.body_text and "Quistgaard" not in text.body_text
    assert "kl. 10.00-11.00" in text.body_text


def test_no_cpr_health_note_or_surname_in_the_ics_mail_or_text(world, agreement):
    with scope(jobcenter=world.jobcenter):
        services.sensitive_note_create(
            actor=world.coordinator, citizen=agreement.citizen, kind="health", text="FØLSOM: angst"
        )
    _plan(world, agreement)
    with scope(jobcenter=world.jobcenter):
        services.first_meeting_cancel(actor=world.coordinator, agreement=agreement)
    messages = list(Message.objects.all())
    assert len(messages) == 6
    for message in messages:
        everything = " ".join(
            [message.subject, message.body_text, message.body_html or ""]
            + [content for _name, content, _type in message.attachments]
        )
        for forbidden in (CPR, "0101901234", "FØLSOM", "angst", "Quistgaard", agreement.goal):
            assert forbidden not in everything, (message.kind, forbidden)


def test_moving_raises_the_sequence_and_tells_each_once(world, agreement):
    plan = _plan(world, agreement)
    moved = _plan(world, agreement, days=8, start=datetime.time(13), end=datetime.time(14))
    assert moved.pk == plan.pk and moved.sequence == 1 and moved.uid == plan.uid

    requests = Message.objects.filter(kind=MENTOR_INVITATION).order_by("pk")
    assert [int(_event(m)["sequence"]) for m in requests] == [0, 1]
    assert {str(_event(m)["uid"]) for m in requests} == {meeting_uid(plan)}
    assert "flyttet" in requests[1].subject
    assert Message.objects.filter(kind=PLANNED_KIND).count() == 2
    assert Message.objects.filter(kind=SMS).count() == 2
    assert "flyttet" in Message.objects.filter(kind=SMS).order_by("pk").last().body_text

    # The same values again (a reload, a double click): nothing changes, no one is told again.
    again = _plan(world, agreement, days=8, start=datetime.time(13), end=datetime.time(14))
    assert again.sequence == 1
    assert Message.objects.count() == 6
    assert InboxItem.objects.count() == 2


def test_a_new_caseworker_gets_the_request_and_the_old_one_a_cancel(world, agreement):
    _plan(world, agreement)
    other = MembershipFactory(jobcenter=world.jobcenter, role=Role.CASEWORKER, user=UserFactory()).user
    with scope(jobcenter=world.jobcenter):
        plan = services.first_meeting_plan(actor=world.coordinator, agreement=agreement, data=_data(other))
    assert plan.sequence == 1 and plan.caseworker == other
    cancel = Message.objects.get(kind=CANCELLED_KIND)
    assert cancel.recipient_email == world.caseworker.email
    assert str(_calendar(cancel)["method"]) == "CANCEL"
    assert int(_event(cancel)["sequence"]) == 1
    new = Message.objects.filter(kind=PLANNED_KIND, recipient_email=other.email).get()
    assert str(_calendar(new)["method"]) == "REQUEST"
    # The time did not change: the citizen is not told again; the mentor's calendar gets the new attendee.
    assert Message.objects.filter(kind=SMS).count() == 1
    assert Message.objects.filter(kind=MENTOR_INVITATION).count() == 2


def test_cancelling_sends_cancel_with_a_higher_sequence(world, agreement):
    plan = _plan(world, agreement)
    with scope(jobcenter=world.jobcenter):
        cancelled = services.first_meeting_cancel(actor=world.coordinator, agreement=agreement)
    assert cancelled.status == MeetingPlanStatus.CANCELLED and cancelled.sequence == 1
    for kind, email in ((MENTOR_CANCELLED, agreement.mentor.email), (CANCELLED_KIND, world.caseworker.email)):
        message = Message.objects.get(kind=kind)
        assert message.recipient_email == email
        assert str(_calendar(message)["method"]) == "CANCEL"
        event = _event(message)
        assert str(event["uid"]) == meeting_uid(plan)
        assert int(event["sequence"]) == 1
        assert str(event["status"]) == "CANCELLED"
    assert "aflyst" in Message.objects.filter(kind=SMS).order_by("pk").last().body_text
    # Planning again is a new meeting with a new calendar UID.
    again = _plan(world, agreement, days=10)
    assert again.pk != plan.pk and again.uid != plan.uid and again.sequence == 0
    with scope(jobcenter=world.jobcenter), pytest.raises(Exception) as refused:
        services.first_meeting_cancel(actor=world.coordinator, agreement=agreement)
        services.first_meeting_cancel(actor=world.coordinator, agreement=agreement)
    assert "ikke planlagt" in str(refused.value)


def test_a_citizen_without_a_mobile_number_gets_no_text_but_a_letter(world, login):
    agreement = active_agreement(world.jobcenter, caseworker=world.caseworker, phone="86 12 34 56")
    agreement.citizen.phone = "12345"  # not a Danish mobile number
    Citizen.objects.filter(pk=agreement.citizen_id).update(phone="12345")
    _plan(world, agreement)
    assert not Message.objects.filter(kind=SMS).exists()
    client = login(world.caseworker)
    page = client.get(reverse("citizens:agreement_detail", args=[agreement.pk])).content.decode()
    assert "Udskriv brevet" in page
    response = client.get(reverse("citizens:first_meeting_letter", args=[agreement.pk]))
    assert response.status_code == 200
    letter = response.content.decode()
    assert agreement.citizen.name in letter
    assert "Invitation til dit første møde med din mentor" in letter
    assert agreement.mentor.full_name in letter
    assert "kl. 10.00-11.00" in letter
    log = AccessLog.objects.filter(
        action=AccessAction.PRINT,
        content_type=ContentType.objects.get_for_model(Citizen),
        object_id=str(agreement.citizen_id),
    )
    assert log.count() == 1


def test_recording_the_meeting_marks_the_plan_held(world, agreement):
    plan = _plan(world, agreement)
    with scope(jobcenter=world.jobcenter):
        services.first_meeting_save(
            actor=world.coordinator,
            agreement=agreement,
            data={"held_on": timezone.localdate(), "expectations": "Ugentlige møder", "goals": "Praktik i foråret"},
        )
        plan.refresh_from_db()
        assert plan.status == MeetingPlanStatus.HELD
        assert FirstMeeting.objects.filter(agreement=agreement).exists()
    # A meeting that has been held is not planned again.
    with scope(jobcenter=world.jobcenter), pytest.raises(Exception, match="allerede holdt"):
        services.first_meeting_plan(actor=world.coordinator, agreement=agreement, data=_data(world.caseworker))


# --- The form: round trip, Danish errors next to the field, nothing half-saved -------------------------------


def test_plan_form_round_trip(world, agreement, login):
    client = login(world.coordinator)
    url = reverse("citizens:first_meeting_plan", args=[agreement.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["caseworker"] == world.caseworker
    response = client.post(url, _post(world.caseworker, start="09:30", end="10:45", place="Rådhuset, mødelokale 3"))
    assert response.status_code == 302
    assert response["Location"] == reverse("citizens:agreement_detail", args=[agreement.pk])
    with scope(jobcenter=world.jobcenter):
        plan = FirstMeetingPlan.objects.get(agreement=agreement)
    assert plan.place == "Rådhuset, mødelokale 3"
    assert plan.planned_by == world.coordinator
    # The form shows what was saved, and saving it unchanged changes nothing.
    form = client.get(url).context["form"]
    assert form.initial["date"] == _day()
    assert form.initial["start"] == datetime.time(9, 30) and form.initial["end"] == datetime.time(10, 45)
    assert form.initial["place"] == "Rådhuset, mødelokale 3"
    assert form.initial["caseworker"] == world.caseworker
    values = {
        "date": form.initial["date"].isoformat(),
        "start": form.initial["start"].strftime("%H:%M"),
        "end": form.initial["end"].strftime("%H:%M"),
        "place": form.initial["place"],
        "caseworker": str(form.initial["caseworker"].pk),
    }
    assert client.post(url, values).status_code == 302
    plan.refresh_from_db()
    assert plan.sequence == 0
    assert Message.objects.filter(kind=MENTOR_INVITATION).count() == 1
    detail = client.get(reverse("citizens:agreement_detail", args=[agreement.pk])).content.decode()
    assert "Rådhuset, mødelokale 3" in detail and "kl. 09.30–10.45" in detail
    assert "Flyt mødet" in detail and "Aflys mødet" in detail


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"date": -1}, "date", "fortiden"),  # days from today, taken when the test runs
        ({"start": "11:00", "end": "10:00"}, "end", "slutte efter"),
        ({"place": "   "}, "place", "Dette felt er påkrævet"),
        ({"date": "2026-13-45"}, "date", "Indtast en gyldig dato"),
        ({"start": "25:00"}, "start", "Indtast en gyldig tid"),
        ({"caseworker": "0"}, "caseworker", "Marker en gyldig valgmulighed"),
    ],
)
def test_bad_input_gets_a_danish_error_at_the_field_and_saves_nothing(world, agreement, login, overrides, field, error):
    if isinstance(overrides.get("date"), int):
        overrides = overrides | {
            "date": (timezone.localdate() + datetime.timedelta(days=overrides["date"])).isoformat()
        }
    client = login(world.coordinator)
    response = client.post(
        reverse("citizens:first_meeting_plan", args=[agreement.pk]), _post(world.caseworker, **overrides)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert error in " ".join(errors[field])
    with scope(jobcenter=world.jobcenter):
        assert not FirstMeetingPlan.objects.exists()
    assert not Message.objects.exists()


def test_a_time_earlier_today_is_refused(world, agreement):
    now = timezone.now()
    today = timezone.localdate()
    data = _data(world.caseworker) | {"date": today, "start": datetime.time(0, 0), "end": datetime.time(0, 30)}
    with scope(jobcenter=world.jobcenter), pytest.raises(Exception) as refused:
        services.first_meeting_plan(actor=world.coordinator, agreement=agreement, data=data, now=now)
    assert "start" in refused.value.message_dict


def test_a_draft_agreement_or_a_caseworker_of_another_jobcenter_is_refused(world):
    draft = active_agreement(world.jobcenter)
    draft.status = "draft"
    draft.save(update_fields=["status"])
    with scope(jobcenter=world.jobcenter), pytest.raises(Exception, match="i kraft"):
        services.first_meeting_plan(actor=world.coordinator, agreement=draft, data=_data(world.caseworker))
    agreement = active_agreement(world.jobcenter)
    with scope(jobcenter=world.jobcenter), pytest.raises(Exception) as refused:
        services.first_meeting_plan(actor=world.coordinator, agreement=agreement, data=_data(world.other_coordinator))
    assert "caseworker" in refused.value.message_dict
    with scope(jobcenter=world.jobcenter):
        assert not FirstMeetingPlan.objects.exists()


def test_the_plan_page_logs_the_read_and_costs_few_queries(world, agreement, login, django_assert_max_num_queries):
    client = login(world.coordinator)
    url = reverse("citizens:first_meeting_plan", args=[agreement.pk])
    client.get(url)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    citizen_type = ContentType.objects.get_for_model(Citizen)
    assert AccessLog.objects.filter(content_type=citizen_type, object_id=str(agreement.citizen_id)).count() == 2


def test_the_agreement_page_with_a_plan_costs_few_queries(world, agreement, login, django_assert_max_num_queries):
    planned(agreement, caseworker=world.caseworker)
    client = login(world.caseworker)
    url = reverse("citizens:agreement_detail", args=[agreement.pk])
    client.get(url)
    with django_assert_max_num_queries(10):
        page = client.get(url)
    assert "Jobcentret, Skovvej 20" in page.content.decode()
    assert "Aflys mødet" not in page.content.decode()  # a caseworker may not change it
    letter = reverse("citizens:first_meeting_letter", args=[agreement.pk])
    client.get(letter)
    with django_assert_max_num_queries(10):
        assert client.get(letter).status_code == 200


# --- The start page's to-do ----------------------------------------------------------------------------------


def test_agreements_running_without_a_first_meeting_are_a_todo_with_a_direct_link(world):
    waiting = active_agreement(world.jobcenter, name="Ali Hassan")
    with_plan = active_agreement(world.jobcenter)
    planned(with_plan, caseworker=world.caseworker)
    held = active_agreement(world.jobcenter)
    FirstMeeting.objects.create(
        jobcenter=world.jobcenter, agreement=held, held_on=timezone.localdate(), expectations="x", goals="y"
    )
    cancelled = active_agreement(world.jobcenter, name="Bo Berg")
    planned(cancelled, caseworker=world.caseworker, status=MeetingPlanStatus.CANCELLED)
    active_agreement(world.other_jobcenter)
    with scope(jobcenter=world.jobcenter):
        lists = {item.key: item for item in waiting_on(jobcenter=world.jobcenter, role=Role.COORDINATOR, user=None)}
        caseworker_lists = waiting_on(jobcenter=world.jobcenter, role=Role.CASEWORKER, user=world.caseworker)
    todo = lists["without_first_meeting"]
    assert todo.title == "Aftaler i gang uden første møde"
    assert todo.count == 2
    assert [row.url for row in todo.rows] == [
        reverse("citizens:first_meeting_plan", args=[agreement.pk]) for agreement in (waiting, cancelled)
    ]
    assert all(row.action == "Planlæg opstartsmødet" for row in todo.rows)
    assert "without_first_meeting" not in {item.key for item in caseworker_lists}


def test_a_text_too_long_with_the_names_is_sent_without_them(world):
    caseworker = MembershipFactory(
        jobcenter=world.jobcenter, role=Role.CASEWORKER, user=UserFactory(full_name="Karen " + "Holm" * 45)
    ).user
    agreement = active_agreement(world.jobcenter, caseworker=caseworker)
    place = "Jobcentret, " + "mødelokale " * 12
    with scope(jobcenter=world.jobcenter):
        services.first_meeting_plan(
            actor=world.coordinator, agreement=agreement, data=_data(caseworker, place=place.strip())
        )
    text = Message.objects.get(kind=SMS)
    assert "HolmHolm" not in text.body_text
    assert place.strip() in text.body_text
    assert text.sms_segments <= 3


# --- An agreement that leaves force calls off its planned meeting ---------------------------------------------


def _end(world, agreement, *, days_ago: int = 0):
    with scope(jobcenter=world.jobcenter):
        return services.agreement_end(
            actor=world.coordinator,
            agreement=agreement,
            ended_on=timezone.localdate() - datetime.timedelta(days=days_ago),
            reason="Borgeren er i job",
        )


def _assert_cancel_sent_once(plan, agreement, caseworker) -> None:
    for kind, email in ((MENTOR_CANCELLED, agreement.mentor.email), (CANCELLED_KIND, caseworker.email)):
        (message,) = Message.objects.filter(kind=kind)
        assert message.recipient_email == email
        assert str(_calendar(message)["method"]) == "CANCEL"
        event = _event(message)
        assert str(event["uid"]) == meeting_uid(plan)
        assert int(event["sequence"]) == plan.sequence + 1
        assert str(event["status"]) == "CANCELLED"


def test_ending_the_agreement_cancels_the_planned_meeting_once(world, agreement):
    plan = _plan(world, agreement)
    before = Message.objects.count()

    _end(world, agreement)

    _assert_cancel_sent_once(plan, agreement, world.caseworker)
    plan.refresh_from_db()
    assert plan.status == MeetingPlanStatus.CANCELLED and plan.sequence == 1 and plan.cancelled_at is not None
    texts = Message.objects.filter(kind=SMS).order_by("pk")
    assert texts.count() == 2 and "aflyst" in texts.last().body_text
    assert Message.objects.count() == before + 3  # mentor, caseworker, citizen: each once
    assert InboxItem.objects.filter(recipient=world.caseworker).count() == 2
    # Nothing is planned any more, so "Aflys mødet" has nothing left to call off.
    with scope(jobcenter=world.jobcenter), pytest.raises(Exception, match="ikke planlagt"):
        services.first_meeting_cancel(actor=world.coordinator, agreement=agreement)
    assert Message.objects.count() == before + 3


def test_an_end_that_is_refused_cancels_nothing(world, agreement):
    plan = _plan(world, agreement)
    before = Message.objects.count()
    with pytest.raises(Exception, match="før den er startet"):
        _end(world, agreement, days_ago=400)
    plan.refresh_from_db()
    assert plan.status == MeetingPlanStatus.PLANNED and plan.sequence == 0
    assert Message.objects.count() == before


def test_a_plan_that_sent_no_text_is_cancelled_without_one(world, agreement):
    plan = planned(agreement, caseworker=world.caseworker)  # written directly: no text went to the citizen

    _end(world, agreement)

    _assert_cancel_sent_once(plan, agreement, world.caseworker)
    assert not Message.objects.filter(kind=SMS).exists()
    assert Message.objects.count() == 2


def test_ending_without_a_plan_sends_nothing_more(world, agreement):
    _end(world, agreement)
    assert not Message.objects.exists()
    assert not FirstMeetingPlan.objects.exists()


@pytest.mark.parametrize("status", [MeetingPlanStatus.HELD, MeetingPlanStatus.CANCELLED])
def test_a_held_or_cancelled_plan_is_left_alone_when_the_agreement_ends(world, agreement, status):
    plan = planned(agreement, caseworker=world.caseworker, status=status)
    _end(world, agreement)
    plan.refresh_from_db()
    assert plan.status == status and plan.sequence == 0
    assert not Message.objects.exists()


def test_a_renewal_with_another_mentor_cancels_the_old_agreements_planned_meeting(world, agreement):
    plan = _plan(world, agreement)
    before = Message.objects.count()
    other_mentor = MentorFactory(jobcenter=world.jobcenter)
    with scope(jobcenter=world.jobcenter):
        renewal = services.agreement_renew(
            actor=world.coordinator,
            agreement=agreement,
            renewal_assessment="Borgeren har brug for en mentor med erfaring fra byggeriet.",
            data={"mentor": other_mentor, "starts_on": timezone.localdate()},
        )
        assert Message.objects.count() == before  # a draft changes nothing yet
        services.agreement_activate(actor=world.coordinator, agreement=renewal)

    _assert_cancel_sent_once(plan, agreement, world.caseworker)
    plan.refresh_from_db()
    assert plan.status == MeetingPlanStatus.CANCELLED
    assert Message.objects.count() == before + 3
    assert not Message.objects.filter(recipient_email=other_mentor.email).exists()


# --- Recording the meeting as held starts from the plan --------------------------------------------------------


def test_the_held_form_is_filled_in_with_the_planned_day(world, agreement, login):
    plan = planned(agreement, caseworker=world.caseworker, days=-2)
    client = login(world.coordinator)
    url = reverse("citizens:first_meeting", args=[agreement.pk])
    form = client.get(url).context["form"]
    day = timezone.localdate() + datetime.timedelta(days=-2)
    assert form["held_on"].value() == day
    assert form["citizen_present"].value() and form["mentor_present"].value() and form["caseworker_present"].value()

    response = client.post(
        url,
        {
            "held_on": form["held_on"].value().isoformat(),
            "citizen_present": "on",
            "mentor_present": "on",
            "caseworker_present": "on",
            "other_participants": "",
            "expectations": "Ugentlige møder",
            "goals": "Praktik i foråret",
        },
    )
    assert response.status_code == 302
    with scope(jobcenter=world.jobcenter):
        assert FirstMeeting.objects.get(agreement=agreement).held_on == day
    plan.refresh_from_db()
    assert plan.status == MeetingPlanStatus.HELD


def test_the_held_form_has_no_day_without_a_planned_meeting(world, agreement, login):
    planned(agreement, caseworker=world.caseworker, days=-2, status=MeetingPlanStatus.CANCELLED)
    client = login(world.coordinator)
    form = client.get(reverse("citizens:first_meeting", args=[agreement.pk])).context["form"]
    assert form["held_on"].value() is None
