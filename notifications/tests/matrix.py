from notifications.tests.factories import MessageFactory
from tests.permissions import coordinators_only, row


def message_a(world):
    return {"pk": MessageFactory(jobcenter=world.jobcenter).pk}


MATRIX = {
    "notifications:outbox": coordinators_only(),
    # Only the jobcenter admin decides when reminders go out.
    "notifications:schedule": coordinators_only(coordinator=403, other_jobcenter=403),
    "notifications:detail": coordinators_only(kwargs=message_a, object_of_jobcenter=True),
    # POST only: a GET answers 405 (anonymous users go to the login page first); tenancy is tested by POST.
    "notifications:resend": row(405, anonymous=302, kwargs=message_a),
}
