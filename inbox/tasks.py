"""Thin Celery task for the inbox (see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from inbox.services import items_delete_old_read


@shared_task
def delete_old_read_items() -> int:
    """Daily: deletes read items older than INBOX_READ_RETENTION_DAYS. Returns how many were deleted."""
    return items_delete_old_read()
