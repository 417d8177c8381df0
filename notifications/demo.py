"""Demo data: each demo jobcenter's weekly reminder schedule (Favrskov the default Monday 07:00, Kalundborg
Tuesday 08:00). The reminders themselves are made by the worker's beat schedule once placements exist."""

from django_scopes import scopes_disabled

from accounts.models import Jobcenter
from notifications.models import ReminderSchedule

SCHEDULES = {"favrskov": (0, 7), "kalundborg": (1, 8)}


def seed(*, stdout) -> None:
    # Demo data for every demo jobcenter in one run (manage.py seed_demo), no request and no tenant.
    with scopes_disabled():
        for jobcenter in Jobcenter.objects.filter(slug__in=SCHEDULES):
            weekday, hour = SCHEDULES[jobcenter.slug]
            ReminderSchedule.objects.update_or_create(
                jobcenter=jobcenter, defaults={"weekday": weekday, "hour": hour, "is_active": True}
            )
    stdout.write(f"  påmindelser: tidsplan for {len(SCHEDULES)} jobcentre")
