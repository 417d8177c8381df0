"""Companies and company mentors for a citizen's placement, scored and explained in Danish. Pure Python.

A company scores by its best company mentor's coverage of the citizen's needs (with a little for the
mentor's experience: years in the company, a completed mentor course), whether it offers the placement
type asked for, and its free capacity. Cohorts use the same score for every candidate-company pair.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

NEEDS_SHARE = 0.6
EXPERIENCE_SHARE = 0.1
TYPE_SHARE = 0.15
CAPACITY_SHARE = 0.15
FULL_MARKS_SEATS = 3
FULL_MARKS_YEARS = 5


@dataclass(frozen=True, slots=True)
class CompanyProfile:
    id: str
    free: int
    offers_type: bool
    # (mentor id, name, competences, years in the company, completed a mentor course)
    mentors: tuple[tuple[str, str, frozenset[str], int, bool], ...] = ()


@dataclass(frozen=True, slots=True)
class CompanyScore:
    company_id: str
    score: float
    mentor_id: str | None
    mentor_name: str
    explanations: tuple[str, ...]


def _mentor_value(needs: tuple[str, ...], mentor) -> tuple[float, list[str]]:
    _id, _name, competences, years, trained = mentor
    covered = [need for need in needs if need in competences]
    coverage = len(covered) / len(needs) if needs else 1.0
    experience = (min(years, FULL_MARKS_YEARS) / FULL_MARKS_YEARS + (1.0 if trained else 0.0)) / 2
    return NEEDS_SHARE * coverage + EXPERIENCE_SHARE * experience, covered


def score_company(needs: tuple[str, ...], company: CompanyProfile, *, explain: bool = True) -> CompanyScore:
    best, best_mentor, covered = 0.0, None, []
    for mentor in company.mentors:
        value, mentor_covered = _mentor_value(needs, mentor)
        if best_mentor is None or value > best:
            best, best_mentor, covered = value, mentor, mentor_covered
    free = max(company.free, 0)
    score = best + (TYPE_SHARE if company.offers_type else 0.0) + CAPACITY_SHARE * min(free, FULL_MARKS_SEATS) / 3
    score = min(1.0, max(0.0, score))
    if not explain:
        return CompanyScore(company.id, score, None, "", ())
    texts = []
    if best_mentor is None:
        texts.append("ingen virksomhedsmentor registreret")
    else:
        _id, name, _competences, years, trained = best_mentor
        if needs:
            text = f"{name} dækker {len(covered)} af {len(needs)} behov"
            texts.append(text + (": " + ", ".join(covered) if covered else ""))
        else:
            texts.append(f"virksomhedsmentor: {name}")
        if years:
            texts.append(f"{years} år i virksomheden" + (", har mentorkursus" if trained else ""))
        elif trained:
            texts.append("har mentorkursus")
    texts.append("tilbyder forløbstypen" if company.offers_type else "tilbyder ikke forløbstypen")
    texts.append("1 ledig plads" if free == 1 else f"{free} ledige pladser")
    return CompanyScore(
        company.id, score, best_mentor[0] if best_mentor else None, best_mentor[1] if best_mentor else "", tuple(texts)
    )


def rank_companies(needs: tuple[str, ...], companies: list[CompanyProfile], *, top: int = 10) -> list[CompanyScore]:
    """The best companies first (ties by id); only the shown ones are explained."""
    bare = [(-score_company(needs, company, explain=False).score, company.id, company) for company in companies]
    best = heapq.nsmallest(top, bare, key=lambda item: (item[0], item[1]))
    return [score_company(needs, company) for _, _, company in best]
