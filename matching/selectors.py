"""Every read matching needs, scoped to a jobcenter, each page in a fixed number of queries.

Suggestions for one citizen score every mentor from plain columns in one query (the mentor rows joined
with their load and bit masks of the citizen's needs and languages they cover), with numpy; only the
few contenders for the top places become engine profiles, to be ranked and explained exactly. So
10,000 mentors take well within the 200 ms budget (benchmarks/matching_db.py). Profiles of many mentors
(cohorts, batch assignment) load as plain rows, plus their load (one grouped query) and their
competence and language ids (one text per through table), joined in Python by mentor id: no subquery
per mentor and no model instances.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.shortcuts import get_object_or_404
from django.utils import timezone

from citizens.models import (
    AgreementStatus,
    Citizen,
    CitizenStatus,
    MentorAgreement,
    Placement,
    PlacementStatus,
    PlacementType,
)
from companies.models import CollaborationStatus, Company, CompanyMentor
from corps.models import AGE_BANDS, DAY_PARTS, WEEKDAYS, Competence, Employment, Language, Mentor, MentorStatus
from corps.selectors import mentor_loads, mentor_loads_query
from matching.engine.batch import MentorColumns, contenders, profile_of
from matching.engine.scoring import FULL_TIME, CitizenProfile, MentorProfile, PairScore, Weights, rank_mentors
from matching.models import (
    DEFAULT_MAX_DISTANCE_KM,
    DEFAULT_OFFER_VALID_DAYS,
    DEFAULT_WEIGHTS,
    Cohort,
    CohortCandidate,
    CohortCompany,
    MatchingPreferences,
    MatchingWeights,
    Offer,
    OfferStatus,
    PostcodeLocation,
)
from matching.placement import CompanyProfile, CompanyScore, rank_companies

SUGGESTIONS_SHOWN = 10
AGE_BOUNDS = {key: (low, None if high >= 200 else high) for key, _label, low, high in AGE_BANDS}


# --- Weights ---------------------------------------------------------------------------------------


def weights_for(*, jobcenter) -> Weights:
    """The jobcenter's weights as the engine takes them (the defaults if none are stored yet)."""
    row = MatchingWeights.objects.filter(jobcenter=jobcenter).first()
    values = {key: getattr(row, key) for key in DEFAULT_WEIGHTS} if row else dict(DEFAULT_WEIGHTS)
    return Weights(**values, max_distance_km=float(row.max_distance_km if row else DEFAULT_MAX_DISTANCE_KM))


def offer_valid_days(*, jobcenter) -> int:
    row = MatchingWeights.objects.filter(jobcenter=jobcenter).only("offer_valid_days").first()
    return row.offer_valid_days if row else DEFAULT_OFFER_VALID_DAYS


# --- Profiles for the engine -----------------------------------------------------------------------


@lru_cache(maxsize=2048)
def slots_of(weekdays: int, day_parts: int) -> frozenset[int]:
    """Availability bits as the engine's slots: one int per (weekday, day part) both have set."""
    return frozenset(
        d * 8 + p
        for d, (day_bit, _day) in enumerate(WEEKDAYS)
        if weekdays & day_bit
        for p, (part_bit, _part) in enumerate(DAY_PARTS)
        if day_parts & part_bit
    )


def _need_name(name: str) -> str:
    return name[:1].lower() + name[1:]


def citizen_profile(*, citizen: Citizen, offers: list[Offer] | None = None) -> CitizenProfile:
    """The citizen as the engine sees it (3 queries: needs, languages, and the preferences with the
    preferred mentors, one row per preferred mentor, so the same count whether there are any or not; a
    fourth for the mentors who declined, unless the caller passes the citizen's `offers`, already read)."""
    needs = tuple(
        _need_name(name) for name in citizen.needs.order_by("position", "name").values_list("name", flat=True)
    )
    codes = list(citizen.languages.order_by("position", "name").values_list("code", flat=True))
    if citizen.wish_language is not None:  # no query when unset
        wished = citizen.wish_language.code
        codes = [wished] + [code for code in codes if code != wished]
    rows = list(
        MatchingPreferences.objects.filter(citizen=citizen).values_list(
            "available_weekdays", "available_day_parts", "severe_needs", "preferred_mentors"
        )
    )
    preferences = rows[0] if rows else None
    if offers is None:
        declined = list(
            Offer.objects.filter(citizen=citizen, status=OfferStatus.DECLINED).values_list("mentor_id", flat=True)
        )
    else:
        declined = [offer.mentor_id for offer in offers if offer.status == OfferStatus.DECLINED]
    return CitizenProfile(
        id=str(citizen.pk),
        needs=needs,
        languages=tuple(codes),
        wished_gender=citizen.wish_gender or None,
        wished_age=AGE_BOUNDS.get(citizen.wish_age_band) if citizen.wish_age_band else None,
        availability=slots_of(preferences[0], preferences[1]) if preferences else frozenset(),
        severe_needs=bool(preferences and preferences[2]),
        preferred_mentors=frozenset(str(row[3]) for row in rows if row[3] is not None),
        declined_by=frozenset(str(pk) for pk in declined),
    )


def citizen_profiles(*, jobcenter, citizen_ids=None) -> list[CitizenProfile]:
    """Many citizens as engine profiles in six queries whatever their number (for cohorts and batch
    assignment): the citizens, their needs, languages, preferences, preferred mentors and declines."""
    citizens = Citizen.objects.filter(jobcenter=jobcenter).exclude(status="ended")
    if citizen_ids is not None:
        citizens = citizens.filter(pk__in=citizen_ids)
    rows = list(citizens.order_by("pk").values_list("id", "wish_gender", "wish_age_band", "wish_language__code"))
    scope = {"citizen__jobcenter": jobcenter}
    if citizen_ids is not None:
        scope["citizen__in"] = citizen_ids
    names = {
        pk: _need_name(name) for pk, name in Competence.objects.filter(jobcenter=jobcenter).values_list("id", "name")
    }
    needs: dict[int, list[str]] = {}
    for citizen_id, competence_id in (
        Citizen.needs.through.objects.filter(**scope).order_by("pk").values_list("citizen_id", "competence_id")
    ):
        needs.setdefault(citizen_id, []).append(names[competence_id])
    codes = language_codes()
    languages: dict[int, list[str]] = {}
    for citizen_id, language_id in (
        Citizen.languages.through.objects.filter(**scope).order_by("pk").values_list("citizen_id", "language_id")
    ):
        languages.setdefault(citizen_id, []).append(codes[language_id])
    preferences = {
        row[0]: row[1:]
        for row in MatchingPreferences.objects.filter(**scope).values_list(
            "citizen_id", "available_weekdays", "available_day_parts", "severe_needs"
        )
    }
    preferred: dict[int, set[str]] = {}
    for citizen_id, mentor_id in MatchingPreferences.preferred_mentors.through.objects.filter(
        **{f"matchingpreferences__{key}": value for key, value in scope.items()}
    ).values_list("matchingpreferences__citizen_id", "mentor_id"):
        preferred.setdefault(citizen_id, set()).add(str(mentor_id))
    declined: dict[int, set[str]] = {}
    for citizen_id, mentor_id in Offer.objects.filter(status=OfferStatus.DECLINED, **scope).values_list(
        "citizen_id", "mentor_id"
    ):
        declined.setdefault(citizen_id, set()).add(str(mentor_id))
    profiles = []
    for pk, gender, band, wished_language in rows:
        spoken = languages.get(pk, [])
        if wished_language:
            spoken = [wished_language] + [code for code in spoken if code != wished_language]
        weekdays, day_parts, severe = preferences.get(pk, (0, 0, False))
        profiles.append(
            CitizenProfile(
                id=str(pk),
                needs=tuple(needs.get(pk, ())),
                languages=tuple(spoken),
                wished_gender=gender or None,
                wished_age=AGE_BOUNDS.get(band) if band else None,
                availability=slots_of(weekdays, day_parts),
                severe_needs=severe,
                preferred_mentors=frozenset(preferred.get(pk, ())),
                declined_by=frozenset(declined.get(pk, ())),
            )
        )
    return profiles


def _pending_seats_query(*, jobcenter) -> QuerySet:
    """(mentor id, seats) rows, named "mentor_id" and "n": accepted offers hold a seat until the citizen's
    mentor agreement is active (then it counts as load)."""
    return (
        Offer.objects.filter(jobcenter=jobcenter, status=OfferStatus.ACCEPTED)
        .exclude(citizen__agreements__status=AgreementStatus.ACTIVE)
        .order_by()
        .values("mentor_id")
        .annotate(n=Count("id"))
        .values_list("mentor_id", "n")
    )


def _pending_seats(*, jobcenter) -> dict[int, int]:
    return dict(_pending_seats_query(jobcenter=jobcenter))


def _fetch(queryset: QuerySet, *columns: str) -> list[tuple]:
    """The queryset's rows as plain tuples from a cursor: Django's per-row handling of 10,000 rows
    costs more than the query. Only for columns the driver returns as they are (ints and texts)."""
    try:
        sql, params = queryset.values_list(*columns).query.sql_with_params()
    except EmptyResultSet:  # e.g. pk__in=[]: Django knows there is no row without asking
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _names_by_mentor(through, column: str, mentors: QuerySet, vocabulary: dict[int, str]) -> dict[int, frozenset]:
    """{mentor id: the vocabulary's names of the mentor's ids in a through table} for the queryset's
    mentors that have any; mentors with the same ids share one frozenset.

    On PostgreSQL one query answers with one text, "12:3,7;15:4" (the ids grouped per mentor), split
    here. Not a subquery per mentor (~5 µs each, 10,000 times), and not 30,000 result rows either:
    that many short-lived tuples made the process's garbage collector run full collections, which
    cost more than the query (a text is not tracked by the collector)."""
    pairs = through.objects.filter(mentor__in=mentors.values("pk")).order_by()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.aggregates import StringAgg

        grouped = pairs.values("mentor_id").annotate(ids=StringAgg(Cast(column, CharField()), ","))
        record = Concat(Cast("mentor_id", CharField()), Value(":"), "ids", output_field=CharField())
        text = grouped.aggregate(text=StringAgg(record, ";"))["text"]
        ids = dict(item.split(":") for item in text.split(";")) if text else {}
    else:
        listed: dict[str, list[str]] = {}
        for mentor_id, pk in pairs.values_list("mentor_id", column):
            listed.setdefault(str(mentor_id), []).append(str(pk))
        ids = {mentor_id: ",".join(pks) for mentor_id, pks in listed.items()}
    name_of = vocabulary.__getitem__
    shared: dict[str, frozenset[str]] = {}
    names = {}
    for mentor_id, pks in ids.items():
        named = shared.get(pks)
        if named is None:
            named = shared[pks] = frozenset(map(name_of, map(int, pks.split(","))))
        names[int(mentor_id)] = named
    return names


MENTOR_COLUMNS = (
    "id",
    "full_name",
    "gender",
    "birth_year",
    "available_weekdays",
    "available_day_parts",
    "capacity",
    "employment",
)


def _scored_mentors(*, jobcenter, severe_only: bool, exclude_ids, only_ids) -> QuerySet[Mentor]:
    """The active corps mentors a citizen may be scored against."""
    mentors = Mentor.objects.filter(jobcenter=jobcenter, status=MentorStatus.ACTIVE).order_by()
    if severe_only:
        mentors = mentors.filter(employment=Employment.FULL_TIME)
    if exclude_ids:
        mentors = mentors.exclude(pk__in=exclude_ids)
    if only_ids is not None:
        mentors = mentors.filter(pk__in=only_ids)
    return mentors


def mentor_profiles(
    *, jobcenter, severe_only: bool = False, exclude_ids=(), only_ids=None
) -> tuple[list[MentorProfile], dict]:
    """Every active corps mentor of the jobcenter as engine profiles, and {id: full name}.

    Seven queries whatever the number of mentors: the mentors' columns; their load (one grouped
    query) and their competence and language ids (see `_names_by_mentor`), joined here by mentor id;
    the two vocabularies; and the seats held by accepted offers. (A correlated subquery per mentor
    for each of load, competences and languages was most of the time at 10,000 mentors.)
    """
    mentors = _scored_mentors(jobcenter=jobcenter, severe_only=severe_only, exclude_ids=exclude_ids, only_ids=only_ids)
    rows = _fetch(mentors, *MENTOR_COLUMNS)
    loads = mentor_loads(mentors)
    competence_names = {
        pk: _need_name(name) for pk, name in Competence.objects.filter(jobcenter=jobcenter).values_list("id", "name")
    }
    competences = _names_by_mentor(Mentor.competences.through, "competence_id", mentors, competence_names)
    languages = _names_by_mentor(Mentor.languages.through, "language_id", mentors, language_codes())
    pending = _pending_seats(jobcenter=jobcenter)
    year = timezone.localdate().year
    nothing: frozenset[str] = frozenset()
    profiles = [
        MentorProfile(
            id=str(pk),
            competences=competences.get(pk, nothing),
            languages=languages.get(pk, nothing),
            gender=gender or None,
            age=year - birth_year if birth_year else None,
            availability=slots_of(weekdays, day_parts),
            capacity=capacity,
            active=loads.get(pk, 0) + pending.get(pk, 0),
            corps=FULL_TIME if employment == Employment.FULL_TIME else "part_time",
        )
        for pk, _name, gender, birth_year, weekdays, day_parts, capacity, employment in rows
    ]
    return profiles, {row[0]: row[1] for row in rows}


def language_codes() -> dict[int, str]:
    return dict(Language.objects.values_list("id", "code"))


@dataclass(frozen=True)
class Suggestion:
    mentor_id: int
    mentor_name: str
    score: float
    explanations: list[str]

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def citizen_location(*, citizen: Citizen, profile: CitizenProfile) -> CitizenProfile:
    """The profile with the centre of the citizen's postcode, when it is known (one query)."""
    located = PostcodeLocation.objects.filter(code=citizen.postcode).values_list("latitude", "longitude").first()
    return profile if located is None else replace(profile, location=located)


def with_locations(
    *, citizen: Citizen, profile: CitizenProfile, mentors: list[MentorProfile]
) -> tuple[CitizenProfile, list[MentorProfile]]:
    """The citizen's and the mentors' postcode centres, for the distance criterion (three queries). A
    postcode without a known centre stays without a location, and the criterion leaves that pair out.

    The mentors' postcodes and their centres come as two plain lists joined here (the jobcenter's
    mentors, then the centres of their postcodes), not as a subquery per mentor with every mentor's
    id as a parameter."""
    profile = citizen_location(citizen=citizen, profile=profile)
    wanted = {m.id for m in mentors}
    postcodes = {
        str(pk): postcode
        for pk, postcode in _fetch(Mentor.objects.filter(jobcenter=citizen.jobcenter_id).order_by(), "id", "postcode")
        if str(pk) in wanted
    }
    centres = {
        code: (lat, lon)
        for code, lat, lon in PostcodeLocation.objects.filter(code__in=set(postcodes.values())).values_list(
            "code", "latitude", "longitude"
        )
    }
    places = {pk: centres[postcode] for pk, postcode in postcodes.items() if postcode in centres}
    return profile, [replace(m, location=places[m.id]) if m.id in places else m for m in mentors]


def _bit_sum(column: str, bits: dict[int, int]) -> Cast:
    """SUM(CASE column WHEN id THEN bit ...): one row per (mentor, id) pair, so the sum is the bitwise or.
    Cast back to a bigint: PostgreSQL sums bigints as numerics."""
    cases = Case(*(When(**{column: pk}, then=Value(bit)) for pk, bit in bits.items()), default=Value(0))
    return Cast(Sum(cases, output_field=BigIntegerField()), BigIntegerField())


def _mask_query(through, column: str, mentors: QuerySet, bits: dict[int, int]) -> QuerySet:
    """(mentor id, mask) rows, named "mentor_id" and "mask", for the mentors with any of ``bits``' ids."""
    return (
        through.objects.filter(mentor__in=mentors.values("pk"), **{f"{column}__in": list(bits)})
        .order_by()
        .values("mentor_id")
        .annotate(mask=_bit_sum(column, bits))
        .values_list("mentor_id", "mask")
    )


# Availability slots are small ints (weekday * 8 + day part) and serve as their own bit positions.
SLOT_BITS = {slot: slot for slot in range(63)}


@lru_cache(maxsize=2048)
def _slot_mask(weekdays: int, day_parts: int) -> int:
    return sum(1 << slot for slot in slots_of(weekdays, day_parts))


def mentor_columns(
    *,
    jobcenter,
    citizen: CitizenProfile,
    severe_only: bool = False,
    exclude_ids=(),
    only_ids=None,
    locations: bool = False,
) -> MentorColumns | None:
    """The mentors ``mentor_profiles`` would load, as the columns the numpy scorer reads, for scoring
    ``citizen`` alone: the competence and language masks hold only the citizen's needs and languages,
    which is all a coverage count needs. None when the citizen has more than 63 of either.

    One query whatever the number of mentors (plus the two vocabularies): the mentor rows joined with
    their load, held seats and the two masks, each a grouped subquery. No per-mentor Python objects
    beyond the row tuples. With ``locations`` the centres of the mentors' postcodes come along (for the
    distance criterion)."""
    if len(citizen.needs) > 63 or len(citizen.languages) > 63:
        return None
    mentors = _scored_mentors(jobcenter=jobcenter, severe_only=severe_only, exclude_ids=exclude_ids, only_ids=only_ids)
    needs_ix = {name: i for i, name in enumerate(citizen.needs)}
    language_ix = {code: i for i, code in enumerate(citizen.languages)}
    competence_bits = {
        pk: 1 << needs_ix[_need_name(name)]
        for pk, name in Competence.objects.filter(jobcenter=jobcenter).values_list("id", "name")
        if _need_name(name) in needs_ix
    }
    language_bits = {pk: 1 << language_ix[code] for pk, code in language_codes().items() if code in language_ix}
    # alias: (grouped query, the name of its mentor id column)
    parts = {
        "a": (mentor_loads_query(mentors), "mentor"),
        "p": (_pending_seats_query(jobcenter=jobcenter), "mentor_id"),
    }
    if competence_bits:
        parts["c"] = (_mask_query(Mentor.competences.through, "competence_id", mentors, competence_bits), "mentor_id")
    if language_bits:
        parts["l"] = (_mask_query(Mentor.languages.through, "language_id", mentors, language_bits), "mentor_id")
    try:
        sql, params = mentors.values_list(*MENTOR_COLUMNS[:1], *MENTOR_COLUMNS[2:], "postcode").query.sql_with_params()
        joins = []
        for alias, (query, key) in parts.items():
            part_sql, part_params = query.query.sql_with_params()
            joins.append(f' LEFT JOIN ({part_sql}) {alias} ON {alias}."{key}" = m."id"')
            params += part_params
    except EmptyResultSet:  # e.g. only_ids=[]
        rows = []
    else:
        masks = ", ".join(f'COALESCE({alias}."mask", 0)' if alias in parts else "0" for alias in ("c", "l"))
        columns = 'm."id", m."gender", m."birth_year", m."available_weekdays", m."available_day_parts", m."capacity"'
        if locations:
            centres = connection.ops.quote_name(PostcodeLocation._meta.db_table)
            joins.append(f' LEFT JOIN {centres} z ON z."code" = m."postcode"')
            place = 'z."latitude", z."longitude"'
        else:
            place = "NULL, NULL"
        # Only compiled querysets (their values travel as parameters) and fixed names go into the text.
        load = 'COALESCE(a."n", 0) + COALESCE(p."n", 0)'
        statement = f'SELECT {columns}, m."employment", {masks}, {load}, {place} FROM ({sql}) m'  # noqa: S608
        statement += "".join(joins)
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            rows = cursor.fetchall()
    year = timezone.localdate().year
    ids, genders, birth_years, weekdays, day_parts, capacity, employment, competence, spoken, active, lat, lon = (
        zip(*rows, strict=True) if rows else ((),) * 12
    )
    return MentorColumns(
        ids=[str(pk) for pk in ids],
        competence=np.array(competence, dtype=np.int64),
        spoken=np.array(spoken, dtype=np.int64),
        slots=np.array(list(map(_slot_mask, weekdays, day_parts)), dtype=np.int64),
        capacity=np.array(capacity, dtype=np.float64),
        active=np.array(active, dtype=np.float64),
        full_time=np.array(employment, dtype=object) == Employment.FULL_TIME.value,
        gender=np.array([gender or "" for gender in genders], dtype=object),
        age=np.array([year - born if born else -1 for born in birth_years], dtype=np.int64),
        needs_ix=needs_ix,
        language_ix=language_ix,
        slot_ix=SLOT_BITS,
        latitude=np.array(lat, dtype=np.float64) if locations else None,  # None (no centre) becomes NaN
        longitude=np.array(lon, dtype=np.float64) if locations else None,
    )


def suggestions_for(
    *,
    citizen: Citizen,
    top: int | None = SUGGESTIONS_SHOWN,
    exclude_ids=(),
    only_ids=None,
    offers: list[Offer] | None = None,
) -> list[Suggestion]:
    """The best corps mentors for the citizen, best first, each with the reasons in Danish.

    With a ``top`` every mentor is scored from plain columns first (:func:`mentor_columns`), and only the
    contenders for the top places, the mentors within rounding of the ``top``-th best score, become engine
    profiles (from those columns), to be ranked and explained by the engine: the same answer as ranking
    every mentor's full profile, without building 10,000 of them. Without a ``top`` every mentor is loaded
    as a full profile. ``offers``: all the citizen's offers, when the caller has read them (one query less)."""
    profile = citizen_profile(citizen=citizen, offers=offers)
    excluded = [int(pk) for pk in profile.declined_by] + list(exclude_ids)
    weights = weights_for(jobcenter=citizen.jobcenter_id)
    narrowing = {
        "jobcenter": citizen.jobcenter_id,
        "severe_only": profile.severe_needs,
        "exclude_ids": excluded,
        "only_ids": only_ids,
    }
    columns = None
    if top is not None:
        located = citizen_location(citizen=citizen, profile=profile) if weights.distance else profile
        columns = mentor_columns(citizen=located, locations=bool(weights.distance), **narrowing)
    if columns is not None and top is not None:  # columns are read only for a top
        profile = located
        profiles = [profile_of(columns, row) for row in contenders(located, columns, weights, top=top)]
        names = dict(Mentor.objects.filter(pk__in=[int(m.id) for m in profiles]).values_list("pk", "full_name"))
    else:
        profiles, names = mentor_profiles(**narrowing)
        if weights.distance:
            profile, profiles = with_locations(citizen=citizen, profile=profile, mentors=profiles)
    ranked: list[PairScore] = rank_mentors(profile, profiles, weights, top=top)
    return [
        Suggestion(int(pair.mentor_id), names[int(pair.mentor_id)], pair.score, pair.explanations) for pair in ranked
    ]


# --- Offers ----------------------------------------------------------------------------------------


def offers_for_citizen(*, citizen: Citizen) -> list[Offer]:
    return list(
        Offer.objects.filter(jobcenter=citizen.jobcenter_id, citizen=citizen)
        .select_related("mentor", "offered_by", "closed_by")
        .order_by("-offered_at", "-id")
    )


def agreement_since_offer() -> Exists:
    """For an offer in the outer query: a mentor agreement with its citizen and mentor made since it was sent."""
    return Exists(
        MentorAgreement.objects.filter(
            citizen=OuterRef("citizen"), mentor=OuterRef("mentor"), created_at__gte=OuterRef("offered_at")
        )
    )


def offers_awaiting_agreement(*, jobcenter) -> QuerySet[Offer]:
    """Accepted offers for a referred citizen with no mentor agreement made since: the mentor has said yes, and
    the agreement (filled in from the offer) is the next step. Oldest answer first."""
    return (
        Offer.objects.filter(jobcenter=jobcenter, status=OfferStatus.ACCEPTED, citizen__status=CitizenStatus.REFERRED)
        .exclude(agreement_since_offer())
        .order_by("answered_at", "id")
    )


def offer_for_agreement(*, citizen: Citizen, pk: int | None = None) -> Offer | None:
    """The citizen's accepted offer (the one named by `pk`, if given) that has no agreement yet, with its mentor;
    None when there is none (an unknown id, another citizen's offer or one already used)."""
    queryset = offers_awaiting_agreement(jobcenter=citizen.jobcenter_id).filter(citizen=citizen)
    if pk is not None:
        queryset = queryset.filter(pk=pk)
    return queryset.select_related("mentor").first()


def offers_list(*, jobcenter, status: str = "") -> QuerySet[Offer]:
    """Offers, newest first; `awaits_agreement` marks an accepted offer with no mentor agreement made since."""
    queryset = (
        Offer.objects.filter(jobcenter=jobcenter)
        .select_related("citizen", "mentor", "offered_by")
        .annotate(
            awaits_agreement=Q(status=OfferStatus.ACCEPTED, citizen__status=CitizenStatus.REFERRED)
            & ~agreement_since_offer()
        )
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-offered_at", "-id")


def offer_get(*, jobcenter, pk: int) -> Offer:
    return get_object_or_404(Offer.objects.filter(jobcenter=jobcenter).select_related("citizen", "mentor"), pk=pk)


def waiting_days(*, citizen: Citizen, offers: list[Offer] | None = None) -> tuple[int, bool]:
    """Days from referral to the accepted offer (True), or until today while still waiting (False)."""
    offers = offers if offers is not None else offers_for_citizen(citizen=citizen)
    accepted = next((offer for offer in offers if offer.status == OfferStatus.ACCEPTED), None)
    if accepted is not None:
        return (timezone.localdate(accepted.answered_at) - citizen.referred_on).days, True
    return (timezone.localdate() - citizen.referred_on).days, False


def preferences_for(*, citizen: Citizen) -> MatchingPreferences | None:
    return MatchingPreferences.objects.filter(citizen=citizen).prefetch_related("preferred_mentors").first()


# --- Placements: companies and company mentors -------------------------------------------------------


def _company_profiles(*, jobcenter, placement_type_id: int | None) -> tuple[list[CompanyProfile], dict]:
    taken = (
        Placement.objects.filter(company=OuterRef("pk"), status__in=[PlacementStatus.ACTIVE, PlacementStatus.PROPOSED])
        .order_by()
        .values("company")
        .annotate(n=Count("pk"))
        .values("n")
    )
    companies = list(
        Company.objects.filter(
            jobcenter=jobcenter, status__in=[CollaborationStatus.ACTIVE, CollaborationStatus.INTERESTED]
        )
        .annotate(taken=Coalesce(Subquery(taken, output_field=IntegerField()), Value(0)))
        .annotate(free=F("capacity") - F("taken"))
        .only("id", "name", "capacity", "city")
        .prefetch_related(
            Prefetch("placement_types", queryset=PlacementType.objects.only("id", "name")),
            Prefetch(
                "mentors",
                queryset=CompanyMentor.objects.filter(is_active=True)
                .only("id", "company_id", "full_name", "years_in_company", "course_completed_on", "experience")
                .prefetch_related(Prefetch("competences", queryset=Competence.objects.only("id", "name"))),
            ),
        )
    )
    profiles = [
        CompanyProfile(
            id=str(company.pk),
            free=company.free,
            offers_type=placement_type_id is None
            or any(kind.pk == placement_type_id for kind in company.placement_types.all()),
            mentors=tuple(
                (
                    str(mentor.pk),
                    mentor.full_name,
                    frozenset(_need_name(c.name) for c in mentor.competences.all()),
                    mentor.years_in_company or 0,
                    mentor.course_completed_on is not None,
                )
                for mentor in company.mentors.all()
            ),
        )
        for company in companies
    ]
    return profiles, {company.pk: company for company in companies}


@dataclass(frozen=True)
class PlacementSuggestion:
    company: Company
    score: CompanyScore

    @property
    def percent(self) -> int:
        return round(self.score.score * 100)


def placement_suggestions(*, citizen: Citizen, placement_type_id: int | None = None, top: int = 10) -> list:
    needs = tuple(_need_name(n) for n in citizen.needs.values_list("name", flat=True))
    profiles, companies = _company_profiles(jobcenter=citizen.jobcenter_id, placement_type_id=placement_type_id)
    ranked = rank_companies(needs, profiles, top=top)
    return [PlacementSuggestion(companies[int(item.company_id)], item) for item in ranked]


# --- Cohorts ---------------------------------------------------------------------------------------


def cohorts_list(*, jobcenter) -> QuerySet[Cohort]:
    return (
        Cohort.objects.filter(jobcenter=jobcenter)
        .select_related("placement_type")
        .annotate(
            candidate_count=Count("candidates", distinct=True),
            company_count=Count("companies", distinct=True),
        )
        .order_by("-created_at", "-id")
    )


def cohort_get(*, jobcenter, pk: int, for_update: bool = False) -> Cohort:
    queryset = Cohort.objects.filter(jobcenter=jobcenter)
    if for_update:
        queryset = queryset.select_for_update()
    return get_object_or_404(queryset, pk=pk)


@dataclass
class CohortView:
    cohort: Cohort
    companies: list[CohortCompany]
    candidates: list[CohortCandidate]
    groups: list[tuple[CohortCompany, list[CohortCandidate]]] = field(default_factory=list)
    unassigned: list[CohortCandidate] = field(default_factory=list)


def cohort_detail(*, jobcenter, pk: int) -> CohortView:
    cohort: Cohort = get_object_or_404(
        Cohort.objects.filter(jobcenter=jobcenter).select_related("placement_type", "responsible", "created_by"), pk=pk
    )
    companies = list(cohort.companies.select_related("company").order_by("company__name", "id"))
    candidates = list(
        cohort.candidates.select_related("citizen", "assigned__company", "placement").order_by("citizen__name", "id")
    )
    by_company: dict[int, list[CohortCandidate]] = {company.pk: [] for company in companies}
    unassigned = []
    for candidate in candidates:
        if candidate.assigned_id is None:
            unassigned.append(candidate)
        else:
            by_company[candidate.assigned_id].append(candidate)
    groups = [(company, by_company[company.pk]) for company in companies]
    return CohortView(cohort, companies, candidates, groups, unassigned)


def cohort_candidate_choices(*, jobcenter) -> QuerySet[Citizen]:
    """Citizens who may be put in a cohort: not ended, without an active or proposed placement."""
    busy = Placement.objects.filter(
        citizen=OuterRef("pk"), status__in=[PlacementStatus.ACTIVE, PlacementStatus.PROPOSED]
    )
    return (
        Citizen.objects.filter(jobcenter=jobcenter)
        .exclude(status="ended")
        .exclude(Q(pk__in=Subquery(busy.values("citizen"))))
        .only("id", "name", "jobcenter_id")
        .order_by("name", "id")
    )


def today() -> datetime.date:
    return timezone.localdate()
