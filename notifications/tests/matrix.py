from notifications.tests.factories import MessageFactory
from tests.permissions import GET_POST, POST_ONLY, ROLES, coordinators_only, row


def message_a(world):
    return {"pk": MessageFactory(jobcenter=world.jobcenter).pk}


MATRIX = {
    "notifications:outbox": coordinators_only(),
    # Only the jobcenter admin decides when reminders go out.
    "notifications:schedule": coordinators_only(coordinator=403, other_jobcenter=403, methods=GET_POST),
    "notifications:detail": coordinators_only(kwargs=message_a, object_of_jobcenter=True),
    "notifications:resend": coordinators_only(kwargs=message_a, object_of_jobcenter=True, methods=POST_ONLY),
    # The SMS gateway's webhook: without the shared secret's signature every role gets 401, before the method
    # check (notifications/tests/test_sms_outbox.py checks a signed GET's 405 and a signed POST's answers).
    "notifications:sms_delivery_report": row(401, methods=POST_ONLY, before_method_check=ROLES),
    # Every member's own delivery choices (leaders in the portal's layout); the superuser has no membership.
    "notifications:preferences": row(200, anonymous=302, superuser=403, methods=GET_POST),
}
