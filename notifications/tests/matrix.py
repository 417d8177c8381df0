from notifications.tests.factories import MessageFactory
from tests.permissions import GET_POST, POST_ONLY, coordinators_only, row


def message_a(world):
    return {"pk": MessageFactory(jobcenter=world.jobcenter).pk}


MATRIX = {
    "notifications:outbox": coordinators_only(),
    # Only the jobcenter admin decides when reminders go out.
    "notifications:schedule": coordinators_only(coordinator=403, other_jobcenter=403, methods=GET_POST),
    "notifications:detail": coordinators_only(kwargs=message_a, object_of_jobcenter=True),
    "notifications:resend": coordinators_only(kwargs=message_a, object_of_jobcenter=True, methods=POST_ONLY),
    # Every member's own delivery choices (leaders in the portal's layout); the superuser has no membership.
    "notifications:preferences": row(200, anonymous=302, superuser=403, methods=GET_POST),
}
