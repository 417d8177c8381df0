"""Delivery preferences (issue 22): per person and per group of hand-off messages, e-mail at once, one daily
digest, or the inbox only, within what the jobcenter allows (`ReminderSchedule.allow_digest` and
`allow_inbox_only`, set by the jobcenter admin on the schedule page; e-mail at once is always allowed).

The groups are made of the hand-offs in `notifications.handoffs.HANDOFFS` that also reach the inbox (an e-mail
only hand-off, such as the agreement warning, is always e-mailed: without an inbox item, "inbox only" would
reach no one). `notifications.handoffs.notify` asks `channels_for` once per step and passes the status that
follows to `message_enqueue`: pending (sent at once), held for the daily digest (`notifications.digest`), or
inbox only (never e-mailed). The inbox item is written whatever the choice.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from notifications.models import DeliveryChannel, DeliveryPreference, MessageStatus, ReminderSchedule


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    events: tuple[str, ...]


GROUPS: list[Group] = [
    Group(
        "placements",
        _("Forløb: forslag, svar, opfølgning og vurderinger"),
        (
            "placement.proposed",
            "cohort.proposed",
            "placement.accepted",
            "placement.declined",
            "follow_up.by_company",
            "assessment.by_company",
        ),
    ),
    Group("claims", _("Frikøb: indsendte krav og afgørelser"), ("claim.submitted", "claim.approved", "claim.rejected")),
    Group(
        "referrals",
        _("Henvisninger, mentortilbud og kursusindstillinger"),
        ("citizen.referred", "offer.declined", "course_nomination.created"),
    ),
]

STATUS_FOR = {
    DeliveryChannel.EMAIL: MessageStatus.PENDING,
    DeliveryChannel.DIGEST: MessageStatus.HELD,
    DeliveryChannel.INBOX: MessageStatus.INBOX_ONLY,
}


def _handoffs() -> dict:
    from notifications.handoffs import HANDOFFS

    return HANDOFFS


def group_of_event(event: str) -> Group | None:
    handoff = _handoffs().get(event)
    if handoff is None or not handoff.inbox:
        return None
    return next((group for group in GROUPS if event in group.events), None)


def groups_for_role(role: str) -> list[Group]:
    """The groups with at least one hand-off a member with `role` can receive."""
    handoffs = _handoffs()
    return [
        group
        for group in GROUPS
        if any(event in handoffs and handoffs[event].inbox and role in handoffs[event].roles for event in group.events)
    ]


def allowed_channels(schedule: ReminderSchedule | None) -> list[str]:
    """The channels the jobcenter lets its people choose (no schedule row: the defaults, all of them)."""
    schedule = schedule or ReminderSchedule()
    channels = [DeliveryChannel.EMAIL.value]
    if schedule.allow_digest:
        channels.append(DeliveryChannel.DIGEST.value)
    if schedule.allow_inbox_only:
        channels.append(DeliveryChannel.INBOX.value)
    return channels


def channel_choices(schedule: ReminderSchedule | None) -> list[tuple[str, str]]:
    allowed = allowed_channels(schedule)
    return [(value, label) for value, label in DeliveryChannel.choices if value in allowed]


def channels_for(*, jobcenter, users: list, event: str) -> dict[int, str]:
    """{user pk: channel} for one step's recipients: their choice for the event's group, where the jobcenter
    still allows it, else e-mail at once. Two queries at most (the jobcenter's settings, the choices)."""
    group = group_of_event(event)
    channels = {user.pk: DeliveryChannel.EMAIL.value for user in users}
    if group is None or not users:
        return channels
    # Called by every hand-off's service, also from Celery (no tenant): the rows are named by the jobcenter.
    with scopes_disabled():
        allowed = allowed_channels(ReminderSchedule.objects.filter(jobcenter=jobcenter).first())
        if allowed == [DeliveryChannel.EMAIL.value]:
            return channels
        chosen = list(
            DeliveryPreference.objects.filter(
                jobcenter=jobcenter, group=group.key, user_id__in=list(channels)
            ).values_list("user_id", "channel")
        )
    for user_id, channel in chosen:
        if channel in allowed:
            channels[user_id] = channel
    return channels


def preferences_of(*, jobcenter, user, role: str) -> list[tuple[Group, str]]:
    """(group, chosen channel) for every group the member's role receives; no choice: e-mail at once."""
    chosen = dict(DeliveryPreference.objects.filter(jobcenter=jobcenter, user=user).values_list("group", "channel"))
    return [(group, chosen.get(group.key, DeliveryChannel.EMAIL.value)) for group in groups_for_role(role)]
