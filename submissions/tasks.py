"""Thin Celery task for submission tokens (see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from mentorship.idempotency import submission_tokens_expire


@shared_task
def expire_submission_tokens() -> int:
    """Hourly: forgets tokens older than SUBMISSION_TOKEN_TTL. Returns how many were deleted."""
    return submission_tokens_expire()
