"""Many citizens × many mentors at once: the same bare scores as :func:`scoring.pair_scorer`, computed
with numpy on bit sets, for the solver's score table (5,000 × 2,000 pairs in well under a second,
where a Python loop over 10 million pairs would take half a minute).

Sets become bit masks over the vocabulary that occurs (needs/competences, languages, slots), so a
coverage count is ``bitwise_count(needs & competences)``. Vocabularies of more than 63 items fall
back to the pure-Python scorer. Explanations are not built here: explain the pairs you show with
:func:`scoring.score_pair`.
"""

from __future__ import annotations

from collections.abc import Sequence

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

    mentor_ids = [m.id for m in mentors]
    position = {mid: j for j, mid in enumerate(mentor_ids)}
    competence = _masks([m.competences for m in mentors], needs_ix)
    spoken = _masks([m.languages for m in mentors], language_ix)
    slots = _masks([m.availability for m in mentors], slot_ix)
    capacity = np.array([m.capacity for m in mentors], dtype=np.float64)
    active = np.array([m.active for m in mentors], dtype=np.float64)
    free = capacity - active
    full_time = np.array([m.corps == FULL_TIME for m in mentors])
    gender = np.array([m.gender or "" for m in mentors], dtype=object)
    age = np.array([-1 if m.age is None else m.age for m in mentors], dtype=np.int64)
    open_seat = free > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        capacity_value = np.minimum(free, FREE_SEATS_FOR_FULL_MARKS) / FREE_SEATS_FOR_FULL_MARKS
        load_value = 1.0 - active / capacity

    table: list[tuple[str, str, float]] = []
    for start in range(0, len(citizens), _CHUNK):
        chunk = citizens[start : start + _CHUNK]
        k = len(chunk)
        weighted = np.zeros((k, len(mentors)))
        total = np.zeros((k, 1))
        allowed = np.broadcast_to(open_seat, (k, len(mentors))).copy()
        for row, citizen in enumerate(chunk):
            if citizen.severe_needs:
                allowed[row] &= full_time
            for mid in citizen.declined_by:
                if mid in position:
                    allowed[row, position[mid]] = False

        if weights.needs:
            need_mask = _masks([c.needs for c in chunk], needs_ix)[:, None]
            count = np.array([len(c.needs) for c in chunk], dtype=np.float64)[:, None]
            applies = count > 0
            covered = np.bitwise_count(need_mask & competence[None, :]).astype(np.float64)
            w = np.where(applies, weights.needs, 0)
            if weights.needs == MUST_HAVE:
                allowed &= ~applies | (covered == count)
            with np.errstate(divide="ignore", invalid="ignore"):
                weighted += np.where(applies, w * (covered / count), 0.0)
            total += w
        if weights.language:
            first = np.array([1 << language_ix[c.languages[0]] if c.languages else 0 for c in chunk], dtype=np.int64)[
                :, None
            ]
            any_mask = _masks([c.languages for c in chunk], language_ix)[:, None]
            applies = any_mask != 0
            value = np.where((first & spoken[None, :]) != 0, 1.0, np.where((any_mask & spoken[None, :]) != 0, 0.5, 0.0))
            if weights.language == MUST_HAVE:
                allowed &= ~applies | (value > 0)
            weighted += np.where(applies, weights.language * value, 0.0)
            total += np.where(applies, weights.language, 0)
        if weights.wishes:
            met = np.zeros((k, len(mentors)))
            wished = np.zeros((k, 1))
            for row, citizen in enumerate(chunk):
                if citizen.wished_gender:
                    wished[row] += 1
                    met[row] += gender == citizen.wished_gender
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
            slot_mask = _masks([c.availability for c in chunk], slot_ix)[:, None]
            count = np.array([len(c.availability) for c in chunk], dtype=np.float64)[:, None]
            applies = count > 0
            shared = np.bitwise_count(slot_mask & slots[None, :]).astype(np.float64)
            if weights.availability == MUST_HAVE:
                allowed &= ~applies | (shared > 0)
            with np.errstate(divide="ignore", invalid="ignore"):
                weighted += np.where(applies, weights.availability * (shared / count), 0.0)
            total += np.where(applies, weights.availability, 0)
        if weights.capacity_left:
            weighted += weights.capacity_left * capacity_value[None, :]
            total += weights.capacity_left
        if weights.load_balance:
            weighted += weights.load_balance * load_value[None, :]
            total += weights.load_balance
        if weights.caseworker:
            preferred = np.zeros((k, len(mentors)), dtype=bool)
            applies = np.zeros((k, 1), dtype=bool)
            for row, citizen in enumerate(chunk):
                if citizen.preferred_mentors:
                    applies[row] = True
                    for mid in citizen.preferred_mentors:
                        if mid in position:
                            preferred[row, position[mid]] = True
            if weights.caseworker == MUST_HAVE:
                allowed &= ~applies | preferred
            weighted += np.where(applies & preferred, float(weights.caseworker), 0.0)
            total += np.where(applies, weights.caseworker, 0)

        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.where(total > 0, weighted / np.where(total > 0, total, 1), 1.0)
        score = np.clip(score, 0.0, 1.0)
        masked = np.where(allowed, score, -1.0)
        if top_k is not None and top_k < len(mentors):
            # The best top_k of each row without sorting the row (ties at the cut: any of them).
            columns = np.argpartition(-masked, top_k - 1, axis=1)[:, :top_k]
        else:
            columns = np.broadcast_to(np.arange(len(mentors)), masked.shape)
        values = np.take_along_axis(masked, columns, axis=1)
        keep = values >= 0.0
        rows = np.nonzero(keep)[0]
        chunk_ids = [citizen.id for citizen in chunk]
        table.extend(
            zip(
                [chunk_ids[r] for r in rows.tolist()],
                [mentor_ids[j] for j in columns[keep].tolist()],
                values[keep].tolist(),
                strict=True,
            )
        )
    return table
