"""Reads of the inbox, always for one user in the membership they are working in (request.membership)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Role
from inbox.models import InboxItem
from mentorship.tenancy import scoped_objects
from notifications.handoffs import events_for_role


def inbox_for(*, user, membership) -> QuerySet[InboxItem]:
    """The user's items in the membership's jobcenter, and only of the hand-offs the membership's role may see;
    a leader's only of their company, a staff member's never a portal item."""
    if membership is None:
        return InboxItem.objects.none()
    items = InboxItem.objects.filter(
        recipient=user, jobcenter_id=membership.jobcenter_id, event__in=events_for_role(membership.role)
    )
    if membership.role == Role.COMPANY_LEADER:
        return items.filter(company_id=membership.company_id)
    return items.filter(company__isnull=True)


def unread_count(*, user, membership) -> int:
    """One COUNT over the unread-items index."""
    if membership is None:
        return 0
    return inbox_for(user=user, membership=membership).filter(read_at__isnull=True).count()


def item_get(*, user, membership, pk: int) -> InboxItem:
    """One of the user's own items in this membership, else 404 (someone else's item is as absent as none)."""
    return get_object_or_404(inbox_for(user=user, membership=membership).select_related("about_type"), pk=pk)


def item_object_exists(item: InboxItem) -> bool:
    """The object the item is about still exists in the active tenant scope (its model's scoped manager): an
    item about a deleted object, or one that has left the jobcenter, leads nowhere."""
    model = item.about_type.model_class()
    if model is None:
        return False
    return scoped_objects(model).filter(pk=item.about_id).exists()
