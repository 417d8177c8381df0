"""Every write to the inbox: items written by a hand-off, marking them read, and deleting old read ones.

Marking read writes no activity-log entry: it is the reader's own view of their inbox, not a change to the
programme's data (the activity log records what was done to citizens, companies and mentors).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from inbox.models import InboxItem


@dataclass(frozen=True)
class NewItem:
    """One inbox item to write: for `recipient`, keyed by its outbox message's idempotency key."""

    recipient: Any
    key: str
    company: Any
    event: str
    title: str
    link: str
    about_type: Any
    about_id: int


def items_create_all(*, jobcenter, items: Sequence[NewItem]) -> None:
    """Writes the items (of one jobcenter) in the caller's transaction with one INSERT; a key the user already
    has is skipped (ON CONFLICT DO NOTHING), so a repeated step adds nothing."""
    if not items:
        return
    now = timezone.now()
    InboxItem.objects.bulk_create(
        [
            InboxItem(
                jobcenter=jobcenter,
                recipient=item.recipient,
                company=item.company,
                event=item.event,
                title=item.title[:300],
                link=item.link,
                about_type=item.about_type,
                about_id=item.about_id,
                key=item.key,
                created_at=now,
            )
            for item in items
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def item_mark_read(*, actor, item: InboxItem) -> InboxItem:
    """Marks one of `actor`'s items read (the first reading counts; reading again changes nothing)."""
    if item.recipient_id != actor.pk:
        raise ValueError("Only the recipient marks an item read.")
    if item.read_at is None:
        item.read_at = timezone.now()
        InboxItem.objects.filter(pk=item.pk, read_at__isnull=True).update(read_at=item.read_at)
    return item


@transaction.atomic
def items_mark_all_read(*, actor, items) -> int:
    """Marks every unread item of `items` (the actor's inbox, from inbox.selectors.inbox_for) read; returns how
    many. One UPDATE."""
    return items.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


def items_delete_old_read(*, now=None) -> int:
    """Deletes read items created more than INBOX_READ_RETENTION_DAYS days ago, in every jobcenter, with one
    DELETE; unread items stay however old. Returns how many were deleted. Idempotent (the beat task's body)."""
    before = (now or timezone.now()) - timedelta(days=settings.INBOX_READ_RETENTION_DAYS)
    # A beat task over every jobcenter: the rule is the same for all and names no tenant's rows.
    with scopes_disabled():
        deleted, _detail = InboxItem.objects.filter(read_at__isnull=False, created_at__lt=before).delete()
    return deleted
