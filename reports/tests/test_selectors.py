"""Every figure of every report against the known data set (reports/tests/conftest.py), exactly."""

from decimal import Decimal

import pytest
from django_scopes import scope

from citizens.models import Citizen, Placement
from companies.models import Company
from corps.models import Mentor
from courses.models import Course
from matching.models import Offer
from reports import selectors
from reports.aggregates import PercentileCont

pytestmark = pytest.mark.django_db

OUTCOME_CODES = [
    "ordinary_job",
    "education",
    "flex_job",
    "other_placement",
    "sick_listed",
    "dropped_out",
    "moved",
    "other",
]


def by_name(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


def outcome_row(referred, started, ended, outcomes: dict, ordinary_rate, education_rate):
    return [referred, started, ended, *[outcomes.get(code, 0) for code in OUTCOME_CODES], ordinary_rate, education_rate]


def test_outcomes_in_total_and_per_target_group(world, known):
    report = selectors.outcomes_report(jobcenter=world.jobcenter, citizens=Citizen.objects.all())
    # 6 referred; c1, c2, c3, c5, c6 started; c1, c2, c5, c6 ended: 2 ordinary job (2/5 = 40 %), 1 education.
    assert report.table.total[1:] == outcome_row(
        6, 5, 4, {"ordinary_job": 2, "education": 1, "dropped_out": 1}, 40.0, 20.0
    )
    assert by_name(report.table) == {
        "Aktivitetsparat": outcome_row(4, 3, 2, {"ordinary_job": 1, "education": 1}, 33.3, 33.3),
        "Jobparat": outcome_row(2, 2, 2, {"ordinary_job": 1, "dropped_out": 1}, 50.0, 0.0),
    }
    assert report.summary[0] == "2 af 5 startede borgere i ordinært job, 1 i uddannelse, 0 i fleksjob."
    assert [bar.value_label for bar in report.chart.bars][:2] == ["2", "1"]


def test_outcomes_per_company_mentor_and_cohort(world, known):
    def rows(per):
        return by_name(
            selectors.outcomes_report(jobcenter=world.jobcenter, citizens=Citizen.objects.all(), per=per).table
        )

    # Company A: c1 (ended, ordinary job) and c3 (active); c4's proposal does not count. Company B: c2 (education).
    assert rows("company") == {
        "Hammel Maskinfabrik A/S": outcome_row(2, 2, 1, {"ordinary_job": 1}, 50.0, 0.0),
        "Hinnerup Bageri ApS": outcome_row(1, 1, 1, {"education": 1}, 0.0, 100.0),
    }
    assert rows("mentor") == {
        "Anna Mentor": outcome_row(2, 2, 1, {"ordinary_job": 1}, 50.0, 0.0),
        "Bent Mentor": outcome_row(1, 1, 1, {"ordinary_job": 1}, 100.0, 0.0),
    }
    # The cohort: c1 (ordinary job), c2 (education), c4 (still referred).
    assert rows("cohort") == {"Forårsholdet": outcome_row(3, 2, 2, {"ordinary_job": 1, "education": 1}, 50.0, 50.0)}


def test_waiting_time_median_and_90th_percentile(world, known):
    report = selectors.waiting_report(jobcenter=world.jobcenter, citizens=Citizen.objects.all())
    # Accepted after 10, 20, 30, 40 days: median 25; 90th percentile at position 0.9·3 = 2.7 → 30 + 0.7·10 = 37.
    assert report.table.total == ["Alle", 4, 25.0, 37.0, 25.0]
    # Aktivitetsparat 10, 20, 30: median 20, p90 at 1.8 → 20 + 0.8·10 = 28. Jobparat: 40.
    assert by_name(report.table) == {"Aktivitetsparat": [3, 20.0, 28.0, 20.0], "Jobparat": [1, 40.0, 40.0, 40.0]}
    assert report.extra_tables[0].rows == [
        ["0–7 dage", 0],
        ["8–14 dage", 1],
        ["15–30 dage", 2],
        ["31–60 dage", 1],
        ["61–90 dage", 0],
        ["Over 90 dage", 0],
    ]
    # c4 is still waiting, referred 10 days ago.
    assert report.summary[1] == "1 henviste borgere venter stadig på en mentor (median 10 dage indtil nu)."


def test_waiting_time_filtered_by_target_group(world, known):
    from reports.filters import CitizenReportFilter

    filterset = CitizenReportFilter(
        {"target_group": known.target_groups["tg2"].pk}, queryset=Citizen.objects.all(), jobcenter=world.jobcenter
    )
    report = selectors.waiting_report(jobcenter=world.jobcenter, citizens=filterset.result)
    assert report.table.total == ["Alle", 1, 40.0, 40.0, 40.0]


def test_declines_with_reasons(world, known):
    report = selectors.declines_report(jobcenter=world.jobcenter, offers=Offer.objects.all())
    assert report.table.rows == [
        ["Ingen tid", 2, 2, 50.0],
        ['=HYPERLINK("http://x")', 1, 1, 25.0],
        ["Bor for langt væk", 1, 1, 25.0],
    ]
    assert by_name(report.extra_tables[0]) == {
        "Tilbudt": [1],
        "Accepteret": [4],
        "Afslået": [4],
        "Trukket tilbage": [0],
        "Udløbet": [1],
    }
    assert report.extra_tables[0].total == ["I alt", 10]
    assert report.summary[0] == "4 af 8 besvarede tilbud blev afslået (50 %)."


def test_mentor_corps_load_capacity_and_hours(world, known):
    report = selectors.corps_report(jobcenter=world.jobcenter, mentors=Mentor.objects.all(), params={})
    # m1: active agreement with c3; hours 3 approved + 5 submitted (+ 2 rejected, not counted).
    assert by_name(report.table) == {
        "Anna Mentor": ["Aktiv", 1, 2, Decimal("8.00"), Decimal("8.00"), Decimal("3.00")],
        "Bent Mentor": ["Aktiv", 0, 3, Decimal("2.00"), Decimal("1.50"), Decimal("1.50")],
        "Carla Mentor": ["Aktiv", 0, 2, Decimal("0"), Decimal("0"), Decimal("0")],
        "Dorte Mentor": ["Aktiv", 0, 1, Decimal("0"), Decimal("0"), Decimal("0")],
    }
    assert report.table.total == ["Alle (4 mentorer)", "", 1, 8, Decimal("10.00"), Decimal("9.50"), Decimal("4.50")]


def test_mentor_corps_hours_in_a_period(world, known):
    from corps.tests.factories import monday

    report = selectors.corps_report(
        jobcenter=world.jobcenter, mentors=Mentor.objects.all(), params={"date_from": monday(1)}
    )
    assert report.table.total[4:] == [Decimal("6.00"), Decimal("4.50"), Decimal("4.50")]


def test_companies(world, known):
    report = selectors.companies_report(jobcenter=world.jobcenter, companies=Company.objects.all(), params={})
    claim_total = Decimal("4") * Decimal("200.00") * Decimal("1.22")  # wage + 12.5 % + 8 % + 1.5 %
    assert by_name(report.table) == {
        "Hammel Maskinfabrik A/S": [1, 1, 2, 1, 1, 0, claim_total],
        "Hinnerup Bageri ApS": [1, 0, 1, 1, 0, 1, Decimal("0")],
    }
    assert report.table.total == ["Alle (2 virksomheder)", 2, 1, 3, 2, 1, 1, claim_total]
    assert report.summary[0] == "1 af 2 virksomheder har mindst én mentor, der har gennemført et mentorkursus."


def test_courses_and_meetings(world, known):
    report = selectors.courses_report(jobcenter=world.jobcenter, courses=Course.objects.all())
    assert by_name(report.table) == {
        "Netværksmøde": [
            known.courses["coming"].course_type.name,
            known.courses["coming"].first_day,
            "Konflikthåndtering",
            "Nej",
            1,
            1,
            0,
            0,
            0,
            None,
        ],
        "Grundkursus forår": [
            known.courses["held"].course_type.name,
            known.courses["held"].first_day,
            "Konflikthåndtering",
            "Ja",
            3,
            2,
            1,
            1,
            1,
            4.0,
        ],
    }
    assert report.table.total == ["Alle (2)", "", None, "", "1", 4, 3, 1, 1, 1, 4.0]
    assert report.extra_tables[0].rows == [["Konflikthåndtering", 2, 3]]
    assert report.summary[2] == "1 evalueringer: samlet 4, relevans 5, kan bruges i praksis 3 (1-5)."


def test_progress_per_dimension(world, known):
    report = selectors.progress_report(jobcenter=world.jobcenter, placements=Placement.objects.all())
    # Adfærd: p1 2 → 5 (+3), p3 3 → 2 (−1): first 2.5, latest 3.5, movement +1. Engagement: p1 3 → 3.
    assert report.table.rows == [["Adfærd", 2, 2.5, 3.5, 1.0], ["Engagement", 1, 3.0, 3.0, 0.0]]
    assert report.summary[1] == "Adfærd: +1 point i gennemsnit."


def test_coordinator_todo_counts(world, known):
    with scope(jobcenter=world.jobcenter):
        items = {item.key: item.count for item in selectors.coordinator_todo(jobcenter=world.jobcenter)}
    assert items == {
        "follow_up_overdue": 1,  # c3's placement started 20 days ago, never followed up
        "offers_open": 1,
        "agreements_ending": 1,  # c3's agreement ends in 10 days
        "applications": 1,
        "courses_short": 1,  # the coming course has no job consultants (the held one is past)
        "claims": 1,
        "nominations": 0,
        "messages_failed": 1,
        "messages_delayed": 1,
    }


def test_coordinator_todo_counts_open_course_nominations(world, login):
    """A leader's nomination waits on the start page until a coordinator has found a seat (marked handled);
    its link lists the companies with open nominations."""
    from companies.models import CourseNomination, NominationStatus
    from companies.tests.factories import CompanyMentorFactory

    CourseNomination.objects.create(mentor=CompanyMentorFactory(company=world.company_a))
    CourseNomination.objects.create(
        mentor=CompanyMentorFactory(company=world.company_b), status=NominationStatus.HANDLED
    )
    CourseNomination.objects.create(mentor=CompanyMentorFactory(company=world.other_company))
    with scope(jobcenter=world.jobcenter):
        (item,) = [i for i in selectors.coordinator_todo(jobcenter=world.jobcenter) if i.key == "nominations"]
    assert item.count == 1
    page = login(world.coordinator).get(item.url).content.decode()
    assert world.company_a.name in page and world.company_b.name not in page


def test_caseworker_todo_counts_only_own_citizens(world, known):
    known.citizens["c4"].caseworker = world.caseworker
    known.citizens["c4"].save(update_fields=["caseworker"])
    known.citizens["c3"].caseworker = world.caseworker
    known.citizens["c3"].save(update_fields=["caseworker"])
    items = {
        item.key: item.count for item in selectors.caseworker_todo(jobcenter=world.jobcenter, user=world.caseworker)
    }
    assert items == {"waiting": 1, "active": 1, "ending": 1}


def test_other_jobcenter_sees_none_of_this_data(world, known):
    other = world.other_jobcenter
    with scope(jobcenter=other):  # as the other jobcenter's requests run
        outcomes = selectors.outcomes_report(jobcenter=other, citizens=Citizen.objects.all())
        assert outcomes.table.total[1:4] == [2, 1, 1]
        waiting = selectors.waiting_report(jobcenter=other, citizens=Citizen.objects.all())
        assert waiting.table.total == ["Alle", 1, 5.0, 5.0, 5.0]
        declines = selectors.declines_report(jobcenter=other, offers=Offer.objects.all())
        assert declines.table.rows == [["Ingen tid", 1, 1, 100.0]]
        corps = selectors.corps_report(jobcenter=other, mentors=Mentor.objects.all(), params={})
        assert [row[0] for row in corps.table.rows] == ["Fremmed Mentor"]
        companies = selectors.companies_report(jobcenter=other, companies=Company.objects.all(), params={})
        assert [row[0] for row in companies.table.rows] == ["Haderslev Gartneri ApS"]
        assert selectors.courses_report(jobcenter=other, courses=Course.objects.all()).table.rows == []
        assert selectors.progress_report(jobcenter=other, placements=Placement.objects.all()).table.rows == []


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([5], 0.5, 5.0),
        ([1, 2, 3, 4], 0.5, 2.5),
        ([10, 20, 30, 40], 0.9, 37.0),
        ([3, 1, 2], 0.0, 1.0),
        ([3, 1, 2], 1.0, 3.0),
    ],
)
def test_percentile_cont_matches_postgresql_definition(world, values, fraction, expected):
    from accounts.tests.factories import JobcenterFactory
    from corps.tests.factories import MentorFactory

    jobcenter = JobcenterFactory()
    for value in values:
        MentorFactory(jobcenter=jobcenter, capacity=value)
    with scope(jobcenter=jobcenter):
        result = Mentor.objects.filter(jobcenter=jobcenter).aggregate(p=PercentileCont("capacity", fraction))["p"]
    assert result == pytest.approx(expected)


def test_percentile_of_nothing_is_none(world):
    assert Mentor.objects.filter(pk=-1).aggregate(p=PercentileCont("capacity", 0.5))["p"] is None
