"""Reads of the inbox, always for one user in the membership they are working in (request.membership)."""

from typing import cast

from django.db.models import F, Field, Func, IntegerField, QuerySet
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


class UnreadCount(Func):
    """unread_count as an annotation of a Membership queryset, the same rule as inbox_for (the membership's
    jobcenter, the events its role may see, a leader's company or no company): accounts.backends reads every
    page's header count with the user and their memberships, in one query. Counts across the user's
    memberships, whatever the tenant scope.

    Every page's request runs it, so its SQL is written once per database vendor (`_unread_count_sql`: the
    hand-off registry is fixed at import) instead of built from ORM expressions on every request, which cost
    about 3 ms of CPU a page; only the membership's four columns are compiled against the query."""

    output_field = IntegerField()

    def __init__(self):
        super().__init__(F("role"), F("user_id"), F("jobcenter_id"), F("company_id"))

    def as_sql(self, compiler, connection, function=None, template=None, arg_joiner=None, **extra_context):
        # Columns: SQL without parameters.
        role, user, jobcenter, company = (compiler.compile(e)[0] for e in self.get_source_expressions())
        template, params = _UNREAD_COUNT_SQL.get(connection.vendor) or _UNREAD_COUNT_SQL.setdefault(
            connection.vendor, _unread_count_sql(connection.ops.quote_name)
        )
        return template.format(role=role, user=user, jobcenter=jobcenter, company=company), params


_UNREAD_COUNT_SQL: dict[str, tuple[str, tuple[str, ...]]] = {}  # by connection.vendor


def _unread_count_sql(quote) -> tuple[str, tuple[str, ...]]:
    """COALESCE(CASE WHEN role = %s THEN (SELECT COUNT(*) ... unread of the role's events ...) ... ELSE 0 END, 0),
    over inbox_item_unread_idx (recipient, jobcenter) WHERE read_at IS NULL; {role}, {user}, {jobcenter} and
    {company} are the membership's columns. One template per vendor, since quote_name is the vendor's."""
    meta = InboxItem._meta
    table = quote(meta.db_table)

    def column(name: str) -> str:
        return f"{table}.{quote(cast(Field, meta.get_field(name)).column)}"

    branches: list[str] = []
    params: list[str] = []
    for role in Role:
        events = events_for_role(role)
        if not events:
            continue
        company = (
            f"{column('company')} = {{company}}" if role == Role.COMPANY_LEADER else f"{column('company')} IS NULL"
        )
        branches.append(
            # Only names from the model's _meta and placeholders: the roles and events are parameters.
            f"WHEN {{role}} = %s THEN (SELECT COUNT(*) FROM {table} WHERE {column('recipient')} = {{user}} "  # noqa: S608
            f"AND {column('jobcenter')} = {{jobcenter}} AND {column('read_at')} IS NULL "
            f"AND {column('event')} IN ({', '.join(['%s'] * len(events))}) AND {company})"
        )
        params += [role.value, *events]
    # Braces of the SQL itself would clash with str.format; the table and column names hold none.
    return f"COALESCE(CASE {' '.join(branches)} ELSE 0 END, 0)", tuple(params)


def unread_count_annotation() -> UnreadCount:
    """See UnreadCount."""
    return UnreadCount()


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
