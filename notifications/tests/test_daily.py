"""Daily notices: agreements running out in 4 weeks, offers waiting for an answer, applications waiting for
screening. Each is sent once (per object, or per coordinator and ISO week), on working days, from the
jobcenter's reminder hour."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from citizens.message_kinds import AGREEMENT_ENDING
from citizens.models import AgreementStatus
from citizens.rules import AGREEMENT_ENDING_WARNING_WEEKS
from citizens.tests.factories import AgreementFactory, CitizenFactory
from corps.message_kinds import APPLICATIONS_WAITING
from corps.models import MentorStatus
from corps.tests.factories import MentorFactory
from matching.message_kinds import OFFER_WAITING
from matching.tests.factories import OfferFactory
from notifications.daily import DAILY_RUN, daily_notices_tick
from notifications.models import Message, ReminderRun, ReminderSchedule

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
MONDAY_0800 = datetime(2026, 11, 23, 8, 0, tzinfo=CPH)  # ISO week 48


def active_agreement(world, *, ends_in_days: int, **kwargs):
    today = MONDAY_0800.date()
    starts = today - timedelta(days=60)
    return AgreementFactory(
        citizen=kwargs.pop("citizen", None) or CitizenFactory(jobcenter=world.jobcenter),
        status=AgreementStatus.ACTIVE,
        mentor=MentorFactory(jobcenter=world.jobcenter),
        starts_on=starts,
        ends_on=today + timedelta(days=ends_in_days),
        **kwargs,
    )


def messages(kind, jobcenter=None):
    rows = Message.objects.filter(kind=kind).order_by("recipient_email", "id")
    return list(rows.filter(jobcenter=jobcenter) if jobcenter else rows)


def test_an_agreement_ending_within_four_weeks_is_warned_about_once(world):
    soon = active_agreement(world, ends_in_days=20, caseworker=world.coordinator)
    active_agreement(world, ends_in_days=40, caseworker=world.coordinator)  # not yet

    assert daily_notices_tick(now=MONDAY_0800) == 1
    [message] = messages(AGREEMENT_ENDING)
    assert message.recipient_email == world.coordinator.email
    assert message.about_id == soon.pk
    assert (soon.ends_on.strftime("%d.%m.%Y")) in message.subject
    assert f"/borgere/mentoraftaler/{soon.pk}/" in message.body_text
    assert soon.citizen.name.split(" ")[0] in message.body_text
    assert f"om højst {AGREEMENT_ENDING_WARNING_WEEKS} uger" in message.body_text  # the rule's number, not a copy

    # The next working day the agreement still ends within 4 weeks: no second warning.
    assert daily_notices_tick(now=MONDAY_0800 + timedelta(days=1)) == 0
    assert len(messages(AGREEMENT_ENDING)) == 1


def test_a_caseworker_contact_who_may_not_renew_is_not_asked_to_the_coordinators_are(world):
    """'Tag stilling' goes to someone who may end or renew the agreement; a caseworker may do neither."""
    active_agreement(world, ends_in_days=10, caseworker=world.caseworker)

    daily_notices_tick(now=MONDAY_0800)

    assert {m.recipient_email for m in messages(AGREEMENT_ENDING)} == {world.coordinator.email}


def test_an_agreement_without_a_contact_person_warns_the_coordinators(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter, caseworker=None)
    active_agreement(world, ends_in_days=10, citizen=citizen, caseworker=None)
    second = MembershipFactory(jobcenter=world.jobcenter, role=Role.COORDINATOR, user=UserFactory()).user
    MembershipFactory(jobcenter=world.jobcenter, role=Role.COORDINATOR, user=UserFactory(), is_active=False)

    daily_notices_tick(now=MONDAY_0800)

    assert {m.recipient_email for m in messages(AGREEMENT_ENDING)} == {world.coordinator.email, second.email}


def test_a_renewed_agreement_is_not_warned_about(world):
    ending = active_agreement(world, ends_in_days=10, caseworker=world.caseworker)
    AgreementFactory(
        citizen=ending.citizen,
        renews=ending,
        renewal_assessment="Behovet består.",
        starts_on=ending.ends_on,
        ends_on=ending.ends_on + timedelta(days=90),
    )
    daily_notices_tick(now=MONDAY_0800)
    assert messages(AGREEMENT_ENDING) == []


def test_an_offer_unanswered_for_two_days_is_reminded_once(world):
    old = OfferFactory(
        citizen=CitizenFactory(jobcenter=world.jobcenter),
        offered_at=MONDAY_0800 - timedelta(days=3),
        offered_by=world.coordinator,
    )
    young = OfferFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), offered_at=MONDAY_0800 - timedelta(days=1))
    OfferFactory(  # past its deadline: it expires, no reminder
        citizen=CitizenFactory(jobcenter=world.jobcenter),
        offered_at=MONDAY_0800 - timedelta(days=8),
        expires_at=MONDAY_0800 - timedelta(days=1),
    )

    daily_notices_tick(now=MONDAY_0800)

    [message] = messages(OFFER_WAITING)
    assert message.recipient_email == old.mentor.email
    assert message.about_id == old.pk
    assert world.coordinator.full_name in message.body_text
    assert old.offered_at.astimezone(CPH).strftime("%d.%m.%Y") in message.body_text

    # Tuesday: the younger offer has now waited two days; the old one is not reminded again.
    daily_notices_tick(now=MONDAY_0800 + timedelta(days=1))
    assert sorted(m.about_id for m in messages(OFFER_WAITING)) == sorted([old.pk, young.pk])


def test_applications_waiting_reach_each_coordinator_once_a_week(world):
    MentorFactory(jobcenter=world.jobcenter, status=MentorStatus.APPLICANT, created_at=MONDAY_0800 - timedelta(days=9))
    MentorFactory(jobcenter=world.jobcenter, status=MentorStatus.APPLICANT, created_at=MONDAY_0800 - timedelta(days=2))
    MentorFactory(jobcenter=world.other_jobcenter, status=MentorStatus.APPLICANT)

    daily_notices_tick(now=MONDAY_0800)
    [message] = messages(APPLICATIONS_WAITING, world.jobcenter)
    assert message.recipient_email == world.coordinator.email
    assert message.subject == "2 ansøgninger til mentorkorpset venter på screening"
    assert "Den ældste har ventet 9 dage." in message.body_text
    assert "?status=applicant" in message.body_text
    assert message.period == "2026-W48"

    daily_notices_tick(now=MONDAY_0800 + timedelta(days=1))  # same week: nothing new
    assert len(messages(APPLICATIONS_WAITING, world.jobcenter)) == 1
    daily_notices_tick(now=MONDAY_0800 + timedelta(days=7))  # next week: a new digest
    assert [m.period for m in messages(APPLICATIONS_WAITING, world.jobcenter)] == ["2026-W48", "2026-W49"]
    # The other jobcenter's coordinator hears of their own applicant only.
    assert Message.objects.filter(kind=APPLICATIONS_WAITING, jobcenter=world.other_jobcenter).count() == 2


def test_no_applicants_no_digest(world):
    MentorFactory(jobcenter=world.jobcenter, status=MentorStatus.ACTIVE)
    daily_notices_tick(now=MONDAY_0800)
    assert messages(APPLICATIONS_WAITING) == []


def test_the_tick_waits_for_the_hour_and_skips_weekends_and_holidays(world):
    active_agreement(world, ends_in_days=20, caseworker=world.caseworker)
    ReminderSchedule.objects.create(jobcenter=world.jobcenter, weekday=0, hour=9)

    assert daily_notices_tick(now=MONDAY_0800) == 0  # before 09:00
    assert daily_notices_tick(now=datetime(2026, 11, 22, 12, 0, tzinfo=CPH)) == 0  # Sunday
    assert daily_notices_tick(now=datetime(2026, 12, 25, 12, 0, tzinfo=CPH)) == 0  # Christmas Day
    assert not ReminderRun.objects.filter(jobcenter=world.jobcenter, kind=DAILY_RUN).exists()

    assert daily_notices_tick(now=MONDAY_0800.replace(hour=9)) == 1
    assert ReminderRun.objects.get(jobcenter=world.jobcenter, kind=DAILY_RUN).period == "2026-11-23"


def test_switching_off_weekly_reminders_keeps_the_agreement_warnings(world):
    active_agreement(world, ends_in_days=20, caseworker=world.caseworker)
    ReminderSchedule.objects.create(jobcenter=world.jobcenter, weekday=0, hour=7, is_active=False)
    assert daily_notices_tick(now=MONDAY_0800) == 1


def test_the_daily_task_is_scheduled():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "notifications.tasks.daily_notices" in tasks


# --- The schedule page (jobcenter admin) --------------------------------------------------------------


def test_the_jobcenter_admin_sets_the_schedule(world, login, django_assert_max_num_queries):
    client = login(world.jobcenter_admin)
    with django_assert_max_num_queries(20):
        response = client.get("/beskeder/tidsplan/")
    assert response.status_code == 200
    assert "Ugedag for de ugentlige påmindelser" in response.content.decode()

    response = client.post("/beskeder/tidsplan/", {"weekday": "2", "hour": "9", "is_active": "on"})
    assert response.status_code == 302
    schedule = ReminderSchedule.objects.get(jobcenter=world.jobcenter)
    assert (schedule.weekday, schedule.hour, schedule.is_active) == (2, 9, True)

    outbox = client.get("/beskeder/").content.decode()
    assert "Daglige beskeder hver hverdag fra kl. 09:00" in outbox
    assert "Skift tidspunkt for påmindelser" in outbox


def test_a_bad_hour_is_refused_next_to_the_field_and_nothing_is_saved(world, login):
    client = login(world.jobcenter_admin)
    response = client.post("/beskeder/tidsplan/", {"weekday": "6", "hour": "3"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["hour"] == ["Vælg et klokkeslæt mellem 06:00 og 18:00."]
    assert form.errors["weekday"] == ["Vælg en hverdag fra mandag til fredag."]
    assert "Vælg et klokkeslæt mellem 06:00 og 18:00." in response.content.decode()
    assert not ReminderSchedule.objects.filter(jobcenter=world.jobcenter).exists()


def test_a_coordinator_sees_the_schedule_but_cannot_change_it(world, login):
    client = login(world.coordinator)
    assert "Skift tidspunkt for påmindelser" not in client.get("/beskeder/").content.decode()
    assert client.post("/beskeder/tidsplan/", {"weekday": "2", "hour": "9"}).status_code == 403
