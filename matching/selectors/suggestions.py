"""Mentor suggestions for one citizen: every mentor scored from plain columns and bit masks in one
query, and only the contenders for the top places ranked and explained by the engine."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    F,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone

from citizens.models import (
    Citizen,
)
from corps.models import Competence, Employment, Language, Mentor
from corps.selectors import mentor_loads_query
from matching.engine.batch import MentorColumns, contenders, profile_of
from matching.engine.scoring import CitizenProfile, MentorProfile, PairScore, rank_mentors
from matching.models import (
    Offer,
    PostcodeLocation,
)
from matching.selectors._common import _fetch, _need_name, _pending_seats_query, _scored_mentors
from matching.selectors.profiles import (
    MENTOR_COLUMNS,
    SUGGESTIONS_SHOWN,
    citizen_profile,
    mentor_profiles,
    slots_of,
    weights_for,
)


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

    One query whatever the number of mentors (plus one for the two vocabularies): the mentor rows joined with
    their load, held seats and the two masks, each a grouped subquery. No per-mentor Python objects
    beyond the row tuples. With ``locations`` the centres of the mentors' postcodes come along (for the
    distance criterion)."""
    if len(citizen.needs) > 63 or len(citizen.languages) > 63:
        return None
    mentors = _scored_mentors(jobcenter=jobcenter, severe_only=severe_only, exclude_ids=exclude_ids, only_ids=only_ids)
    needs_ix = {name: i for i, name in enumerate(citizen.needs)}
    language_ix = {code: i for i, code in enumerate(citizen.languages)}
    # The two vocabularies (the jobcenter's competences by name, the languages by code) in one UNION ALL, without
    # their models' default ordering (SQLite allows no ORDER BY inside a compound statement).
    vocabulary = (
        Competence.objects.filter(jobcenter=jobcenter)
        .order_by()
        .annotate(part=Value(0), label=F("name"))
        .values_list("part", "id", "label")
        .union(
            Language.objects.order_by().annotate(part=Value(1), label=F("code")).values_list("part", "id", "label"),
            all=True,
        )
    )
    competence_bits: dict[int, int] = {}
    language_bits: dict[int, int] = {}
    for part, pk, label in vocabulary:
        if part == 0 and _need_name(label) in needs_ix:
            competence_bits[pk] = 1 << needs_ix[_need_name(label)]
        elif part == 1 and label in language_ix:
            language_bits[pk] = 1 << language_ix[label]
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
