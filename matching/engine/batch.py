"""Many citizens × many mentors at once: the same bare scores as :func:`scoring.pair_scorer`, computed
with numpy on bit sets, for the solver's score table (5,000 × 2,000 pairs in well under a second,
where a Python loop over 10 million pairs would take half a minute), and for narrowing one citizen's
suggestions among thousands of mentors to the few that can be among the best (:func:`contenders`).

Sets become bit masks over a vocabulary (needs/competences, languages, slots), so a coverage count is
``bitwise_count(needs & competences)``; the mentors are :class:`MentorColumns`. Vocabularies of more
than 63 items fall back to the pure-Python scorer. Explanations are not built here: explain the pairs
you show with :func:`scoring.score_pair`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .scoring import (
    FREE_SEATS_FOR_FULL_MARKS,
    FULL_TIME,
    MUST_HAVE,
    CitizenProfile,
    MentorProfile,
    Weights,
    pair_scorer,
)

_MAX_BITS = 63
_CHUNK = 256


def _masks(sets: Sequence, index: dict[str, int]) -> np.ndarray:
    out = np.zeros(len(sets), dtype=np.int64)
    for row, items in enumerate(sets):
        value = 0
        for item in items:
            value |= 1 << index[item]
        out[row] = value
    return out


def _index(*groups) -> dict | None:
    vocabulary: dict = {}
    for group in groups:
        for items in group:
            for item in items:
                if item not in vocabulary:
                    vocabulary[item] = len(vocabulary)
    return vocabulary if len(vocabulary) <= _MAX_BITS else None


def _python_table(citizens, mentors, weights, top_k):
    table = []
    for citizen in citizens:
        score = pair_scorer(citizen, weights)
        rows = [(citizen.id, mentor.id, value) for mentor in mentors if (value := score(mentor)) is not None]
        if top_k is not None and len(rows) > top_k:
            rows.sort(key=lambda row: (-row[2], row[1]))
            rows = rows[:top_k]
        table.extend(rows)
    return table


@dataclass(frozen=True, slots=True)
class MentorColumns:
    """Mentors as numpy columns: what the scorers read of a :class:`MentorProfile`, with each set as a bit
    mask over a vocabulary of at most 63 items (``needs_ix``: need/competence names, ``language_ix``:
    language codes, ``slot_ix``: availability slots). Built from profiles (:meth:`of_profiles`) or
    straight from database rows by the caller, in which case a vocabulary may hold only the items the
    citizens being scored have: coverage counts need no more."""

    ids: list[str]
    competence: np.ndarray  # int64 masks over needs_ix
    spoken: np.ndarray  # int64 masks over language_ix
    slots: np.ndarray  # int64 masks over slot_ix
    capacity: np.ndarray  # float64
    active: np.ndarray  # float64
    full_time: np.ndarray  # bool
    gender: np.ndarray  # object: "female", "male" or ""
    age: np.ndarray  # int64, -1 when unknown
    needs_ix: dict
    language_ix: dict
    slot_ix: dict
    # Postcode centres in degrees, NaN where unknown; None: the distance criterion is not scored.
    latitude: np.ndarray | None = None
    longitude: np.ndarray | None = None

    @classmethod
    def of_profiles(cls, mentors: Sequence[MentorProfile], needs_ix: dict, language_ix: dict, slot_ix: dict):
        return cls(
            ids=[m.id for m in mentors],
            competence=_masks([m.competences for m in mentors], needs_ix),
            spoken=_masks([m.languages for m in mentors], language_ix),
            slots=_masks([m.availability for m in mentors], slot_ix),
            capacity=np.array([m.capacity for m in mentors], dtype=np.float64),
            active=np.array([m.active for m in mentors], dtype=np.float64),
            full_time=np.array([m.corps == FULL_TIME for m in mentors], dtype=bool),
            gender=np.array([m.gender or "" for m in mentors], dtype=object),
            age=np.array([-1 if m.age is None else m.age for m in mentors], dtype=np.int64),
            needs_ix=needs_ix,
            language_ix=language_ix,
            slot_ix=slot_ix,
            latitude=np.array([m.location[0] if m.location else np.nan for m in mentors], dtype=np.float64),
            longitude=np.array([m.location[1] if m.location else np.nan for m in mentors], dtype=np.float64),
        )


def profile_of(mentors: MentorColumns, row: int) -> MentorProfile:
    """Row ``row`` as an engine profile. Its sets hold only the vocabularies' items: when the columns were
    loaded for one citizen, the needs and languages of that citizen it covers, which is all that scoring
    and explaining that citizen's pairs reads."""
    competence, spoken, slots = int(mentors.competence[row]), int(mentors.spoken[row]), int(mentors.slots[row])
    latitude = None if mentors.latitude is None else float(mentors.latitude[row])
    return MentorProfile(
        id=mentors.ids[row],
        competences=frozenset(name for name, bit in mentors.needs_ix.items() if competence >> bit & 1),
        languages=frozenset(code for code, bit in mentors.language_ix.items() if spoken >> bit & 1),
        gender=mentors.gender[row] or None,
        age=None if mentors.age[row] < 0 else int(mentors.age[row]),
        availability=frozenset(slot for slot, bit in mentors.slot_ix.items() if slots >> bit & 1),
        location=None if latitude is None or np.isnan(latitude) else (latitude, float(mentors.longitude[row])),
        capacity=int(mentors.capacity[row]),
        active=int(mentors.active[row]),
        corps=FULL_TIME if mentors.full_time[row] else "part_time",
    )


def score_rows(citizens: Sequence[CitizenProfile], mentors: MentorColumns, weights: Weights) -> np.ndarray:
    """The bare scores of every (citizen, mentor) pair as a citizens × mentors matrix, -1.0 where the
    pair is excluded. The citizens' needs, languages and slots must all be in the mentors' vocabularies.

    Postcode distance is scored when the columns carry locations. numpy's trigonometry may differ from
    :mod:`math`'s in the last bit, so a must-have distance keeps a pair within 1e-9 km beyond the limit:
    fine for :func:`contenders`, which over-includes by design; :func:`score_table_fast` uses the
    pure-Python scorer whenever distance applies."""
    k, n = len(citizens), len(mentors.ids)
    needs_ix, language_ix, slot_ix = mentors.needs_ix, mentors.language_ix, mentors.slot_ix
    free = mentors.capacity - mentors.active
    with np.errstate(divide="ignore", invalid="ignore"):
        capacity_value = np.minimum(free, FREE_SEATS_FOR_FULL_MARKS) / FREE_SEATS_FOR_FULL_MARKS
        load_value = 1.0 - mentors.active / mentors.capacity
    position = None
    weighted = np.zeros((k, n))
    total = np.zeros((k, 1))
    allowed = np.broadcast_to(free > 0, (k, n)).copy()
    for row, citizen in enumerate(citizens):
        if citizen.severe_needs:
            allowed[row] &= mentors.full_time
        if citizen.declined_by:
            position = position or {mid: j for j, mid in enumerate(mentors.ids)}
            for mid in citizen.declined_by:
                if mid in position:
                    allowed[row, position[mid]] = False

    if weights.needs:
        need_mask = _masks([c.needs for c in citizens], needs_ix)[:, None]
        count = np.array([len(c.needs) for c in citizens], dtype=np.float64)[:, None]
        applies = count > 0
        covered = np.bitwise_count(need_mask & mentors.competence[None, :]).astype(np.float64)
        w = np.where(applies, weights.needs, 0)
        if weights.needs == MUST_HAVE:
            allowed &= ~applies | (covered == count)
        with np.errstate(divide="ignore", invalid="ignore"):
            weighted += np.where(applies, w * (covered / count), 0.0)
        total += w
    if weights.language:
        spoken = mentors.spoken[None, :]
        first = np.array([1 << language_ix[c.languages[0]] if c.languages else 0 for c in citizens], dtype=np.int64)[
            :, None
        ]
        any_mask = _masks([c.languages for c in citizens], language_ix)[:, None]
        applies = any_mask != 0
        value = np.where((first & spoken) != 0, 1.0, np.where((any_mask & spoken) != 0, 0.5, 0.0))
        if weights.language == MUST_HAVE:
            allowed &= ~applies | (value > 0)
        weighted += np.where(applies, weights.language * value, 0.0)
        total += np.where(applies, weights.language, 0)
    if weights.wishes:
        met = np.zeros((k, n))
        wished = np.zeros((k, 1))
        age = mentors.age
        for row, citizen in enumerate(citizens):
            if citizen.wished_gender:
                wished[row] += 1
                met[row] += mentors.gender == citizen.wished_gender
            band = citizen.wished_age
            if band and band != (None, None):
                low, high = band
                wished[row] += 1
                inside = age >= 0
                if low is not None:
                    inside &= age >= low
                if high is not None:
                    inside &= age <= high
                met[row] += inside
        applies = wished > 0
        if weights.wishes == MUST_HAVE:
            allowed &= ~applies | (met == wished)
        with np.errstate(divide="ignore", invalid="ignore"):
            weighted += np.where(applies, weights.wishes * (met / wished), 0.0)
        total += np.where(applies, weights.wishes, 0)
    if weights.availability:
        slot_mask = _masks([c.availability for c in citizens], slot_ix)[:, None]
        count = np.array([len(c.availability) for c in citizens], dtype=np.float64)[:, None]
        applies = count > 0
        shared = np.bitwise_count(slot_mask & mentors.slots[None, :]).astype(np.float64)
        if weights.availability == MUST_HAVE:
            allowed &= ~applies | (shared > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            weighted += np.where(applies, weights.availability * (shared / count), 0.0)
        total += np.where(applies, weights.availability, 0)
    if weights.distance and mentors.latitude is not None and any(c.location for c in citizens):
        located = np.array([c.location is not None for c in citizens])[:, None]
        lat1 = np.radians([c.location[0] if c.location else 0.0 for c in citizens])[:, None]
        lon1 = np.radians([c.location[1] if c.location else 0.0 for c in citizens])[:, None]
        lat2, lon2 = np.radians(mentors.latitude)[None, :], np.radians(mentors.longitude)[None, :]
        h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
        km = 2 * 6371.0 * np.arcsin(np.sqrt(h))  # NaN where the mentor's postcode has no known centre
        applies = located & ~np.isnan(km)
        max_km = weights.max_distance_km
        if weights.distance == MUST_HAVE:
            allowed &= ~applies | (km <= max_km + 1e-9)
        weighted += np.where(applies, weights.distance * np.maximum(0.0, 1.0 - km / max_km), 0.0)
        total = total + np.where(applies, weights.distance, 0)  # per pair from here on
    if weights.capacity_left:
        weighted += weights.capacity_left * capacity_value[None, :]
        total += weights.capacity_left
    if weights.load_balance:
        weighted += weights.load_balance * load_value[None, :]
        total += weights.load_balance
    if weights.caseworker:
        preferred = np.zeros((k, n), dtype=bool)
        applies = np.zeros((k, 1), dtype=bool)
        for row, citizen in enumerate(citizens):
            if citizen.preferred_mentors:
                applies[row] = True
                position = position or {mid: j for j, mid in enumerate(mentors.ids)}
                for mid in citizen.preferred_mentors:
                    if mid in position:
                        preferred[row, position[mid]] = True
        if weights.caseworker == MUST_HAVE:
            allowed &= ~applies | preferred
        weighted += np.where(applies & preferred, float(weights.caseworker), 0.0)
        total += np.where(applies, weights.caseworker, 0)

    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(total > 0, weighted / np.where(total > 0, total, 1), 1.0)
    return np.where(allowed, np.clip(score, 0.0, 1.0), -1.0)


def score_table_fast(
    citizens: Sequence[CitizenProfile],
    mentors: Sequence[MentorProfile],
    weights: Weights,
    *,
    top_k: int | None = None,
) -> list[tuple[str, str, float]]:
    """Every eligible (citizen id, mentor id, score); with ``top_k`` only each citizen's best ``top_k``
    mentors (at a tie on the cut, any of the tied). Scores equal :func:`scoring.score_table`'s to within 1e-12."""
    citizens, mentors = list(citizens), list(mentors)
    if not citizens or not mentors:
        return []
    needs_ix = _index([c.needs for c in citizens], [m.competences for m in mentors])
    language_ix = _index([c.languages for c in citizens], [m.languages for m in mentors])
    slot_ix = _index([c.availability for c in citizens], [m.availability for m in mentors])
    uses_distance = weights.distance and any(c.location for c in citizens) and any(m.location for m in mentors)
    if needs_ix is None or language_ix is None or slot_ix is None or uses_distance:
        return _python_table(citizens, mentors, weights, top_k)

    columns = MentorColumns.of_profiles(mentors, needs_ix, language_ix, slot_ix)
    mentor_ids = columns.ids
    table: list[tuple[str, str, float]] = []
    for start in range(0, len(citizens), _CHUNK):
        chunk = citizens[start : start + _CHUNK]
        masked = score_rows(chunk, columns, weights)
        if top_k is not None and top_k < len(mentors):
            # The best top_k of each row without sorting the row (ties at the cut: any of them).
            picked = np.argpartition(-masked, top_k - 1, axis=1)[:, :top_k]
        else:
            picked = np.broadcast_to(np.arange(len(mentors)), masked.shape)
        values = np.take_along_axis(masked, picked, axis=1)
        keep = values >= 0.0
        rows = np.nonzero(keep)[0]
        chunk_ids = [citizen.id for citizen in chunk]
        table.extend(
            zip(
                [chunk_ids[r] for r in rows.tolist()],
                [mentor_ids[j] for j in picked[keep].tolist()],
                values[keep].tolist(),
                strict=True,
            )
        )
    return table


# Scores from score_rows differ from pair_scorer's by rounding only (far below this).
_NARROWING_MARGIN = 1e-9


def contenders(citizen: CitizenProfile, mentors: MentorColumns, weights: Weights, *, top: int) -> list[int]:
    """The rows of the mentors that can be among the citizen's ``top`` best: every eligible mentor whose
    bare score is within a rounding margin of the ``top``-th best. Ranking just these with
    :func:`scoring.rank_mentors` (as :func:`profile_of`) gives exactly the answer ranking everyone would,
    ties included."""
    row = score_rows([citizen], mentors, weights)[0]
    eligible = np.flatnonzero(row >= 0.0)
    if len(eligible) > top:
        cut = np.partition(row[eligible], len(eligible) - top)[len(eligible) - top]
        eligible = eligible[row[eligible] >= cut - _NARROWING_MARGIN]
    return eligible.tolist()
