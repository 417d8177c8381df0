"""Who is a jobcenter admin, and which users a jobcenter admin may choose in a form or change."""

from accounts.models import Jobcenter, Role, User


def is_jobcenter_admin(request) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and membership.role == Role.JOBCENTER_ADMIN and request.user.is_staff


def jobcenter_members(jobcenter):
    """Users with an active membership in `jobcenter`: the only users its admin may choose in a form."""
    # One membership per user and jobcenter (a unique constraint), so the join yields each user once.
    return User.objects.filter(memberships__jobcenter=jobcenter, memberships__is_active=True)


def jobcenter_own_users(jobcenter):
    """Users who belong to `jobcenter` alone (every membership of theirs is in it) and are not superusers.

    Only these may a jobcenter admin change: a user's e-mail and password open every jobcenter they
    belong to, so an admin of one must not set them for someone who also belongs to another.
    """
    return User.objects.filter(memberships__jobcenter=jobcenter, is_superuser=False).exclude(
        memberships__jobcenter__in=Jobcenter.objects.exclude(pk=jobcenter.pk)
    )
