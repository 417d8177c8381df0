"""Weights, the offer validity, and citizen and mentor profiles for the engine, loaded as plain rows."""

from __future__ import annotations

from functools import lru_cache

from django.db import connection
from django.db.models import (
    CharField,
    F,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from citizens.models import (
    Citizen,
)
from corps.models import AGE_BANDS, DAY_PARTS, WEEKDAYS, Competence, Employment, Language, Mentor
from corps.selectors import mentor_loads
from matching.engine.scoring import FULL_TIME, CitizenProfile, MentorProfile, Weights
from matching.models import (
    DEFAULT_MAX_DISTANCE_KM,
    DEFAULT_OFFER_VALID_DAYS,
    DEFAULT_WEIGHTS,
    MatchingPreferences,
    MatchingWeights,
    Offer,
    OfferStatus,
)
from matching.selectors._common import _fetch, _need_name, _pending_seats_query, _scored_mentors

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


def citizen_profile(*, citizen: Citizen, offers: list[Offer] | None = None) -> CitizenProfile:
    """The citizen as the engine sees it (2 queries: needs and languages in one, and the preferences with the
    preferred mentors, one row per preferred mentor, so the same count whether there are any or not; a
    third for the mentors who declined, unless the caller passes the citizen's `offers`, already read)."""
    # Needs (their names) and languages (their codes), each in its vocabulary's order, in one UNION ALL. The
    # parts drop their models' default ordering (SQLite allows no ORDER BY inside a compound statement).
    vocabulary = (
        citizen.needs.order_by()
        .annotate(part=Value(0), label=F("name"))
        .values_list("part", "position", "name", "label")
        .union(
            citizen.languages.order_by()
            .annotate(part=Value(1), label=F("code"))
            .values_list("part", "position", "name", "label"),
            all=True,
        )
        .order_by("part", "position", "name")
    )
    labels: tuple[list[str], list[str]] = ([], [])
    for part, _position, _name, label in vocabulary:
        labels[part].append(label)
    needs = tuple(_need_name(name) for name in labels[0])
    codes = labels[1]
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


def _pending_seats(*, jobcenter) -> dict[int, int]:
    return dict(_pending_seats_query(jobcenter=jobcenter))


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
