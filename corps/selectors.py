"""Every read the corps pages need, scoped to a jobcenter, each page in a fixed number of queries."""

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from corps.models import (
    AGE_BANDS,
    DAY_PARTS,
    WEEKDAYS,
    Competence,
    Employment,
    Gender,
    HoursEntry,
    HoursStatus,
    Language,
    Mentor,
    MentorNote,
    MentorStatus,
    MentorStatusEvent,
    age_band_of,
)
from mentorship.expressions import InIds


def _load_agreements() -> QuerySet:
    """The agreements that make up mentors' load: the ONE place that defines "load".

    Load is the number of the citizens app's active mentor agreements naming the mentor."""
    agreement = apps.get_model("citizens", "MentorAgreement")
    return agreement.objects.filter(status="active")


def mentor_load_expression():
    """The number of active mentee relations of a mentor (see `_load_agreements`), as an annotation.

    A correlated subquery (not a JOIN + COUNT) so the list's other annotations and its LIMIT stay
    cheap: the database computes it only for the rows it returns, unless a filter or sort needs it.
    For thousands of mentors at once use `mentor_loads`."""
    active = (
        _load_agreements().filter(mentor=OuterRef("pk")).order_by().values("mentor").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(active, output_field=IntegerField()), 0)


def mentor_loads_query(mentors: QuerySet[Mentor]) -> QuerySet:
    """(mentor id, load) rows, named "mentor" and "n", for the queryset's mentors that have any load.

    One grouped query over the agreements, for reads of thousands of mentors (matching): the
    annotation of `mentor_load_expression` would run its subquery once per mentor."""
    return (
        _load_agreements()
        .filter(mentor__in=mentors.order_by().values("pk"))
        .order_by()
        .values("mentor")
        .annotate(n=Count("pk"))
        .values_list("mentor", "n")
    )


def mentor_loads(mentors: QuerySet[Mentor]) -> dict[int, int]:
    """{mentor id: load} for the queryset's mentors that have any load (a mentor not in it has 0)."""
    return dict(mentor_loads_query(mentors))


def with_load(queryset: QuerySet[Mentor]) -> QuerySet[Mentor]:
    return queryset.annotate(load=mentor_load_expression()).annotate(capacity_left=F("capacity") - F("load"))


def competences_for(*, jobcenter, active_only: bool = True) -> QuerySet[Competence]:
    queryset = Competence.objects.filter(jobcenter=jobcenter)
    return queryset.filter(is_active=True) if active_only else queryset


def languages_all() -> QuerySet[Language]:
    return Language.objects.all()


def mentors_for_list(*, jobcenter) -> QuerySet[Mentor]:
    """The coordinator's mentor list: load annotated, capacity left as an alias (compiled only when a
    filter or sort uses it). `mentor_list_rows` completes the rows of one page."""
    return (
        Mentor.objects.filter(jobcenter=jobcenter)
        .annotate(load=mentor_load_expression())
        .alias(capacity_left=F("capacity") - F("load"))
        # What the list shows; another field read on a row would cost a query per row.
        .only(
            "id",
            "jobcenter_id",
            "full_name",
            "postcode",
            "status",
            "paused_until",
            "capacity",
            "offers_section_85",
            "available_weekdays",
            "available_day_parts",
        )
    )


def mentor_list_rows(mentors: list[Mentor]) -> list[Mentor]:
    """Sets the texts the list shows on each mentor of a page (status label, competences,
    languages, days, capacity left): computed here once per page, they cost the template one lookup
    each. Two queries (names of competences and languages), whatever the page's length: plain value
    rows rather than prefetch_related, whose per-row managers cost more than the page's query."""
    ids = [mentor.pk for mentor in mentors]
    names: dict[tuple[str, int], list[str]] = {}
    for relation, target, through in (
        ("competences", "competence", Mentor.competences.through),
        ("languages", "language", Mentor.languages.through),
    ):
        rows = (
            through.objects.filter(mentor_id__in=ids)
            .order_by(f"{target}__position", f"{target}__name")
            .values_list("mentor_id", f"{target}__name")
        )
        for mentor_id, name in rows:
            names.setdefault((relation, mentor_id), []).append(name)
    weekdays = [(bit, str(label)) for bit, label in WEEKDAYS]
    day_parts = [(bit, str(label).lower()) for bit, label in DAY_PARTS]
    statuses = {value: str(label) for value, label in MentorStatus.choices}
    for mentor in mentors:
        # load is mentors_for_list's annotation, which a list[Mentor] does not carry.
        mentor.capacity_left = mentor.capacity - mentor.load  # type: ignore[attr-defined]
        mentor.status_label = statuses.get(mentor.status, mentor.status)
        mentor.competence_names = ", ".join(names.get(("competences", mentor.pk), ()))
        mentor.language_names = ", ".join(names.get(("languages", mentor.pk), ()))
        mentor.weekdays_text = ", ".join(label for bit, label in weekdays if mentor.available_weekdays & bit)
        mentor.day_parts_text = ", ".join(label for bit, label in day_parts if mentor.available_day_parts & bit)
    return mentors


def mentors_for_export(*, jobcenter) -> QuerySet[Mentor]:
    return with_load(Mentor.objects.filter(jobcenter=jobcenter)).prefetch_related("competences", "languages")


def mentor_detail(*, jobcenter, pk: int) -> Mentor:
    """One mentor of the jobcenter with everything the detail page shows; another jobcenter's is 404."""
    queryset = with_load(Mentor.objects.filter(jobcenter=jobcenter)).prefetch_related(
        "competences",
        "languages",
        "qualifications",
        Prefetch("notes", queryset=MentorNote.objects.select_related("author")),
        Prefetch("status_events", queryset=MentorStatusEvent.objects.select_related("actor")),
    )
    return get_object_or_404(queryset.select_related("jobcenter"), pk=pk)


def mentor_for_update(*, jobcenter, pk: int) -> Mentor:
    return get_object_or_404(
        Mentor.objects.filter(jobcenter=jobcenter).prefetch_related("competences", "languages"), pk=pk
    )


def mentor_hours_recent(*, mentor: Mentor, limit: int = 20) -> list[HoursEntry]:
    return list(HoursEntry.objects.filter(mentor=mentor).select_related("entered_by")[:limit])


# --- Hours and pay -------------------------------------------------------------------------------


def mentor_citizens(*, jobcenter, mentor_id: int | None) -> QuerySet:
    """The citizens a mentor may record hours with (corps.services.hours_record's rule): those with a mentor
    agreement with the mentor, of any status but a draft, by name. None when no mentor is given."""
    citizen = apps.get_model("citizens", "Citizen")
    if mentor_id is None:
        return citizen.objects.none()
    agreements = apps.get_model("citizens", "MentorAgreement").objects.filter(
        jobcenter=jobcenter, mentor_id=mentor_id, citizen=OuterRef("pk")
    )
    return (
        citizen.objects.filter(jobcenter=jobcenter)
        .filter(Exists(agreements.exclude(status="draft")))
        .only("id", "name")
        .order_by("name", "id")
    )


def hours_for_list(*, jobcenter) -> QuerySet[HoursEntry]:
    return HoursEntry.objects.filter(mentor__jobcenter=jobcenter).select_related("mentor", "entered_by", "decided_by")


def hours_week_totals(*, jobcenter, weeks: list[date]) -> dict[tuple[int, date], Decimal]:
    """Total hours per (mentor, week) for flagging weeks beyond the mentor's agreed weekly hours."""
    rows = (
        HoursEntry.objects.filter(mentor__jobcenter=jobcenter, week__in=weeks)
        .exclude(status=HoursStatus.REJECTED)
        .values("mentor_id", "week")
        .annotate(total=Sum("hours"))
    )
    return {(row["mentor_id"], row["week"]): row["total"] for row in rows}


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


@dataclass
class PayrollRow:
    mentor_id: int
    full_name: str
    email: str
    employment: str
    hours: Decimal
    amount: Decimal
    entries: int
    over_agreed: int

    @property
    def employment_label(self) -> str:
        """The employment in Danish ("Timeansat (mentorkorps)"), never the stored code ("hourly")."""
        return str(Employment(self.employment).label)


def payroll_for_month(*, jobcenter, year: int, month: int) -> list[PayrollRow]:
    """Approved hours per mentor for the weeks that begin in the month, and the amount (hours ×
    the rate frozen on each entry). One query."""
    first, last = month_bounds(year, month)
    amount = ExpressionWrapper(F("hours") * Coalesce(F("hourly_rate"), Decimal("0")), output_field=DecimalField())
    rows = (
        HoursEntry.objects.filter(
            mentor__jobcenter=jobcenter, status=HoursStatus.APPROVED, week__gte=first, week__lte=last
        )
        .values("mentor_id", "mentor__full_name", "mentor__email", "mentor__employment")
        .annotate(
            total_hours=Sum("hours"),
            total_amount=Sum(amount),
            entries=Count("id"),
            over=Count("id", filter=Q(agreed_hours__isnull=False, hours__gt=F("agreed_hours"))),
        )
        .order_by("mentor__full_name", "mentor_id")
    )
    return [
        PayrollRow(
            mentor_id=row["mentor_id"],
            full_name=row["mentor__full_name"],
            email=row["mentor__email"],
            employment=row["mentor__employment"],
            hours=row["total_hours"] or Decimal("0"),
            amount=(row["total_amount"] or Decimal("0")).quantize(Decimal("0.01")),
            entries=row["entries"],
            over_agreed=row["over"],
        )
        for row in rows
    ]


# --- Corps overview ------------------------------------------------------------------------------


@dataclass
class BreadthLine:
    label: str
    mentors: int
    waiting: int | None = None

    @property
    def gap(self) -> bool:
        return self.waiting is not None and self.waiting > self.mentors


@dataclass
class CorpsOverview:
    active_mentors: int
    status_counts: dict[str, int]
    competences: list[BreadthLine]
    languages: list[BreadthLine]
    genders: list[BreadthLine]
    age_bands: list[BreadthLine]
    needs_known: bool
    capacity_left: int
    waiting_citizens: int = 0
    warnings: list[tuple[str, str, int, int]] = field(default_factory=list)


@dataclass
class WaitingNeeds:
    """How many waiting citizens need each competence / language, and wish each mentor gender / age band."""

    total: int = 0
    competences: dict[int, int] = field(default_factory=dict)
    languages: dict[int, int] = field(default_factory=dict)
    genders: dict[str, int] = field(default_factory=dict)
    age_bands: dict[str, int] = field(default_factory=dict)
    known: bool = True


def waiting_citizens(*, jobcenter) -> QuerySet:
    """Citizens waiting for a mentor: referred (citizens.CitizenStatus.REFERRED: not yet in a course,
    which an active mentor agreement starts) and without an active mentor agreement of any kind."""
    citizen = apps.get_model("citizens", "Citizen")
    agreement = apps.get_model("citizens", "MentorAgreement")
    active = agreement.objects.filter(citizen=OuterRef("pk"), status="active")
    return citizen.objects.filter(jobcenter=jobcenter, status="referred").exclude(Exists(active))


def _grouped_counts(groupings: dict[str, tuple[QuerySet, str, str]]) -> dict[str, dict[int, int]]:
    """Several counts grouped by a column, in ONE query (UNION ALL): {name: (rows, column, counted)} gives
    {name: {column value: COUNT(counted)}}."""
    names = list(groupings)
    parts = [
        rows.values(column)
        .annotate(n=Count(counted))
        .order_by()
        .annotate(part=Value(i, output_field=IntegerField()))
        .values_list("part", column, "n")
        for i, (rows, column, counted) in enumerate(groupings.values())
    ]
    counts: dict[str, dict[int, int]] = {name: {} for name in names}
    for part, key, n in parts[0].union(*parts[1:], all=True):
        counts[names[part]][key] = n
    return counts


def waiting_needs_for_corps(*, jobcenter, wishes: bool = True) -> WaitingNeeds:
    """The needs of the jobcenter's waiting citizens, counted for the corps overview. Two queries, or
    one with `wishes=False` (no gender and age-band wishes, and no total: for the breadth tables only).

    Lives here rather than in citizens.selectors (the citizens app's owner's file): it reads the
    citizens models only, and corps is the one that asks."""
    citizen = apps.get_model("citizens", "Citizen")
    waiting = waiting_citizens(jobcenter=jobcenter)
    ids = waiting.values("pk")
    # COUNT, not COUNT(DISTINCT): a citizen has a competence or a language once (the through
    # table's unique pair), and the sort a DISTINCT needs was most of the query's time. InIds:
    # the waiting citizens' rows through the index, not a hash of every citizen's.
    counts = _grouped_counts(
        {
            relation: (
                citizen._meta.get_field(relation).remote_field.through.objects.filter(InIds("citizen_id", ids)),
                target,
                "citizen_id",
            )
            for relation, target in (("needs", "competence_id"), ("languages", "language_id"))
        }
    )
    needs = WaitingNeeds(competences=counts["needs"], languages=counts["languages"])
    if not wishes:
        return needs
    counted: Counter[tuple[str, str]] = Counter()
    for gender, band, n in waiting.values_list("wish_gender", "wish_age_band").annotate(n=Count("pk")).order_by():
        needs.total += n
        counted[("gender", gender)] += n
        counted[("band", band)] += n
    needs.genders = {key: n for (kind, key), n in counted.items() if kind == "gender" and key}
    needs.age_bands = {key: n for (kind, key), n in counted.items() if kind == "band" and key}
    return needs


def corps_breadth(*, jobcenter, needs: WaitingNeeds | None = None) -> tuple[list[BreadthLine], list[BreadthLine]]:
    """The active corps' competences and languages against the waiting citizens' needs: (competences,
    languages), each line a vocabulary item, its active mentors and its waiting citizens. Three queries
    (one more without `needs`). Competences in their order (position, name), languages too; a
    language is listed when an active mentor speaks it or a waiting citizen needs it."""
    needs = needs or waiting_needs_for_corps(jobcenter=jobcenter, wishes=False)
    # From the jobcenter's active mentors to their rows in the through table: counting from the
    # vocabulary side joined every mentor of the country.
    counts = _grouped_counts(
        {
            relation: (
                through.objects.filter(mentor__jobcenter=jobcenter, mentor__status=MentorStatus.ACTIVE),
                target,
                "pk",
            )
            for relation, target, through in (
                ("competences", "competence_id", Mentor.competences.through),
                ("languages", "language_id", Mentor.languages.through),
            )
        }
    )
    competence_rows = competences_for(jobcenter=jobcenter).order_by("position", "name").values_list("pk", "name")
    # Every language (a short national list), kept below when spoken or needed: one query whatever the data.
    language_rows = Language.objects.order_by("position", "name").values_list("pk", "name")

    def line(label, mentors_count, waiting):
        return BreadthLine(str(label), mentors_count, waiting if needs.known else None)

    competences = [
        line(name, counts["competences"].get(pk, 0), needs.competences.get(pk, 0)) for pk, name in competence_rows
    ]
    languages = [
        line(name, counts["languages"].get(pk, 0), needs.languages.get(pk, 0))
        for pk, name in language_rows
        if pk in counts["languages"] or pk in needs.languages
    ]
    return competences, languages


def corps_overview(*, jobcenter) -> CorpsOverview:
    """Breadth of the active corps against the needs of waiting citizens. A fixed number of queries."""
    needs = waiting_needs_for_corps(jobcenter=jobcenter)
    competences, languages = corps_breadth(jobcenter=jobcenter, needs=needs)
    mentors = Mentor.objects.filter(jobcenter=jobcenter)
    status_counts = dict(mentors.values_list("status").annotate(n=Count("id")).order_by())
    active_mentors = mentors.filter(status=MentorStatus.ACTIVE)
    gender_counts = dict(active_mentors.values_list("gender").annotate(n=Count("id")).order_by())
    years = active_mentors.values_list("birth_year").annotate(n=Count("id")).order_by()
    capacity_left = with_load(active_mentors).aggregate(
        left=Coalesce(Sum("capacity_left", filter=Q(capacity_left__gt=0)), 0)
    )["left"]

    today = timezone.localdate()
    band_counts: Counter = Counter()
    for year, n in years:
        band = age_band_of(year, today)
        band_counts[band[0] if band else ""] += n

    # (kind, label, active mentors, waiting citizens), the biggest shortfall first.
    warnings = sorted(
        [("competence", c.label, c.mentors, c.waiting or 0) for c in competences if c.gap]
        + [("language", lang.label, lang.mentors, lang.waiting or 0) for lang in languages if lang.gap],
        key=lambda warning: warning[2] - warning[3],
    )
    return CorpsOverview(
        active_mentors=status_counts.get(MentorStatus.ACTIVE, 0),
        status_counts={str(MentorStatus(key).label): status_counts.get(key, 0) for key in MentorStatus.values},
        competences=competences,
        languages=languages,
        genders=[
            BreadthLine(str(label), gender_counts.get(value, 0), needs.genders.get(value, 0) if value else None)
            for value, label in Gender.choices
        ],
        age_bands=[
            BreadthLine(str(label), band_counts.get(key, 0), needs.age_bands.get(key, 0))
            for key, label, _low, _high in AGE_BANDS
        ]
        + ([BreadthLine(str(Gender.UNSPECIFIED.label), band_counts[""])] if band_counts.get("") else []),
        needs_known=needs.known,
        waiting_citizens=needs.total,
        capacity_left=capacity_left,
        warnings=warnings,
    )
