"""A citizen's timeline: every event of their course, in order."""

import functools
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import actions
from audit.models import ActivityLog
from citizens.activity import TIMELINE_HIDDEN
from citizens.models import (
    Citizen,
    CitizenStatus,
    FollowUp,
    MentorAgreement,
    Placement,
    ProgressAssessment,
    ProgressScore,
)
from mentorship.choices import label, value_label
from mentorship.numbers import dk_hours


@dataclass(frozen=True)
class TimelineEvent:
    on: date
    order: int  # ties on the same day: referral first, outcome last
    kind: str
    title: str
    detail: str = ""
    url: str = ""
    extra: list[str] = field(default_factory=list)


def citizen_timeline(*, citizen: Citizen, limit: int | None = None) -> list[TimelineEvent]:
    """Everything about the citizen in date order, newest first: referral, agreements, first
    meetings, offers to mentors and their answers, placements (proposal, answer, end), follow-ups,
    assessments, the outcome, and who changed what (the activity log, by its Danish descriptions).

    Fixed queries: agreements (with mentor and first meeting), placements, offers, follow-ups, assessments
    (with scores prefetched), activity. `limit` caps the follow-ups and the activity entries read (the
    busiest citizens have hundreds)."""
    events: list[TimelineEvent] = [
        TimelineEvent(
            citizen.referred_on,
            0,
            "referral",
            _("Henvist"),
            _("Målgruppe: %(group)s") % {"group": citizen.target_group.name},
        )
    ]
    agreements = MentorAgreement.objects.filter(jobcenter_id=citizen.jobcenter_id, citizen=citizen).select_related(
        "mentor", "company_mentor", "first_meeting"
    )
    for agreement in agreements:
        url = reverse("citizens:agreement_detail", args=[agreement.pk])
        mentor = agreement.mentor_display
        events.append(
            TimelineEvent(
                agreement.starts_on,
                1,
                "agreement",
                _("Mentoraftale (%(status)s)") % {"status": label(agreement, "status")},
                _("%(start)s–%(end)s, mentor: %(mentor)s")
                % {
                    "start": agreement.starts_on.strftime("%d.%m.%Y"),
                    "end": agreement.ends_on.strftime("%d.%m.%Y"),
                    "mentor": mentor or _("ikke valgt"),
                },
                url,
            )
        )
        meeting = getattr(agreement, "first_meeting", None)
        if meeting is not None:
            events.append(TimelineEvent(meeting.held_on, 2, "meeting", _("Opstartsmøde"), meeting.goals[:200], url))
        if agreement.ended_on:
            events.append(
                TimelineEvent(
                    agreement.ended_on, 8, "agreement_end", _("Mentoraftale afsluttet"), agreement.end_reason[:200], url
                )
            )
    placements = Placement.objects.filter(jobcenter_id=citizen.jobcenter_id, citizen=citizen).select_related(
        "company", "placement_type"
    )
    placement_names = {}
    for placement in placements:
        url = reverse("citizens:placement_detail", args=[placement.pk])
        placement_names[placement.pk] = f"{placement.placement_type.name}, {placement.company.name}"
        events.append(
            TimelineEvent(
                placement.starts_on,
                3,
                "placement",
                placement_names[placement.pk],
                _("%(start)s–%(end)s (%(status)s)")
                % {
                    "start": placement.starts_on.strftime("%d.%m.%Y"),
                    "end": placement.ends_on.strftime("%d.%m.%Y"),
                    "status": label(placement, "status"),
                },
                url,
            )
        )
        if placement.ended_on:
            events.append(
                TimelineEvent(
                    placement.ended_on,
                    8,
                    "placement_end",
                    _("Forløb afsluttet: %(outcome)s") % {"outcome": label(placement, "outcome")},
                    placement_names[placement.pk],
                    url,
                )
            )
    follow_ups = (
        # Rows, not instances: up to 200 follow-ups and their authors a page, where two model instances a row cost
        # more than everything else the row needs.
        FollowUp.objects.filter(jobcenter_id=citizen.jobcenter_id, citizen=citizen)
        .order_by("-occurred_on", "-id")
        .values_list(
            "occurred_on", "notes", "next_action", "mentor_hours", "hours_confirmed_by", "kind", "recorded_as",
            "placement_id", "author_id", "author__full_name", "author__email",
        )
    )  # fmt: skip
    if limit is not None:
        follow_ups = follow_ups[:limit]
    # Up to 200 follow-ups and as many activity entries a page: each text translated, and each placement's URL
    # reversed, once a page rather than once an event.
    next_step, hours_text, kind_text, by_text = (
        _("Næste skridt: %(action)s"),
        _("Mentortimer: %(hours)s (%(state)s)"),
        _("Opfølgning: %(kind)s"),
        _("Af %(who)s"),
    )
    placement_url = functools.cache(lambda pk: reverse("citizens:placement_detail", args=[pk]))
    for (
        on,
        notes,
        next_action,
        hours,
        confirmed_by,
        kind,
        recorded_as,
        placement_id,
        author_id,
        name,
        email,
    ) in follow_ups:
        extra = []
        if next_action:
            extra.append(next_step % {"action": next_action})
        if hours:
            extra.append(
                hours_text
                % {"hours": dk_hours(hours), "state": value_label(FollowUp, "hours_confirmed_by", confirmed_by)}
            )
        # The author as str(user) would give it (the name, else the e-mail); else who recorded it.
        who = (name or email) if author_id is not None else value_label(FollowUp, "recorded_as", recorded_as)
        events.append(
            TimelineEvent(
                on,
                5,
                "follow_up",
                kind_text % {"kind": value_label(FollowUp, "kind", kind)},
                notes[:300],
                placement_url(placement_id) if placement_id else "",
                [by_text % {"who": who}, *extra],
            )
        )
    assessments = (
        # By the ids loaded above, not by joining to placements and agreements: the join's OR cannot use an
        # index and read every assessment of the jobcenter (41 ms at the largest jobcenter; this is two index scans).
        ProgressAssessment.objects.filter(jobcenter_id=citizen.jobcenter_id)
        .filter(Q(placement_id__in=list(placement_names)) | Q(agreement_id__in=[a.pk for a in agreements]))
        .prefetch_related(Prefetch("scores", queryset=ProgressScore.objects.select_related("dimension")))
    )
    for assessment in assessments:
        events.append(
            TimelineEvent(
                assessment.assessed_on,
                6,
                "assessment",
                _("Progressionsvurdering (%(by)s)") % {"by": label(assessment, "assessor_kind")},
                ", ".join(f"{score.dimension.name} {score.score}" for score in assessment.scores.all()),
                placement_url(assessment.placement_id)
                if assessment.placement_id
                else reverse("citizens:agreement_detail", args=[assessment.agreement_id]),
            )
        )
    events.extend(_offer_events(citizen))
    events.extend(
        _activity_events(
            citizen,
            agreement_ids=[agreement.pk for agreement in agreements],
            placement_ids=list(placement_names),
            limit=limit,
        )
    )
    if citizen.status == CitizenStatus.ENDED and citizen.outcome_on:
        events.append(
            TimelineEvent(citizen.outcome_on, 9, "outcome", _("Afsluttet: %(o)s") % {"o": label(citizen, "outcome")})
        )
    events.sort(key=lambda event: (event.on, event.order), reverse=True)
    return events


def _activity_events(
    citizen: Citizen, *, agreement_ids: list[int], placement_ids: list[int], limit: int | None
) -> list[TimelineEvent]:
    """The activity log on the citizen, their agreements and their placements, newest first, one query: each
    entry as its action's Danish description and who did it. Entries in TIMELINE_HIDDEN stay off."""
    types = ContentType.objects.get_for_models(Citizen, MentorAgreement, Placement)
    about = Q(content_type=types[Citizen], object_id=str(citizen.pk))
    for model, ids in ((MentorAgreement, agreement_ids), (Placement, placement_ids)):
        if ids:
            about |= Q(content_type=types[model], object_id__in=[str(pk) for pk in ids])
    entries = (
        ActivityLog.objects.filter(about, jobcenter_id=citizen.jobcenter_id)
        .exclude(action__in=TIMELINE_HIDDEN)
        .only("at", "action", "actor_label")
        .order_by("-at", "-id")
    )
    if limit is not None:
        entries = entries[:limit]
    by_text, system = _("Af %(who)s"), _("systemet")  # once a page, not once an entry
    return [
        TimelineEvent(
            timezone.localdate(entry.at),
            7,
            "activity",
            actions.description(entry.action),
            extra=[by_text % {"who": entry.actor_label or system}],
        )
        for entry in entries
    ]


def _offer_events(citizen: Citizen) -> list[TimelineEvent]:
    """Offers of the mentor task (matching app) and the mentors' answers, one query. The model is looked up
    by name: matching builds on citizens, not the other way round."""
    from django.apps import apps

    offer_model = apps.get_model("matching", "Offer")
    offers = offer_model.objects.filter(jobcenter_id=citizen.jobcenter_id, citizen=citizen).select_related("mentor")
    # No link: the timeline is also the caseworker's, and the offer pages are the coordinators'.
    url = ""
    events = []
    for offer in offers:
        events.append(
            TimelineEvent(
                timezone.localdate(offer.offered_at),
                4,
                "offer",
                _("Tilbud til mentor %(mentor)s") % {"mentor": offer.mentor.full_name},
                _("Svarfrist %(date)s") % {"date": timezone.localtime(offer.expires_at).strftime("%d.%m.%Y")},
                url,
            )
        )
        if offer.answered_at and offer.is_answered:
            said = _("sagde ja") if offer.is_accepted else _("sagde nej")
            events.append(
                TimelineEvent(
                    timezone.localdate(offer.answered_at),
                    4,
                    "offer_answer",
                    _("%(mentor)s %(said)s") % {"mentor": offer.mentor.full_name, "said": said},
                    offer.decline_reason[:200],
                    url,
                )
            )
    return events
