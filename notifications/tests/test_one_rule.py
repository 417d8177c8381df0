"""Citizens owns the overdue-follow-up rule and notifications reads it: the page's selector and the fan-out's
INSERT ... SELECT find the same placements, and citizens never learns a rule from notifications."""

import ast
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from accounts.models import Role
from accounts.tests.factories import JobcenterFactory, MembershipFactory, UserFactory
from citizens.rules import FOLLOW_UP_OVERDUE_DAYS
from citizens.selectors import placements_without_follow_up
from citizens.tests.factories import AgreementFactory, CitizenFactory
from companies.tests.factories import CompanyFactory
from corps.tests.factories import MentorFactory
from notifications.fanout import FOLLOWUP_OVERDUE, OVERDUE_SOURCES, SOURCES, period_of, weekly_reminders_create
from notifications.models import Message
from notifications.tests.factories import CompanyMentorFactory, PlacementFactory

CPH = ZoneInfo("Europe/Copenhagen")
TODAY = date(2026, 11, 23)
CITIZENS = Path(__file__).resolve().parents[2] / "citizens"


def _overdue_world():
    """Placements on both sides of every edge of the rule, in one jobcenter, and one in another."""
    days = FOLLOW_UP_OVERDUE_DAYS
    edge = TODAY - timedelta(days=days)
    long_ago = date(2026, 9, 1)
    jobcenter = JobcenterFactory()

    def placement(**fields):
        return PlacementFactory(jobcenter=jobcenter, **fields)

    expected = {
        placement(starts_on=long_ago, last_follow_up_on=edge),  # exactly the limit
        placement(starts_on=long_ago, last_follow_up_on=edge - timedelta(days=20)),
        placement(starts_on=edge, last_follow_up_on=None),  # never followed up, started at the limit
        placement(starts_on=long_ago, last_follow_up_on=None),
    }
    placement(starts_on=long_ago, last_follow_up_on=edge + timedelta(days=1))  # one day short
    placement(starts_on=edge + timedelta(days=1), last_follow_up_on=None)  # started too recently
    placement(starts_on=TODAY + timedelta(days=3), last_follow_up_on=None)  # starts later
    placement(status="proposed", company_mentor=None, starts_on=long_ago, last_follow_up_on=None)
    placement(
        status="ended", starts_on=long_ago, last_follow_up_on=edge - timedelta(days=5), ended_on=edge, outcome="moved"
    )
    PlacementFactory(starts_on=long_ago, last_follow_up_on=None)  # overdue, but another jobcenter's
    return jobcenter, expected


@pytest.mark.django_db
def test_the_selector_and_the_fanout_find_the_same_overdue_placements():
    jobcenter, expected = _overdue_world()

    listed = set(placements_without_follow_up(jobcenter=jobcenter, today=TODAY))
    now = datetime.combine(TODAY, datetime.min.time().replace(hour=7), tzinfo=CPH)
    weekly_reminders_create(
        jobcenter_id=jobcenter.pk,
        period=period_of(TODAY),
        on=TODAY,
        now=now,
        kind=FOLLOWUP_OVERDUE,
        sources=OVERDUE_SOURCES,
    )
    reminded = set(
        Message.objects.filter(jobcenter=jobcenter, kind=FOLLOWUP_OVERDUE).values_list("about_id", flat=True)
    )

    assert {placement.pk for placement in listed} == {placement.pk for placement in expected}
    assert reminded == {placement.pk for placement in listed}


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def test_citizens_never_reads_a_rule_from_the_fanout_or_the_daily_notices():
    """Citizens may enqueue through notifications.services and register its messages with notifications.kinds
    and notifications.daily's registry, but its rules are its own: no citizens module outside its messages'
    registration imports the fan-out, and none imports a number from notifications."""
    offenders = []
    for path in sorted(CITIZENS.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        imported = _imported_modules(path)
        if any(name == "notifications.fanout" or name.startswith("notifications.fanout.") for name in imported):
            offenders.append(f"{path.relative_to(CITIZENS.parent)} imports notifications.fanout")
        # The daily notices' registry is how citizens' message_kinds registers its notice; nothing else may
        # reach into notifications.daily.
        if path.name != "message_kinds.py" and any(name.startswith("notifications.daily") for name in imported):
            offenders.append(f"{path.relative_to(CITIZENS.parent)} imports notifications.daily")
    assert offenders == []


def test_the_import_check_sees_the_import_it_forbids(tmp_path):
    module = tmp_path / "selectors.py"
    module.write_text("from notifications.fanout import OVERDUE_DAYS\nimport notifications.daily\n")
    assert {"notifications.fanout.OVERDUE_DAYS", "notifications.daily"} <= _imported_modules(module)


@pytest.mark.django_db
def test_the_weekly_fanout_reaches_each_running_agreements_people():
    """The agreements' source, compiled from citizens.rules.agreement_running_on: the contact person while they
    may act on it (active, and a coordinator there), else the coordinators; and the mentor of either kind (with
    an address; a company mentor only while active)."""
    jobcenter = JobcenterFactory()
    started = TODAY - timedelta(days=30)

    def agreement(**fields):
        fields.setdefault("status", "active")
        fields.setdefault("starts_on", started)
        return AgreementFactory(citizen=CitizenFactory(jobcenter=jobcenter), **fields)

    caseworker, gone = UserFactory(), UserFactory(is_active=False)
    # The contact person may act on the agreement (the jobcenter's one coordinator); the inactive one no longer
    # can, so their agreement, and those without a contact person, reach the coordinator.
    MembershipFactory(jobcenter=jobcenter, user=caseworker, role=Role.COORDINATOR)
    corps_mentor = MentorFactory(jobcenter=jobcenter)
    company_mentor = CompanyMentorFactory(company=CompanyFactory(jobcenter=jobcenter))
    first = agreement(caseworker=caseworker, mentor=corps_mentor)
    second = agreement(caseworker=gone, company_mentor=company_mentor)
    third = agreement(mentor=MentorFactory(jobcenter=jobcenter, email=""))  # no address, no caseworker
    fourth = agreement(company_mentor=CompanyMentorFactory(company=company_mentor.company, is_active=False))
    agreement(caseworker=caseworker, mentor=corps_mentor, starts_on=TODAY + timedelta(days=2))  # not started yet
    agreement(caseworker=caseworker, status="draft")
    other = JobcenterFactory()
    AgreementFactory(  # another jobcenter's
        citizen=CitizenFactory(jobcenter=other),
        mentor=MentorFactory(jobcenter=other),
        status="active",
        starts_on=started,
    )

    sources = [source for source in SOURCES if source.model_label == "citizens.MentorAgreement"]
    now = datetime.combine(TODAY, datetime.min.time().replace(hour=7), tzinfo=CPH)
    weekly_reminders_create(jobcenter_id=jobcenter.pk, period=period_of(TODAY), on=TODAY, now=now, sources=sources)

    # One message per person, listing the agreements (Message.items).
    rows = {
        (pk, message.recipient_email)
        for message in Message.objects.filter(jobcenter=jobcenter)
        for _type, pk, _audience in message.items
    }
    assert rows == {
        (first.pk, caseworker.email),
        (first.pk, corps_mentor.email),
        (second.pk, caseworker.email),
        (second.pk, company_mentor.email),
        (third.pk, caseworker.email),
        (fourth.pk, caseworker.email),
    }
