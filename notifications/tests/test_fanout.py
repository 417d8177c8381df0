from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from accounts.tests.factories import JobcenterFactory
from notifications.fanout import WEEKLY_FOLLOWUP, due_at, next_due, period_of, weekly_reminders_tick
from notifications.models import Message, MessageStatus, ReminderRun, ReminderSchedule
from notifications.services import message_enqueue
from notifications.tests.factories import CompanyMentorFactory, PlacementFactory

CPH = ZoneInfo("Europe/Copenhagen")
# Monday 23 November 2026, ISO week 48.
MONDAY_0700 = datetime(2026, 11, 23, 7, 0, tzinfo=CPH)


def test_default_is_monday_0700_copenhagen():
    assert due_at(period="2026-W48") == datetime(2026, 11, 23, 7, 0, tzinfo=CPH)
    assert period_of(date(2026, 11, 23)) == "2026-W48"
    assert period_of(date(2027, 1, 1)) == "2026-W53"


@pytest.mark.parametrize(
    ("period", "weekday", "expected"),
    [
        ("2026-W15", 0, date(2026, 4, 7)),  # Easter Monday → Tuesday
        ("2026-W22", 0, date(2026, 5, 26)),  # Whit Monday → Tuesday
        ("2026-W20", 3, date(2026, 5, 15)),  # Ascension Day (Thursday) → Friday
        ("2026-W52", 4, date(2026, 12, 28)),  # Christmas Day (Friday) → past the weekend to Monday
        ("2026-W14", 2, date(2026, 4, 1)),  # an ordinary Wednesday stays
    ],
)
def test_a_danish_public_holiday_moves_to_the_next_working_day(period, weekday, expected):
    assert due_at(period=period, weekday=weekday, hour=9) == datetime.combine(
        expected, datetime.min.time().replace(hour=9), tzinfo=CPH
    )


@pytest.mark.django_db
@time_machine.travel(MONDAY_0700, tick=False)  # sent in their week: a week-48 reminder expires when it ends
def test_tick_creates_the_week_once_and_sends(django_capture_on_commit_callbacks):
    placement = PlacementFactory()
    PlacementFactory(jobcenter=placement.jobcenter, status="proposed", company_mentor=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert weekly_reminders_tick(now=MONDAY_0700.replace(hour=6, minute=59)) == 0
        assert weekly_reminders_tick(now=MONDAY_0700) == 2
        assert weekly_reminders_tick(now=MONDAY_0700.replace(hour=9)) == 0
    rows = Message.objects.filter(kind=WEEKLY_FOLLOWUP, period="2026-W48")
    assert {row.recipient_email for row in rows} == {placement.responsible.email, placement.company_mentor.email}
    assert set(rows.values_list("status", flat=True)) == {MessageStatus.SENT}
    assert ReminderRun.objects.get(jobcenter=placement.jobcenter, period="2026-W48").created_count == 2
    assert len(mail.outbox) == 2
    subjects = {email.subject for email in mail.outbox}
    assert subjects == {"Påmindelse: ugentlig opfølgning, uge 48"}
    first_name = placement.citizen.name.split(" ")[0]
    assert all(first_name in email.body and placement.company.name in email.body for email in mail.outbox)
    # The text is not stored per row; the outbox renders it again from the placement.
    from notifications.selectors import message_with_text

    row = message_with_text(rows.first())
    assert not rows.first().is_rendered and row.subject == "Påmindelse: ugentlig opfølgning, uge 48"


@pytest.mark.django_db
def test_rerun_after_the_run_marker_is_lost_still_creates_nothing():
    placement = PlacementFactory()
    assert weekly_reminders_tick(now=MONDAY_0700) == 2
    ReminderRun.objects.all().delete()
    assert weekly_reminders_tick(now=MONDAY_0700) == 0
    assert Message.objects.filter(jobcenter=placement.jobcenter).count() == 2


@pytest.mark.django_db
def test_jobcenter_schedule_and_switch_off():
    placement = PlacementFactory()
    ReminderSchedule.objects.create(jobcenter=placement.jobcenter, weekday=2, hour=13)
    other = PlacementFactory(jobcenter=JobcenterFactory())
    ReminderSchedule.objects.create(jobcenter=other.jobcenter, is_active=False)
    assert weekly_reminders_tick(now=MONDAY_0700) == 0
    assert next_due(jobcenter=placement.jobcenter, now=MONDAY_0700) == datetime(2026, 11, 25, 13, tzinfo=CPH)
    assert weekly_reminders_tick(now=datetime(2026, 11, 25, 13, 0, tzinfo=CPH)) == 2
    assert not Message.objects.filter(jobcenter=other.jobcenter).exists()
    assert next_due(jobcenter=other.jobcenter, now=MONDAY_0700) is None
    assert next_due(jobcenter=placement.jobcenter, now=MONDAY_0700) == datetime(2026, 12, 2, 13, tzinfo=CPH)


@pytest.mark.django_db
def test_a_holiday_pushed_into_next_week_is_still_created():
    placement = PlacementFactory()
    ReminderSchedule.objects.create(jobcenter=placement.jobcenter, weekday=4, hour=7)  # Friday
    # Week 52 of 2026: Christmas Day is Friday, so the reminders go out on Monday 28 December (week 53).
    assert weekly_reminders_tick(now=datetime(2026, 12, 28, 7, 5, tzinfo=CPH)) == 2
    assert set(Message.objects.values_list("period", flat=True)) == {"2026-W52"}


@pytest.mark.django_db
def test_inactive_company_mentor_and_other_jobcenter_are_left_out():
    placement = PlacementFactory(company_mentor=CompanyMentorFactory(is_active=False))
    PlacementFactory(jobcenter=JobcenterFactory())
    PlacementFactory(jobcenter=placement.jobcenter, status="proposed", company_mentor=None)
    weekly_reminders_tick(now=MONDAY_0700)
    rows = Message.objects.filter(jobcenter=placement.jobcenter)
    assert list(rows.values_list("recipient_email", flat=True)) == [placement.responsible.email]


@pytest.mark.django_db
def test_enqueue_and_fanout_share_the_idempotency_key():
    placement = PlacementFactory()
    weekly_reminders_tick(now=MONDAY_0700)
    existing = Message.objects.get(recipient_email=placement.responsible.email)
    # A person's weekly reminder is about no single object: its key is the person's and the week's.
    again = message_enqueue(
        jobcenter=placement.jobcenter,
        kind=WEEKLY_FOLLOWUP,
        recipient_email=placement.responsible.email.upper(),
        recipient_name="x",
        subject_template="notifications/weekly_followup/subject.txt",
        text_template="notifications/weekly_followup/body.txt",
        html_template=None,
        context={},
        about=None,
        period="2026-W48",
    )
    assert again.pk == existing.pk


@pytest.mark.django_db
def test_overdue_placements_are_listed_and_reminded_once_a_week():
    from citizens.selectors import placements_without_follow_up
    from notifications.fanout import FOLLOWUP_OVERDUE, overdue_reminders_tick

    overdue = PlacementFactory(starts_on=date(2026, 10, 1), last_follow_up_on=date(2026, 11, 15))
    PlacementFactory(jobcenter=overdue.jobcenter, starts_on=date(2026, 10, 1), last_follow_up_on=date(2026, 11, 17))
    never = PlacementFactory(jobcenter=overdue.jobcenter, starts_on=date(2026, 11, 2), last_follow_up_on=None)
    # Oldest first: never followed up since 2 November, then last seen 15 November.
    listed = placements_without_follow_up(jobcenter=overdue.jobcenter, today=date(2026, 11, 23))
    assert list(listed) == [never, overdue]
    assert overdue_reminders_tick(now=MONDAY_0700.replace(hour=6)) == 0  # before the jobcenter's hour
    assert overdue_reminders_tick(now=MONDAY_0700) == 2
    assert overdue_reminders_tick(now=MONDAY_0700.replace(hour=10)) == 0  # once a day
    assert overdue_reminders_tick(now=datetime(2026, 11, 24, 7, 0, tzinfo=CPH)) == 0  # once a week per placement
    rows = Message.objects.filter(kind=FOLLOWUP_OVERDUE)
    assert {row.about_id for row in rows} == {overdue.pk, never.pk}
    assert {row.recipient_email for row in rows} == {overdue.responsible.email, never.responsible.email}
    assert overdue_reminders_tick(now=datetime(2026, 11, 28, 7, 0, tzinfo=CPH)) == 0  # Saturday


@pytest.mark.django_db
@time_machine.travel(MONDAY_0700, tick=False)
def test_sending_a_fanout_batch_costs_set_wise_statements_per_chunk_none_per_message(
    settings, django_assert_num_queries
):
    from notifications.fanout import weekly_reminders_create
    from notifications.services import messages_send

    first = PlacementFactory()
    for _ in range(11):
        PlacementFactory(jobcenter=first.jobcenter)
    ids = weekly_reminders_create(
        jobcenter_id=first.jobcenter_id, period="2026-W48", on=MONDAY_0700.date(), now=MONDAY_0700
    )
    assert len(ids) == 24
    settings.NOTIFICATIONS_SEND_CHUNK = 5
    # Asynchronous commits on and off; per chunk of 5 (5 chunks): the claim (one statement that locks, leases
    # and returns the rows), the placements of its rows, the jobcenters' own openings of the kind (texts), and
    # the UPDATE that marks the chunk sent. Nothing per message.
    with django_assert_num_queries(2 + 5 * 4):
        outcome = messages_send(ids=ids)
    assert outcome.sent == 24
    assert len(mail.outbox) == 24
    assert all(email.subject == "Påmindelse: ugentlig opfølgning, uge 48" for email in mail.outbox)
    assert set(Message.objects.filter(pk__in=ids).values_list("status", "attempts")) == {(MessageStatus.SENT, 1)}


@pytest.mark.django_db
@time_machine.travel(MONDAY_0700, tick=False)
def test_one_weekly_message_per_person_listing_each_placement_with_a_link(settings, django_capture_on_commit_callbacks):
    """Issue 22: a job consultant with three running placements and a company mentor with two get one e-mail
    each, listing them with a direct link (the coordinator app for staff, the portal for a company mentor); an
    object reached in two ways is listed once. The same address in other letters is the same person. Once per ISO
    week."""
    from accounts.tests.factories import UserFactory
    from citizens.tests.factories import AgreementFactory
    from corps.tests.factories import MentorFactory

    settings.SITE_URL = "https://mentor.favrskov.dk"
    consultant = UserFactory(email="Konsulent@Favrskov.dk")
    first = PlacementFactory(responsible=consultant)
    jobcenter = first.jobcenter
    mentor = first.company_mentor
    second = PlacementFactory(jobcenter=jobcenter, responsible=consultant, company=first.company, company_mentor=mentor)
    third = PlacementFactory(jobcenter=jobcenter, responsible=consultant)
    corps_mentor = MentorFactory(jobcenter=jobcenter, email=" konsulent@favrskov.DK")  # the same person
    agreement = AgreementFactory(
        citizen=third.citizen, mentor=corps_mentor, caseworker=None, status="active", starts_on=first.starts_on
    )
    PlacementFactory(jobcenter=JobcenterFactory(), responsible=consultant)  # another jobcenter's: its own run
    with django_capture_on_commit_callbacks(execute=True):
        created = weekly_reminders_tick(now=MONDAY_0700)
    rows = {row.recipient_email.lower(): row for row in Message.objects.filter(jobcenter=jobcenter)}
    # The consultant (3 placements + the agreement as corps mentor), the two company mentors.
    assert set(rows) == {"konsulent@favrskov.dk", mentor.email.lower(), third.company_mentor.email.lower()}
    assert created >= 3
    mine = rows["konsulent@favrskov.dk"]
    assert mine.about_id is None and mine.period == "2026-W48"
    assert sorted(pk for _type, pk, _audience in mine.items) == sorted([first.pk, second.pk, third.pk, agreement.pk])
    # The other jobcenter's placement is that jobcenter's reminder; here, one e-mail per person.
    ours = [e for e in mail.outbox if e.extra_headers["X-Mentorordning-Message"].startswith(f"{jobcenter.pk}-")]
    by_address = {email.to[0].split("<")[-1].rstrip(">").lower(): email for email in ours}
    assert len(ours) == len(by_address) == 3
    body = by_address["konsulent@favrskov.dk"].body
    for placement in (first, second, third):
        assert f"https://mentor.favrskov.dk/borgere/forloeb/{placement.pk}/" in body
        assert placement.citizen.name.split(" ")[0] in body and placement.company.name in body
    assert "disse 4 forløb" in body and "mentorforløb" in body
    # The agreement has no contact person, so the jobcenter's coordinator (the consultant) is told of it; being
    # its corps mentor too, they find it once, with the coordinator app's link, not a second time unlinked.
    assert body.count(f"/mentoraftaler/{agreement.pk}/") == 1
    html = by_address["konsulent@favrskov.dk"].alternatives[0][0]
    assert html.count("<li>") == 4 and f'href="https://mentor.favrskov.dk/borgere/forloeb/{first.pk}/"' in html
    company = by_address[mentor.email.lower()].body
    assert "disse 2 forløb" in company
    assert f"https://mentor.favrskov.dk/portal/forloeb/{first.pk}/" in company
    assert f"https://mentor.favrskov.dk/portal/forloeb/{second.pk}/" in company
    # Once per ISO week: a new placement later in the week changes nothing; next week is a new message.
    later = PlacementFactory(jobcenter=jobcenter, responsible=consultant)
    assert weekly_reminders_tick(now=MONDAY_0700.replace(hour=16)) == 0
    from notifications.fanout import weekly_reminders_create

    # Even the set-based INSERT run again makes only the message of the one person who had none this week.
    again = weekly_reminders_create(
        jobcenter_id=jobcenter.pk, period="2026-W48", on=MONDAY_0700.date(), now=MONDAY_0700
    )
    assert list(Message.objects.filter(pk__in=again).values_list("recipient_email", flat=True)) == [
        later.company_mentor.email
    ]
    assert Message.objects.filter(jobcenter=jobcenter, recipient_email__iexact="konsulent@favrskov.dk").count() == 1
