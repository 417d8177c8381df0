"""The set-wise enqueue (`messages_enqueue`, `notify_all`): the same outbox rows and inbox items as one message or
one step at a time, exactly once, and a fixed number of queries whatever the number of messages or companies."""

import pytest
from django.db import transaction
from django_scopes import scope, scopes_disabled

from accounts.models import Role
from accounts.tests.factories import JobcenterFactory, MembershipFactory, UserFactory
from citizens.models import Placement, PlacementStatus
from companies.tests.factories import CompanyFactory, placement_for
from inbox.models import InboxItem
from matching import handoffs as matching_handoffs
from matching import services as matching_services
from matching.tests.factories import CohortFactory, cohort_with
from notifications import handoffs
from notifications.kinds import EXAMPLE_CPR
from notifications.models import DeliveryPreference, Message, MessageStatus
from notifications.rendering import SensitiveDataError
from notifications.services import Outgoing, message_enqueue, messages_enqueue
from notifications.tests.factories import TEMPLATES, TEST_KIND

pytestmark = pytest.mark.django_db

# What a row says, whichever way it was written (not its id, jobcenter or moments).
FIELDS = (
    "kind",
    "recipient_email",
    "recipient_name",
    "subject",
    "body_text",
    "body_html",
    "attachments",
    "about_type_id",
    "about_id",
    "period",
    "idempotency_key",
    "status",
)


def _outgoing(about=None) -> list[Outgoing]:
    """Messages of every shape: about an object or none, periods, an explicit key, an attachment, each status,
    and a key repeated within the set (the first one given wins, as one call after another)."""
    common = {"kind": TEST_KIND, "recipient_name": "Lars Jensen", "about": about, **TEMPLATES}
    return [
        Outgoing(recipient_email="lars@example.dk", context={"name": "Lars", "title": "Netværksmøde"}, **common),
        Outgoing(
            recipient_email="anne@example.dk", context={"name": "Anne", "title": "Kursus"}, period="2026-W48", **common
        ),
        Outgoing(
            recipient_email="bo@example.dk",
            context={"name": "Bo", "title": "Kursusdag"},
            idempotency_key="kursus:1:bo@example.dk",
            attachments=[("kursus.ics", "BEGIN:VCALENDAR", "text/calendar")],
            **common,
        ),
        Outgoing(
            recipient_email="karen@example.dk",
            context={"name": "Karen", "title": "Samlet"},
            status=MessageStatus.HELD,
            **common,
        ),
        Outgoing(
            recipient_email="ole@example.dk",
            context={"name": "Ole", "title": "Indbakke"},
            status=MessageStatus.INBOX_ONLY,
            **common,
        ),
        Outgoing(recipient_email=" LARS@example.dk", context={"name": "Lars", "title": "Igen"}, **common),
    ]


def _one_at_a_time(jobcenter, messages: list[Outgoing]) -> list[Message]:
    return [
        message_enqueue(
            jobcenter=jobcenter,
            kind=o.kind,
            recipient_email=o.recipient_email,
            recipient_name=o.recipient_name,
            subject_template=o.subject_template,
            text_template=o.text_template,
            html_template=o.html_template,
            context=o.context,
            about=o.about,
            period=o.period,
            idempotency_key=o.idempotency_key,
            attachments=o.attachments,
            status=o.status,
        )
        for o in messages
    ]


def _said(rows) -> list[tuple]:
    return [tuple(getattr(row, field) for field in FIELDS) for row in rows]


def test_a_set_writes_the_same_rows_as_one_message_at_a_time(django_capture_on_commit_callbacks):
    one_by_one, at_once = JobcenterFactory(), JobcenterFactory()
    about = UserFactory()
    with django_capture_on_commit_callbacks() as singles:
        expected = _one_at_a_time(one_by_one, _outgoing(about))
    with django_capture_on_commit_callbacks() as batch:
        written = messages_enqueue(jobcenter=at_once, messages=_outgoing(about))
    assert _said(written) == _said(expected)
    assert written[0].pk == written[-1].pk  # the repeated key returns the first one's row
    assert Message.objects.filter(jobcenter=at_once).count() == Message.objects.filter(jobcenter=one_by_one).count()
    assert _said(Message.objects.filter(jobcenter=at_once).order_by("pk")) == _said(
        Message.objects.filter(jobcenter=one_by_one).order_by("pk")
    )
    assert {row.expires_at - row.created_at for row in written} == {row.expires_at - row.created_at for row in expected}
    # One after-commit dispatch for the whole set, one per pending message (the repeat too) one at a time.
    assert len(batch) == 1 and len(singles) == 4


def test_a_repeated_set_writes_and_renders_nothing(django_capture_on_commit_callbacks):
    jobcenter = JobcenterFactory()
    first = messages_enqueue(jobcenter=jobcenter, messages=_outgoing())
    # Existing keys are not rendered again: a context that would now be refused changes nothing.
    again = [Outgoing(**{**vars(o), "context": {"name": EXAMPLE_CPR, "title": "x"}}) for o in _outgoing()]
    assert [row.pk for row in messages_enqueue(jobcenter=jobcenter, messages=again)] == [row.pk for row in first]
    assert Message.objects.filter(jobcenter=jobcenter).count() == 5


def test_a_cpr_number_anywhere_in_the_set_writes_none_of_it():
    jobcenter = JobcenterFactory()
    messages = _outgoing()
    messages[3] = Outgoing(**{**vars(messages[3]), "context": {"name": f"Borger {EXAMPLE_CPR}", "title": "x"}})
    with pytest.raises(SensitiveDataError):
        messages_enqueue(jobcenter=jobcenter, messages=messages)
    assert not Message.objects.filter(jobcenter=jobcenter).exists()


@pytest.mark.parametrize("size", [10, 100])
def test_a_set_costs_the_same_queries_whatever_its_size(size, django_assert_num_queries):
    jobcenter = JobcenterFactory()
    common = {"kind": TEST_KIND, "recipient_name": "Lars Jensen", "about": None, **TEMPLATES}
    messages = [
        Outgoing(recipient_email=f"p{n}@example.dk", context={"name": "Lars", "title": "Møde"}, **common)
        for n in range(size)
    ]
    # Savepoint, existing keys, the jobcenter's openings (texts), INSERT … ON CONFLICT DO NOTHING, the rows
    # written, release.
    with django_assert_num_queries(6):
        messages_enqueue(jobcenter=jobcenter, messages=messages)
    with django_assert_num_queries(3):  # a re-run: savepoint, existing keys, release
        messages_enqueue(jobcenter=jobcenter, messages=messages)


# --- A committed cohort's hand-off --------------------------------------------------------------------------


def _cohort_world(jobcenter, companies: int, citizens: int):
    """A cohort whose `citizens` proposed placements spread over `companies` companies with two leaders each;
    one leader chose the digest, one the inbox only; a leader of another company and another jobcenter's
    leader must not be told."""
    cohort = CohortFactory(jobcenter=jobcenter)
    firms = [CompanyFactory(jobcenter=jobcenter) for _ in range(companies)]
    leaders = []
    for firm in firms:
        for _ in range(2):
            leaders.append(
                MembershipFactory(jobcenter=jobcenter, role=Role.COMPANY_LEADER, company=firm, user=UserFactory()).user
            )
    for leader, channel in zip(leaders[:2], ["digest", "inbox"], strict=True):
        DeliveryPreference.objects.create(jobcenter=jobcenter, user=leader, group="placements", channel=channel)
    MembershipFactory(jobcenter=jobcenter, role=Role.COMPANY_LEADER, company=CompanyFactory(jobcenter=jobcenter))
    for n in range(citizens):
        placement_for(firms[n % companies], status=PlacementStatus.PROPOSED, citizen_name=f"Borger{n} Efternavn")
    placements = list(Placement.objects.filter(jobcenter=jobcenter).select_related("citizen", "company").order_by("pk"))
    return cohort, placements, leaders


def _told(jobcenter) -> tuple[list, list]:
    with scopes_disabled():
        messages = Message.objects.filter(jobcenter=jobcenter).order_by("recipient_email")
        items = InboxItem.objects.filter(jobcenter=jobcenter).order_by("recipient_id")
        return _said(messages), [
            (i.recipient_id, i.company_id, i.event, i.title, i.link, i.about_type_id, i.about_id, i.key) for i in items
        ]


class _Rollback(Exception):
    pass


def test_a_cohort_tells_the_same_people_the_same_as_one_step_per_company(world):
    jobcenter = world.jobcenter
    with scopes_disabled():
        cohort, placements, leaders = _cohort_world(jobcenter, companies=4, citizens=10)
    with scope(jobcenter=jobcenter):
        try:
            with transaction.atomic():
                # The per-step path: each company's proposal through `notify`, one at a time.
                by_company: dict[int, list] = {}
                for placement in placements:
                    by_company.setdefault(placement.company_id, []).append(placement)
                for rows in by_company.values():
                    matching_handoffs.cohort_proposed(cohort=cohort, placements=rows)
                expected = _told(jobcenter)
                raise _Rollback
        except _Rollback:
            pass
        assert _told(jobcenter) == ([], [])
        matching_handoffs.cohort_proposed(cohort=cohort, placements=placements)
        written = _told(jobcenter)
        matching_handoffs.cohort_proposed(cohort=cohort, placements=placements)  # repeated: nothing new
        assert _told(jobcenter) == written
    assert written == expected
    messages, items = written
    assert len(messages) == len(items) == len(leaders) == 8
    statuses = {row[1]: row[-1] for row in messages}
    assert statuses[leaders[0].email] == MessageStatus.HELD
    assert statuses[leaders[1].email] == MessageStatus.INBOX_ONLY
    assert {statuses[leader.email] for leader in leaders[2:]} == {MessageStatus.PENDING}
    # One message per leader listing their company's citizens by first name only.
    body = {row[1]: row[4] for row in messages}[leaders[2].email]
    assert "Borger1" in body and "Borger5" in body and "Efternavn" not in body


# Committing a cohort of 50 citizens: about 30 queries per placement it creates (citizens.services.placement_create)
# and the same hand-off whether they go to 5 companies or 50 (one message per leader per company).
COMMIT_QUERIES = 1535


@pytest.mark.parametrize("companies", [5, 50])
def test_a_cohort_commit_costs_the_same_queries_for_5_companies_as_for_50(
    world, companies, django_assert_max_num_queries
):
    jobcenter = world.jobcenter
    cohort, seats = cohort_with(jobcenter, candidates=50, companies=companies, capacity=50 // companies)
    with scopes_disabled():
        for seat in seats:
            for _ in range(2):
                MembershipFactory(
                    jobcenter=jobcenter, role=Role.COMPANY_LEADER, company=seat.company, user=UserFactory()
                )
    with scope(jobcenter=jobcenter):
        cohort = matching_services.cohort_solve(actor=world.coordinator, cohort=cohort)
        with django_assert_max_num_queries(COMMIT_QUERIES) as queries:
            placements = matching_services.cohort_commit(actor=world.coordinator, cohort=cohort)
        print(f"cohort commit, 50 citizens over {companies} companies: {len(queries.captured_queries)} queries")
    assert len(placements) == 50 and len({p.company_id for p in placements}) == companies
    with scopes_disabled():
        told = Message.objects.filter(jobcenter=jobcenter, kind="matching.handoff.cohort_proposed")
        assert told.count() == InboxItem.objects.filter(jobcenter=jobcenter, event="cohort.proposed").count()
        assert told.count() == 2 * companies


@pytest.mark.parametrize("companies", [5, 50])
def test_a_cohort_handoff_has_a_fixed_number_of_queries(world, companies, django_assert_max_num_queries):
    with scopes_disabled():
        cohort, placements, _leaders = _cohort_world(world.jobcenter, companies=companies, citizens=100)
    with scope(jobcenter=world.jobcenter), django_assert_max_num_queries(11):
        matching_handoffs.cohort_proposed(cohort=cohort, placements=placements)
    with scopes_disabled():
        assert Message.objects.filter(jobcenter=world.jobcenter).count() == 2 * companies


def test_notify_all_tells_each_step_only_whom_it_may(world):
    """A leader listed for another company's step, or for a company of another jobcenter, is left out, as
    `notify` would."""
    with scope(jobcenter=world.jobcenter):
        cohort = CohortFactory(jobcenter=world.jobcenter)
        steps = [
            handoffs.Step(
                [world.leader_a, world.leader_b],
                cohort,
                handoffs.Context(title="Forslag", link="/portal/forloeb/", period="c-a", company=world.company_a),
            ),
            handoffs.Step(
                [world.leader_b, world.coordinator],
                cohort,
                handoffs.Context(title="Forslag", link="/portal/forloeb/", period="c-b", company=world.company_b),
            ),
        ]
        messages = handoffs.notify_all("cohort.proposed", steps)
    assert [(m.recipient_email, m.period) for m in messages] == [
        (world.leader_a.email, "c-a"),
        (world.leader_b.email, "c-b"),
    ]
    with scopes_disabled():
        items = set(InboxItem.objects.values_list("recipient_id", "company_id"))
    assert items == {(world.leader_a.pk, world.company_a.pk), (world.leader_b.pk, world.company_b.pk)}
