"""The inbox, for every signed-in member (coordinator app and portal alike). Every item is looked up among the
user's own items in the membership they work in, so someone else's item, another jobcenter's or another
company's answers 404, exactly like an absent one."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.permissions import LEADERS, STAFF, has_role, role_required
from inbox import selectors, services
from mentorship.web import action_submit, paginate

member_required = role_required(*STAFF, *LEADERS)


@member_required
@require_GET
def item_list(request):
    items = selectors.inbox_for(user=request.user, membership=request.membership)
    unread_only = request.GET.get("ulaeste") == "1"
    if unread_only:
        items = items.filter(read_at__isnull=True)
    context = {
        "page": paginate(items.only("id", "title", "created_at", "read_at"), request),
        "query": "ulaeste=1" if unread_only else "",
        "unread_only": unread_only,
        "base_template": "base_portal.html" if has_role(request, LEADERS) else "base.html",
        "in_portal": request.membership.role == Role.COMPANY_LEADER,
    }
    return render(request, "inbox/list.html", context)


@member_required
@require_GET
def item_open(request, pk: int):
    """Marks the item read and goes to its object's page, while the object is still there for this user."""
    item = selectors.item_get(user=request.user, membership=request.membership, pk=pk)
    if not selectors.item_object_exists(item):
        raise Http404
    services.item_mark_read(actor=request.user, item=item)
    return redirect(item.link)


@member_required
@require_POST
def item_mark_read(request, pk: int):
    item = selectors.item_get(user=request.user, membership=request.membership, pk=pk)
    action_submit(
        request, lambda: services.item_mark_read(actor=request.user, item=item), success_message=_("Markeret som læst.")
    )
    return redirect("inbox:list")


@member_required
@require_POST
def items_mark_all_read(request):
    items = selectors.inbox_for(user=request.user, membership=request.membership)
    action_submit(
        request,
        lambda: services.items_mark_all_read(actor=request.user, items=items),
        success_message=lambda count: _("%(count)s beskeder er markeret som læst.") % {"count": count},
    )
    return redirect("inbox:list")
