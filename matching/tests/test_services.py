"""Matching services: suggestions from the database, offers, the answer link, cohorts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import ActivityLog
from citizens.models import Placement, PlacementStatus
from citizens.tests.factories import AgreementFactory, CitizenFactory
from corps.models import Employment
from corps.tests.factories import CompetenceFactory, MentorFactory
from matching import selectors, services
from matching.models import AnsweredVia, CohortStatus, MatchingWeights, Offer, OfferStatus
from matching.tests.factories import OfferFactory, cohort_with
from notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    economy = CompetenceFactory(jobcenter=world.jobcenter, name="Personlig økonomi")
    housing = CompetenceFactory(jobcenter=world.jobcenter, name="Bolig")
    citizen = CitizenFactory(jobcenter=world.jobcenter, name="Mette Sørensen")
    citizen.needs.set([economy, housing])
    best = MentorFactory(jobcenter=world.jobcenter, full_name="Birgitte Mølgaard", capacity=3)
    best.competences.set([economy, housing])
    good = MentorFactory(jobcenter=world.jobcenter, full_name="Anders Holm", capacity=3)
    good.competences.set([economy])
    MentorFactory(jobcenter=world.other_jobcenter, full_name="Fremmed Mentor").competences.set([])
    return world, citizen, best, good


def test_weights_defaults_are_seeded_and_ensured(world):
    # The data migration ran before the world existed; the service covers new jobcenters, once.
    MatchingWeights.objects.filter(jobcenter=world.jobcenter).delete()
    assert services.weights_defaults_ensure(actor=None, jobcenter=world.jobcenter) is True
    assert services.weights_defaults_ensure(actor=None, jobcenter=world.jobcenter) is False
    assert selectors.weights_for(jobcenter=world.jobcenter).needs == 8


def test_suggestions_best_first_with_danish_reasons_and_only_own_jobcenter(setup):
    _world, citizen, best, good = setup
    suggestions = selectors.suggestions_for(citizen=citizen)
    assert [s.mentor_id for s in suggestions] == [best.pk, good.pk]
    assert suggestions[0].explanations[0] == "dækker 2 af 2 behov: bolig, personlig økonomi"
    assert "dækker 1 af 2 behov: personlig økonomi (mangler: bolig)" in suggestions[1].explanations


def test_full_mentor_and_must_have_are_excluded(setup):
    world, citizen, best, good = setup
    best.capacity = 1
    best.save()
    AgreementFactory(citizen=CitizenFactory(jobcenter=world.jobcenter), mentor=best, status="active")
    assert [s.mentor_id for s in selectors.suggestions_for(citizen=citizen)] == [good.pk]
    services.weights_defaults_ensure(actor=None, jobcenter=world.jobcenter)
    assert MatchingWeights.objects.filter(jobcenter=world.jobcenter).update(needs=10) == 1
    assert selectors.suggestions_for(citizen=citizen) == []


def test_severe_needs_only_full_time_corps(setup):
    world, citizen, _best, good = setup
    services.preferences_save(
        actor=world.coordinator,
        citizen=citizen,
        available_weekdays=0,
        available_day_parts=0,
        severe_needs=True,
        preferred_mentors=[],
    )
    assert selectors.suggestions_for(citizen=citizen) == []
    good.employment = Employment.FULL_TIME
    good.save()
    assert [s.mentor_id for s in selectors.suggestions_for(citizen=citizen)] == [good.pk]


def test_offer_mails_the_mentor_a_link_without_personal_data(setup):
    world, citizen, best, _good = setup
    citizen.cpr_hash = ""
    # The mail is signed with the coordinator's name: a fixed one, not a random one that may hold "Sørensen".
    world.coordinator.full_name = "Susanne Holm"
    world.coordinator.save(update_fields=["full_name"])
    created = services.offer_create(actor=world.coordinator, citizen=citizen, mentor=best, message="Hej")
    offer = created.offer
    assert offer.status == OfferStatus.OFFERED and offer.score > 0 and offer.explanations
    message = Message.objects.get(kind="matching.offer")
    assert message.recipient_email == best.email
    assert "Mette" in message.body_text and "Sørensen" not in message.body_text
    assert created.token in message.body_text
    assert "økonomi" not in message.body_text  # needs can be health data: never in a mail
    assert ActivityLog.objects.filter(action="matching.offer.created").exists()
    with pytest.raises(ValidationError, match="allerede et åbent tilbud"):
        services.offer_create(actor=world.coordinator, citizen=citizen, mentor=best)


def test_offer_to_ineligible_or_foreign_mentor_is_refused(setup):
    world, citizen, best, _good = setup
    best.capacity = 0
    best.save()
    with pytest.raises(ValidationError, match="ingen ledig plads"):
        services.offer_create(actor=world.coordinator, citizen=citizen, mentor=best)
    with pytest.raises(ValueError, match="another jobcenter"):
        services.offer_create(
            actor=world.coordinator, citizen=citizen, mentor=MentorFactory(jobcenter=world.other_jobcenter)
        )
    assert not Offer.objects.exists()


def test_accept_by_link_once_withdraws_other_offers_and_counts_waiting(setup):
    world, citizen, best, good = setup
    first = services.offer_create(actor=world.coordinator, citizen=citizen, mentor=best)
    second = services.offer_create(actor=world.coordinator, citizen=citizen, mentor=good)
    offer, _next = services.offer_answer_by_link(token=first.token, accept=True)
    assert offer.status == OfferStatus.ACCEPTED and offer.answered_via == AnsweredVia.LINK
    second.offer.refresh_from_db()
    assert second.offer.status == OfferStatus.WITHDRAWN
    with pytest.raises(services.OfferLinkError) as problem:
        services.offer_answer_by_link(token=first.token, accept=True)
    assert problem.value.reason == "answered"
    with pytest.raises(services.OfferLinkError) as problem:
        services.offer_answer_by_link(token=second.token, accept=True)
    assert problem.value.reason == "withdrawn"
    days, done = selectors.waiting_days(citizen=citizen)
    assert done and days == (timezone.localdate() - citizen.referred_on).days


def test_decline_needs_a_reason_and_moves_on_to_the_next_suggestion(setup):
    world, citizen, best, good = setup
    first = services.offer_create(actor=world.coordinator, citizen=citizen, mentor=best)
    with pytest.raises(ValidationError):
        services.offer_decline(actor=world.coordinator, offer=first.offer, reason="  ")
    next_offer = services.offer_decline(actor=world.coordinator, offer=first.offer, reason="Har ikke tid i foråret")
    first.offer.refresh_from_db()
    assert first.offer.status == OfferStatus.DECLINED and first.offer.decline_reason == "Har ikke tid i foråret"
    assert next_offer is not None and next_offer.mentor == good and next_offer.offered_by == world.coordinator
    # The mentor who said no is never suggested again for this citizen.
    assert best.pk not in [s.mentor_id for s in selectors.suggestions_for(citizen=citizen)]


def test_forged_or_expired_link(setup):
    world, citizen, best, _good = setup
    with pytest.raises(services.OfferLinkError) as problem:
        services.offer_for_token("ikke-signeret")
    assert problem.value.reason == "unknown"
    created = services.offer_create(actor=world.coordinator, citizen=citizen, mentor=best)
    Offer.objects.filter(pk=created.offer.pk).update(
        offered_at=timezone.now() - datetime.timedelta(days=6),
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    with pytest.raises(services.OfferLinkError) as problem:
        services.offer_for_token(created.token)
    assert problem.value.reason == "expired"
    assert services.offers_expire_due() == 1


def test_the_last_seat_cannot_be_taken_twice(setup):
    world, citizen, best, _good = setup
    best.capacity = 1
    best.save()
    other = CitizenFactory(jobcenter=world.jobcenter)
    first = services.offer_create(actor=world.coordinator, citizen=citizen, mentor=best)
    second = services.offer_create(actor=world.coordinator, citizen=other, mentor=best)
    services.offer_accept(actor=world.coordinator, offer=first.offer)
    with pytest.raises(ValidationError, match="ikke flere ledige pladser"):
        services.offer_accept(actor=world.coordinator, offer=second.offer)
    second.offer.refresh_from_db()
    assert second.offer.status == OfferStatus.OFFERED


def test_database_allows_one_accepted_offer_per_citizen(world):
    citizen = CitizenFactory(jobcenter=world.jobcenter)
    now = timezone.now()
    OfferFactory(citizen=citizen, status=OfferStatus.ACCEPTED, answered_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferFactory(citizen=citizen, status=OfferStatus.ACCEPTED, answered_at=now)


def test_database_allows_one_open_offer_per_citizen_and_mentor(world):
    offer = OfferFactory(citizen=CitizenFactory(jobcenter=world.jobcenter))
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferFactory(citizen=offer.citizen, mentor=offer.mentor)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_mentors_accepting_at_once_only_one_wins(world):
    """Two threads accept two offers for the same citizen at the same moment: the row locks let one in."""
    import threading

    from django.db import connection

    citizen = CitizenFactory(jobcenter=world.jobcenter)
    offers = [OfferFactory(citizen=citizen) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(offer):
        from django_scopes import scopes_disabled

        try:
            barrier.wait(timeout=10)
            with scopes_disabled():  # the scope is per thread, like a request's
                services.offer_accept(actor=None, offer=offer, via=AnsweredVia.LINK)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(offer,)) for offer in offers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["ok", "refused"]
    assert Offer.objects.filter(citizen=citizen, status=OfferStatus.ACCEPTED).count() == 1


# --- Cohorts -----------------------------------------------------------------------------------------


def test_cohort_solve_move_and_commit(world):
    cohort, seats = cohort_with(world.jobcenter, candidates=9, companies=2, capacity=6, min_group=4)
    cohort = services.cohort_solve(actor=world.coordinator, cohort=cohort)
    assert cohort.status == CohortStatus.SOLVED
    assert cohort.result["status"] == "optimal" and cohort.result["assigned_count"] == 9
    loads = sorted(seat.assigned_candidates.count() for seat in seats)
    assert loads[0] >= 4 and sum(loads) == 9
    assert all(c.explanations for c in cohort.candidates.all())
    # Moving someone out of a group of 4 breaks its minimum: stored in Danish with the company's name.
    smallest = min(seats, key=lambda seat: seat.assigned_candidates.count())
    candidate = smallest.assigned_candidates.first()
    violations = services.cohort_move(actor=world.coordinator, cohort=cohort, candidate=candidate, to=None)
    if smallest.assigned_candidates.count() < 4:
        assert violations and smallest.company.name in violations[0]
        with pytest.raises(ValidationError, match="bryder betingelserne"):
            services.cohort_commit(actor=world.coordinator, cohort=cohort)
        assert not Placement.objects.exists()
        services.cohort_move(actor=world.coordinator, cohort=cohort, candidate=candidate, to=smallest)
    placements = services.cohort_commit(actor=world.coordinator, cohort=cohort)
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.COMMITTED
    assert len(placements) == Placement.objects.filter(status=PlacementStatus.PROPOSED).count() > 0


def test_cohort_infeasible_names_the_company(world):
    cohort, seats = cohort_with(world.jobcenter, candidates=3, companies=1, capacity=6, min_group=4)
    cohort = services.cohort_solve(actor=world.coordinator, cohort=cohort)
    assert cohort.status == CohortStatus.DRAFT
    assert cohort.result["status"] == "infeasible"
    assert seats[0].company.name in cohort.result["reason"]
    assert "mindst 4 kandidater" in cohort.result["reason"]


def test_cohort_none_or_at_least(world):
    cohort, seats = cohort_with(world.jobcenter, candidates=5, companies=2, capacity=5, min_group=3, allow_empty=True)
    cohort = services.cohort_solve(actor=world.coordinator, cohort=cohort)
    loads = sorted(seat.assigned_candidates.count() for seat in seats)
    assert cohort.result["assigned_count"] == 5
    assert all(load == 0 or load >= 3 for load in loads)


def test_bulk_citizen_profiles_match_the_single_loader(setup):
    world, citizen, best, _good = setup
    services.preferences_save(
        actor=world.coordinator,
        citizen=citizen,
        available_weekdays=3,
        available_day_parts=1,
        severe_needs=False,
        preferred_mentors=[best],
    )
    other = CitizenFactory(jobcenter=world.jobcenter)
    single = {p.id: p for p in (selectors.citizen_profile(citizen=c) for c in (citizen, other))}
    bulk = {p.id: p for p in selectors.citizen_profiles(jobcenter=world.jobcenter)}
    for key, profile in single.items():
        assert set(bulk[key].needs) == set(profile.needs)
        assert bulk[key].languages == profile.languages
        assert (bulk[key].availability, bulk[key].preferred_mentors, bulk[key].wished_age) == (
            profile.availability,
            profile.preferred_mentors,
            profile.wished_age,
        )
