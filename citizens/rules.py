"""Citizens' rules with a number: one definition each.

The pages, the start page's to-do list, the reports and the reminders (notifications) all import these;
none of them restates a number or a condition in code, SQL or text. Notifications reads them; citizens
never imports notifications to learn a rule.
"""

from datetime import date, timedelta

from django.db.models import F, Q
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce

from citizens.models import AgreementStatus, PlacementStatus

# An active placement is overdue for follow-up when none has been logged for this many days (counted from
# the last follow-up, or from the start when there has been none).
FOLLOW_UP_OVERDUE_DAYS = 8

# An active mentor agreement is warned about (e-mail, page, start page) when it ends within this many weeks.
AGREEMENT_ENDING_WARNING_WEEKS = 4
AGREEMENT_ENDING_WARNING_DAYS = 7 * AGREEMENT_ENDING_WARNING_WEEKS

# A mentor agreement left as a draft this many days is shown on the coordinator's start page: the mentor has
# said yes, and the citizen waits for the agreement to come into force.
DRAFT_AGREEMENT_STALE_DAYS = 7


def placement_running_on(*, on: date) -> Q:
    """Placements (`citizens.Placement`) that are active and have started by `on`: the weekly reminders'."""
    return Q(status=PlacementStatus.ACTIVE, starts_on__lte=on)


def agreement_running_on(*, on: date) -> Q:
    """Mentor agreements (`citizens.MentorAgreement`) that are active and have started by `on`."""
    return Q(status=AgreementStatus.ACTIVE, starts_on__lte=on)


def follow_up_clock() -> Combinable:
    """The day a placement's follow-up clock started: its last follow-up, or its start when there has been
    none. Ordering by it lists the longest-waiting placement first."""
    return Coalesce(F("last_follow_up_on"), F("starts_on"))


def follow_up_overdue(*, on: date) -> Q:
    """Placements (the model `citizens.Placement`) that are active and have had no follow-up for
    FOLLOW_UP_OVERDUE_DAYS days or more on `on`; placements that start later are left out.

    Written as two index-friendly branches instead of a filter on `follow_up_clock()`, so PostgreSQL can use
    the (jobcenter, status, last_follow_up_on) index; it means the same."""
    limit = on - timedelta(days=FOLLOW_UP_OVERDUE_DAYS)
    return Q(status=PlacementStatus.ACTIVE) & (
        Q(last_follow_up_on__lte=limit) | Q(last_follow_up_on__isnull=True, starts_on__lte=limit)
    )
