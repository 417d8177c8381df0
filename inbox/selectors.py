"""Reads of the inbox, always for one user in the membership they are working in (request.membership)."""

from django.db.models import Case, Count, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
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


def unread_count_annotation():
    """unread_count as an annotation of a Membership queryset, the same rule as inbox_for (the membership's
    jobcenter, the events its role may see, a leader's company or no company): accounts.backends reads every
    page's header count with the user and their memberships, in one query. Must be built outside a tenant
    scope (the backend's), as it counts across the user's memberships."""
    unread = InboxItem.objects.filter(
        recipient_id=OuterRef("user_id"), jobcenter_id=OuterRef("jobcenter_id"), read_at__isnull=True
    ).order_by()
    branches = []
    for role in Role:
        events = events_for_role(role)
        if not events:
            continue
        items = unread.filter(event__in=events)
        if role == Role.COMPANY_LEADER:
            items = items.filter(company_id=OuterRef("company_id"))
        else:
            items = items.filter(company__isnull=True)
        count = items.values("recipient_id").annotate(n=Count("id")).values("n")
        branches.append(When(role=role, then=Subquery(count, output_field=IntegerField())))
    return Coalesce(Case(*branches, default=Value(0)), Value(0), output_field=IntegerField())


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
