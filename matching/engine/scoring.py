"""Citizen–mentor scores in [0, 1], explained criterion by criterion in Danish. Pure Python.

The Django layer maps its models to :class:`CitizenProfile` and :class:`MentorProfile` and the
jobcenter's weights to :class:`Weights`. Each weight is 0-10: 0 leaves the criterion out, 1-9 weigh
it, 10 makes it a must-have (a pair that fails it is excluded). The score is the weighted mean of
the criteria that apply (a citizen with no wishes is not scored on wishes).

Hard rules always apply, whatever the weights: no mentor without a free seat, no mentor who has
declined this citizen before, and severe needs only to the full-time corps.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter

MUST_HAVE = 10
FULL_TIME = "full_time"
# A mentor with this many free seats or more counts as fully "available" on capacity left.
FREE_SEATS_FOR_FULL_MARKS = 3

LANGUAGE_NAMES = {
    "da": "dansk",
    "en": "engelsk",
    "de": "tysk",
    "ar": "arabisk",
    "fa": "persisk",
    "prs": "dari",
    "ps": "pashto",
    "so": "somali",
    "ti": "tigrinya",
    "tr": "tyrkisk",
    "ku": "kurdisk",
    "ur": "urdu",
    "pl": "polsk",
    "ro": "rumænsk",
    "uk": "ukrainsk",
    "ru": "russisk",
    "bs": "bosnisk",
    "sq": "albansk",
    "vi": "vietnamesisk",
    "th": "thai",
    "es": "spansk",
    "fr": "fransk",
}
GENDER_WISHES = {"female": "kvindelig", "male": "mandlig"}


@dataclass(frozen=True, slots=True)
class CitizenProfile:
    id: str
    needs: tuple[str, ...] = ()  # Danish names of the needs, e.g. "økonomi"
    languages: tuple[str, ...] = ()  # ISO 639 codes, the preferred one first
    wished_gender: str | None = None  # "female" | "male"
    wished_age: tuple[int | None, int | None] | None = None  # mentor's age band, ends inclusive
    # Slots: weekday * 8 + day part from matching.selectors.slots_of; any hashable works, e.g. "man-fm".
    availability: frozenset[int | str] = frozenset()
    location: tuple[float, float] | None = None  # (latitude, longitude) of the postcode
    severe_needs: bool = False  # severe psychiatric diagnosis or heavy substance abuse
    preferred_mentors: frozenset[str] = frozenset()  # the caseworker's preference (mentor ids)
    declined_by: frozenset[str] = frozenset()  # mentors who declined this citizen


@dataclass(frozen=True, slots=True)
class MentorProfile:
    id: str
    competences: frozenset[str] = frozenset()  # Danish names, same vocabulary as the needs
    languages: frozenset[str] = frozenset()
    gender: str | None = None
    age: int | None = None
    availability: frozenset[int | str] = frozenset()
    location: tuple[float, float] | None = None
    capacity: int = 1
    active: int = 0  # citizens the mentor has now
    corps: str = "part_time"  # FULL_TIME or anything else


@dataclass(frozen=True, slots=True)
class Weights:
    needs: int = 8
    language: int = 6
    wishes: int = 5
    availability: int = 5
    distance: int = 0  # optional: 0 leaves postcode distance out
    capacity_left: int = 3
    load_balance: int = 3
    caseworker: int = 4
    max_distance_km: float = 30.0

    def __post_init__(self) -> None:
        names = ("needs", "language", "wishes", "availability", "distance", "capacity_left", "load_balance")
        for name in (*names, "caseworker"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MUST_HAVE:
                raise ValueError(f"weight {name} must be a whole number from 0 to 10, got {value!r}")
        if not self.max_distance_km > 0:
            raise ValueError("max_distance_km must be above 0")


@dataclass(frozen=True, slots=True)
class Criterion:
    key: str
    weight: int
    value: float  # 0..1
    passed: bool  # what "must-have" demands
    text: str  # Danish explanation


@dataclass(frozen=True, slots=True)
class PairScore:
    citizen_id: str
    mentor_id: str
    eligible: bool
    score: float  # 0..1; 0 when not eligible
    criteria: tuple[Criterion, ...] = ()
    excluded_because: tuple[str, ...] = field(default=())

    @property
    def explanations(self) -> list[str]:
        """Why, criterion by criterion (or why not), in Danish."""
        if not self.eligible:
            return list(self.excluded_because)
        return [criterion.text for criterion in self.criteria]


def _join(names: Iterable[str]) -> str:
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def _language(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine), good enough between postcode centres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def hard_rule_failures(citizen: CitizenProfile, mentor: MentorProfile) -> list[str]:
    """The hard rules this pair breaks, in Danish (empty when the pair is allowed)."""
    failures = []
    if mentor.capacity - mentor.active <= 0:
        failures.append("ingen ledige pladser")
    if mentor.id in citizen.declined_by:
        failures.append("har tidligere takket nej til borgeren")
    if citizen.severe_needs and mentor.corps != FULL_TIME:
        failures.append("borgerens behov kræver en mentor fra fuldtidskorpset")
    return failures


def _needs(citizen: CitizenProfile, mentor: MentorProfile, weight: int) -> Criterion | None:
    if not citizen.needs:
        return None
    covered = [need for need in citizen.needs if need in mentor.competences]
    missing = [need for need in citizen.needs if need not in mentor.competences]
    total = len(citizen.needs)
    text = f"dækker {len(covered)} af {total} behov"
    if covered:
        text += ": " + ", ".join(covered)
    if missing:
        text += " (mangler: " + ", ".join(missing) + ")"
    return Criterion("needs", weight, len(covered) / total, not missing, text)


def _language_criterion(citizen: CitizenProfile, mentor: MentorProfile, weight: int) -> Criterion | None:
    if not citizen.languages:
        return None
    shared = [code for code in citizen.languages if code in mentor.languages]
    if not shared:
        return Criterion("language", weight, 0.0, False, "intet fælles sprog")
    # The citizen's preferred language counts fully, another shared language half.
    value = 1.0 if shared[0] == citizen.languages[0] else 0.5
    # Name a language other than Danish when there is one: that is what makes the match.
    named = next((code for code in shared if code != "da"), shared[0])
    return Criterion("language", weight, value, True, f"taler {_language(named)}")


def _wishes(citizen: CitizenProfile, mentor: MentorProfile, weight: int) -> Criterion | None:
    met, unmet = [], []
    if citizen.wished_gender:
        label = f"{GENDER_WISHES.get(citizen.wished_gender, citizen.wished_gender)} mentor"
        (met if mentor.gender == citizen.wished_gender else unmet).append(label)
    if citizen.wished_age and citizen.wished_age != (None, None):
        low, high = citizen.wished_age
        if low is not None and high is not None:
            label = f"mentor på {low}-{high} år"
        elif low is not None:
            label = f"mentor på mindst {low} år"
        else:
            label = f"mentor på højst {high} år"
        inside = mentor.age is not None and (low is None or mentor.age >= low) and (high is None or mentor.age <= high)
        (met if inside else unmet).append(label)
    if not met and not unmet:
        return None
    parts = []
    if met:
        parts.append("ønske om " + _join(met) + " opfyldt")
    if unmet:
        parts.append("ønske om " + _join(unmet) + " ikke opfyldt")
    return Criterion("wishes", weight, len(met) / (len(met) + len(unmet)), not unmet, "; ".join(parts))


def _availability(citizen: CitizenProfile, mentor: MentorProfile, weight: int) -> Criterion | None:
    if not citizen.availability:
        return None
    shared = len(citizen.availability & mentor.availability)
    total = len(citizen.availability)
    return Criterion(
        "availability", weight, shared / total, shared > 0, f"fælles tid i {shared} af {total} ønskede tidsrum"
    )


def _distance(citizen: CitizenProfile, mentor: MentorProfile, weight: int, max_km: float) -> Criterion | None:
    if citizen.location is None or mentor.location is None:
        return None
    km = _distance_km(citizen.location, mentor.location)
    value = max(0.0, 1.0 - km / max_km)
    return Criterion("distance", weight, value, km <= max_km, f"{round(km)} km væk")


def _capacity_left(mentor: MentorProfile, weight: int) -> Criterion:
    free = mentor.capacity - mentor.active
    text = "1 ledig plads" if free == 1 else f"{free} ledige pladser"
    return Criterion(
        "capacity_left", weight, min(free, FREE_SEATS_FOR_FULL_MARKS) / FREE_SEATS_FOR_FULL_MARKS, True, text
    )


def _load_balance(mentor: MentorProfile, weight: int) -> Criterion:
    load = mentor.active / mentor.capacity
    text = f"har {mentor.active} af {mentor.capacity} borgere ({round(load * 100)} %)"
    return Criterion("load_balance", weight, 1.0 - load, True, text)


def _caseworker(citizen: CitizenProfile, mentor: MentorProfile, weight: int) -> Criterion | None:
    if not citizen.preferred_mentors:
        return None
    if mentor.id in citizen.preferred_mentors:
        return Criterion("caseworker", weight, 1.0, True, "sagsbehandleren foretrækker denne mentor")
    return Criterion("caseworker", weight, 0.0, False, "ikke sagsbehandlerens foretrukne mentor")


def score_pair(citizen: CitizenProfile, mentor: MentorProfile, weights: Weights) -> PairScore:
    """The pair's score and its explanation; a pair breaking a hard rule or a must-have is excluded."""
    failures = hard_rule_failures(citizen, mentor)
    if failures:
        return PairScore(citizen.id, mentor.id, eligible=False, score=0.0, excluded_because=tuple(failures))
    candidates = (
        _needs(citizen, mentor, weights.needs) if weights.needs else None,
        _language_criterion(citizen, mentor, weights.language) if weights.language else None,
        _wishes(citizen, mentor, weights.wishes) if weights.wishes else None,
        _availability(citizen, mentor, weights.availability) if weights.availability else None,
        _distance(citizen, mentor, weights.distance, weights.max_distance_km) if weights.distance else None,
        _capacity_left(mentor, weights.capacity_left) if weights.capacity_left else None,
        _load_balance(mentor, weights.load_balance) if weights.load_balance else None,
        _caseworker(citizen, mentor, weights.caseworker) if weights.caseworker else None,
    )
    criteria = tuple(criterion for criterion in candidates if criterion is not None)
    must_fail = tuple(
        f"krav ikke opfyldt: {criterion.text}"
        for criterion in criteria
        if criterion.weight == MUST_HAVE and not criterion.passed
    )
    if must_fail:
        return PairScore(citizen.id, mentor.id, False, 0.0, criteria, must_fail)
    total_weight = sum(criterion.weight for criterion in criteria)
    if total_weight == 0:
        score = 1.0  # nothing to tell the mentors apart by
    else:
        score = sum(criterion.weight * criterion.value for criterion in criteria) / total_weight
    return PairScore(citizen.id, mentor.id, True, min(1.0, max(0.0, score)), criteria)


def pair_scorer(citizen: CitizenProfile, weights: Weights) -> Callable[[MentorProfile], float | None]:
    """A fast scorer for one citizen: mentor -> score, or None when the pair is excluded.

    The same numbers as :func:`score_pair` (the same criteria, added in the same order, so the floats
    are identical) without building any explanation: ranking thousands of mentors builds text only
    for the few shown. Everything that depends on the citizen alone is worked out once, here.
    """
    needs = citizen.needs
    need_count = len(needs)
    w_needs = weights.needs if need_count else 0
    languages = citizen.languages
    first_language = languages[0] if languages else None
    w_language = weights.language if languages else 0
    wished_gender = citizen.wished_gender or None
    wished_age = citizen.wished_age if citizen.wished_age and citizen.wished_age != (None, None) else None
    low, high = wished_age if wished_age else (None, None)
    wish_count = (1 if wished_gender else 0) + (1 if wished_age else 0)
    w_wishes = weights.wishes if wish_count else 0
    availability = citizen.availability
    slot_count = len(availability)
    w_availability = weights.availability if slot_count else 0
    location = citizen.location
    w_distance = weights.distance if location is not None else 0
    max_km = weights.max_distance_km
    w_capacity = weights.capacity_left
    w_load = weights.load_balance
    preferred = citizen.preferred_mentors
    w_caseworker = weights.caseworker if preferred else 0
    declined = citizen.declined_by
    severe = citizen.severe_needs

    def score(mentor: MentorProfile) -> float | None:
        free = mentor.capacity - mentor.active
        if free <= 0 or (declined and mentor.id in declined) or (severe and mentor.corps != FULL_TIME):
            return None
        weighted = 0.0
        total = 0
        if w_needs:
            competences = mentor.competences
            covered = sum(1 for need in needs if need in competences)
            if w_needs == MUST_HAVE and covered != need_count:
                return None
            weighted += w_needs * (covered / need_count)
            total += w_needs
        if w_language:
            spoken = mentor.languages
            if first_language in spoken:
                value = 1.0
            elif any(code in spoken for code in languages):
                value = 0.5
            else:
                if w_language == MUST_HAVE:
                    return None
                value = 0.0
            weighted += w_language * value
            total += w_language
        if w_wishes:
            met = 0
            if wished_gender and mentor.gender == wished_gender:
                met += 1
            if wished_age:
                age = mentor.age
                if age is not None and (low is None or age >= low) and (high is None or age <= high):
                    met += 1
            if w_wishes == MUST_HAVE and met != wish_count:
                return None
            weighted += w_wishes * (met / wish_count)
            total += w_wishes
        if w_availability:
            shared = len(availability & mentor.availability)
            if w_availability == MUST_HAVE and not shared:
                return None
            weighted += w_availability * (shared / slot_count)
            total += w_availability
        if w_distance and mentor.location is not None:
            km = _distance_km(location, mentor.location)
            if w_distance == MUST_HAVE and km > max_km:
                return None
            weighted += w_distance * max(0.0, 1.0 - km / max_km)
            total += w_distance
        if w_capacity:
            weighted += w_capacity * (min(free, FREE_SEATS_FOR_FULL_MARKS) / FREE_SEATS_FOR_FULL_MARKS)
            total += w_capacity
        if w_load:
            weighted += w_load * (1.0 - mentor.active / mentor.capacity)
            total += w_load
        if w_caseworker:
            if mentor.id in preferred:
                weighted += w_caseworker * 1.0
            elif w_caseworker == MUST_HAVE:
                return None
            else:
                weighted += w_caseworker * 0.0
            total += w_caseworker
        if total == 0:
            return 1.0
        return min(1.0, max(0.0, weighted / total))

    return score


def rank_mentors(
    citizen: CitizenProfile, mentors: Iterable[MentorProfile], weights: Weights, *, top: int | None = 10
) -> list[PairScore]:
    """The eligible mentors for one citizen, best first (ties by mentor id, so stable).

    Every mentor gets a bare score; only the ``top`` best are explained (see :func:`pair_scorer`).
    """
    score = pair_scorer(citizen, weights)
    scored = [(-value, mentor.id, mentor) for mentor in mentors if (value := score(mentor)) is not None]
    if top is None:
        scored.sort(key=itemgetter(0, 1))
        best = scored
    else:
        best = heapq.nsmallest(top, scored, key=itemgetter(0, 1))
    return [score_pair(citizen, mentor, weights) for _, _, mentor in best]


def score_table(
    citizens: Iterable[CitizenProfile], mentors: list[MentorProfile], weights: Weights
) -> list[tuple[str, str, float]]:
    """Every eligible (citizen id, mentor id, score), the ``scores`` of a solver Problem."""
    table = []
    for citizen in citizens:
        score = pair_scorer(citizen, weights)
        cid = citizen.id
        for mentor in mentors:
            value = score(mentor)
            if value is not None:
                table.append((cid, mentor.id, value))
    return table
