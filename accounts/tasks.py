from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions() -> None:
    """Idle sessions expire by cookie age; this removes their rows so the table does not grow."""
    call_command("clearsessions")
