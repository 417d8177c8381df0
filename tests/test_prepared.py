"""mentorship.prepared: a queryset compiled once per process gives the queryset's rows and SQL for every input,
refuses what it cannot place, and keeps the tenant scope a guard."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import DateField, F, Value
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django_scopes import ScopeError, scope, scopes_disabled

from citizens.models import Citizen, CitizenStatus
from citizens.tests.factories import CitizenFactory
from mentorship.prepared import PreparedQuery
from reports.aggregates import DaysBetween

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 10, 25)


def _referred(*, jobcenter, caseworker, today: datetime.date, now: datetime.datetime):
    """Referred citizens of the jobcenter referred in the 30 days before `today`, created before `now` less an
    hour, the days waited computed in SQL from `today`; a caseworker's own only, when one is given."""
    queryset = Citizen.objects.filter(
        jobcenter=jobcenter,
        status=CitizenStatus.REFERRED,
        referred_on__gte=today - datetime.timedelta(days=30),
        created_at__lt=now - datetime.timedelta(hours=1),
    )
    if caseworker is not None:
        queryset = queryset.filter(caseworker=caseworker)
    waited = DaysBetween(Value(today, output_field=DateField()), F("referred_on"))
    return queryset.annotate(waited=waited).order_by("referred_on", "id").values("id", "name", "waited")


def _data(world):
    """Citizens in both jobcenters referred from 1 to 60 days before TODAY, half of them the caseworker's."""
    for jobcenter in (world.jobcenter, world.other_jobcenter):
        for days in (1, 10, 29, 31, 60):
            for caseworker in (world.caseworker, None):
                CitizenFactory(
                    jobcenter=jobcenter,
                    status=CitizenStatus.REFERRED,
                    referred_on=TODAY - datetime.timedelta(days=days),
                    caseworker=caseworker if jobcenter == world.jobcenter else None,
                    name=f"{jobcenter.slug} {days} {'egen' if caseworker else 'anden'}",
                )


@pytest.mark.parametrize("scoped", [True, False], ids=["in a scope", "scopes disabled"])
def test_rows_are_the_querysets_for_every_input(world, scoped):
    _data(world)
    prepared = PreparedQuery(_referred)
    now = timezone.now() + datetime.timedelta(hours=2)
    cases = [
        (jobcenter, caseworker, today)
        for jobcenter in (world.jobcenter, world.other_jobcenter)
        for caseworker in (None, world.caseworker, SimpleLazyObject(lambda: world.caseworker))
        for today in (TODAY, TODAY + datetime.timedelta(days=20), TODAY - datetime.timedelta(days=400))
    ]
    seen = set()
    for jobcenter, caseworker, today in cases:
        with scope(jobcenter=jobcenter) if scoped else scopes_disabled():
            rows = prepared(jobcenter=jobcenter, caseworker=caseworker, today=today, now=now)
            expected = list(_referred(jobcenter=jobcenter, caseworker=caseworker, today=today, now=now))
        assert rows == expected
        seen.add(len(rows))
    # The cases read different rows (not only empty answers): 10, 5, 3 and none at all.
    assert {0, 3, 5}.issubset(seen)


@pytest.mark.postgres  # compiled on PostgreSQL only; elsewhere the queryset runs as it is
def test_the_queryset_is_compiled_once_per_shape(world, settings):
    settings.PREPARED_QUERIES_VERIFY = False
    builds = []

    def build(**inputs):
        builds.append(inputs)
        return _referred(**inputs)

    prepared = PreparedQuery(build)
    now = timezone.now()
    prepared(jobcenter=world.jobcenter, caseworker=None, today=TODAY, now=now)
    assert len(builds) == 3  # three made-up compiles, each with its own made-up jobcenter
    assert len({b["jobcenter"].pk for b in builds}) == 3
    prepared(jobcenter=world.other_jobcenter, caseworker=None, today=TODAY + datetime.timedelta(days=1), now=now)
    assert len(builds) == 3
    # A caseworker changes the SQL's shape (one more condition): compiled once more, then reused.
    prepared(jobcenter=world.jobcenter, caseworker=world.caseworker, today=TODAY, now=now)
    prepared(jobcenter=world.jobcenter, caseworker=world.coordinator, today=TODAY, now=now)
    assert len(builds) == 6


@pytest.mark.postgres  # compiled on PostgreSQL only; elsewhere the queryset runs as it is
def test_verification_fails_when_the_prepared_parameters_are_wrong(world):
    _data(world)
    prepared = PreparedQuery(_referred)
    inputs = {"jobcenter": world.jobcenter, "caseworker": None, "today": TODAY, "now": timezone.now()}
    prepared(**inputs)
    ((shape, compiled),) = prepared._compiled.items()
    # What a wrong mapping would be: `today` taken as a constant, so another day reads the first day's rows.
    wrong = tuple(type(p)(constant=TODAY) if p.input == "today" and p.offset is None else p for p in compiled.params)
    prepared._compiled[shape] = type(compiled)(**{**compiled.__dict__, "params": wrong})
    with pytest.raises(AssertionError, match="prepared SQL differs"):
        prepared(**{**inputs, "today": TODAY + datetime.timedelta(days=3)})


def _first_of_month(*, jobcenter, today):
    return Citizen.objects.filter(jobcenter=jobcenter, referred_on__gte=today.replace(day=1)).values("id")


def _clock_inside(*, jobcenter):
    return Citizen.objects.filter(jobcenter=jobcenter, created_at__lte=timezone.now()).values("id")


def _shape_from_value(*, jobcenter, today):
    queryset = Citizen.objects.filter(jobcenter=jobcenter)
    if today.year > 1910:
        queryset = queryset.filter(referred_on__gte=today)
    return queryset.values("id")


@pytest.mark.postgres  # compiled on PostgreSQL only; elsewhere the queryset runs as it is
@pytest.mark.parametrize(
    ("build", "inputs", "message"),
    [
        (_first_of_month, {"today": TODAY}, "neither a constant nor an input plus a fixed offset"),
        (_clock_inside, {}, "neither a constant nor an input plus a fixed offset"),
        (_shape_from_value, {"today": TODAY}, "the SQL's text depends on an input's value"),
        (lambda *, jobcenter: Citizen.objects.filter(jobcenter=jobcenter), {}, "must return a .values"),
    ],
    ids=["a date not a fixed offset from the input", "the clock read inside", "SQL shaped by a value", "models"],
)
def test_what_cannot_be_prepared_is_refused(world, build, inputs, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        PreparedQuery(build)(jobcenter=world.jobcenter, **inputs)


@pytest.mark.postgres  # compiled on PostgreSQL only; elsewhere the queryset runs as it is
def test_a_naive_datetime_is_refused(world):
    with pytest.raises(ImproperlyConfigured, match="aware datetimes"):
        PreparedQuery(_referred)(jobcenter=world.jobcenter, caseworker=None, today=TODAY, now=datetime.datetime.now())


def test_the_tenant_scope_stays_a_guard(world):
    _data(world)
    prepared = PreparedQuery(_referred)
    inputs = {"caseworker": None, "today": TODAY, "now": timezone.now() + datetime.timedelta(hours=2)}
    with scope(jobcenter=world.jobcenter):
        assert prepared(jobcenter=world.jobcenter, **inputs)
        with pytest.raises(ScopeError):
            prepared(jobcenter=world.other_jobcenter, **inputs)
    with scope(), pytest.raises(ScopeError):  # no jobcenter in scope, as outside a request
        prepared(jobcenter=world.jobcenter, **inputs)


def test_a_read_across_jobcenters_is_refused_inside_a_scope(world):
    prepared = PreparedQuery(lambda *, user_id: Citizen.objects.filter(caseworker_id=user_id).values("id"), scope=None)
    with scopes_disabled():
        assert prepared(user_id=world.caseworker.pk) == []
    with scope(jobcenter=world.jobcenter), pytest.raises(ScopeError, match="scopes_disabled"):
        prepared(user_id=world.caseworker.pk)
