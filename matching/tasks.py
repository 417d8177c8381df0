from celery import shared_task
from django_scopes import scopes_disabled

from matching.services import offers_expire_due


@shared_task
def expire_offers() -> int:
    """Offers a mentor did not answer in time become expired, in every jobcenter, in one statement."""
    # A beat tick over every jobcenter at once (one UPDATE); a worker has no tenant.
    with scopes_disabled():
        return offers_expire_due()
