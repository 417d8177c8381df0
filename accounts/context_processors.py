from mentorship.navigation import items_for


def tenant(request):
    """The jobcenter, membership and company of the request, the side navigation for its role, and the
    user's memberships when there is more than one to switch between (the header's "Skift jobcenter")."""
    resolved = getattr(request, "tenant", None)
    return {
        "switch_memberships": resolved.memberships if resolved is not None and resolved.can_switch else (),
        "nav_items": items_for(request),
        "current_jobcenter": getattr(request, "jobcenter", None),
        "current_membership": getattr(request, "membership", None),
        "current_company": getattr(request, "company", None),
    }
