"""Reminders link to the object and speak to the person who gets them (issue 21): the overdue escalation opens
the placement, not the start page, and a corps mentor (no login) is asked to answer, never to register in
Mentorordning."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from citizens.tests.factories import AgreementFactory, CitizenFactory
from corps.tests.factories import MentorFactory
from notifications.fanout import FOLLOWUP_OVERDUE, WEEKLY_FOLLOWUP, overdue_reminders_tick, weekly_reminders_tick
from notifications.models import Message
from notifications.selectors import message_with_text
from notifications.tests.factories import PlacementFactory

CPH = ZoneInfo("Europe/Copenhagen")
MONDAY_0700 = datetime(2026, 11, 23, 7, 0, tzinfo=CPH)

pytestmark = pytest.mark.django_db


def test_the_overdue_escalation_links_the_placement():
    overdue = PlacementFactory(starts_on=date(2026, 10, 1), last_follow_up_on=date(2026, 11, 1))
    assert overdue_reminders_tick(now=MONDAY_0700) == 1
    row = message_with_text(Message.objects.get(kind=FOLLOWUP_OVERDUE))
    url = settings.SITE_URL + reverse("citizens:placement_detail", kwargs={"pk": overdue.pk})
    assert url in row.body_text and f'href="{url}"' in row.body_html
    assert f"{settings.SITE_URL}/\n" not in row.body_text
    assert "i Mentorordning" not in row.body_text


@time_machine.travel(MONDAY_0700, tick=False)
def test_a_corps_mentor_is_asked_to_answer_not_to_register_in_mentorordning():
    placement = PlacementFactory(starts_on=date(2026, 10, 1))
    jobcenter = placement.jobcenter
    mentor = MentorFactory(jobcenter=jobcenter, email="mentor@example.dk")
    AgreementFactory(
        citizen=CitizenFactory(jobcenter=jobcenter),
        status="active",
        mentor=mentor,
        starts_on=date(2026, 10, 1),
        ends_on=date(2027, 3, 1),
    )
    weekly_reminders_tick(now=MONDAY_0700)
    rows = {row.recipient_email: row for row in Message.objects.filter(kind=WEEKLY_FOLLOWUP)}
    to_mentor = message_with_text(rows["mentor@example.dk"])
    assert "Svar på denne e-mail, eller ring til jobcentret" in to_mentor.body_text, to_mentor.body_text
    assert "registreres" not in to_mentor.body_text and "Mentorordning:" not in to_mentor.body_text
    to_consultant = message_with_text(rows[placement.responsible.email])
    assert "Opfølgningen registreres på forløbet via linket ovenfor." in to_consultant.body_text
    assert reverse("citizens:placement_detail", kwargs={"pk": placement.pk}) in to_consultant.body_text


@time_machine.travel(MONDAY_0700, tick=False)
def test_no_weekly_reminder_for_a_placement_that_has_not_started():
    started = PlacementFactory(starts_on=date(2026, 11, 2))
    PlacementFactory(jobcenter=started.jobcenter, starts_on=date(2026, 11, 30))  # starts next Monday
    weekly_reminders_tick(now=MONDAY_0700)
    recipients = set(Message.objects.filter(kind=WEEKLY_FOLLOWUP).values_list("recipient_email", flat=True))
    assert recipients == {started.responsible.email, started.company_mentor.email}
