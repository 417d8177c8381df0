from mentorship.navigation import items_for


def tenant(request):
    """The jobcenter, membership and company of the request, and the side navigation for its role."""
    return {
        "nav_items": items_for(request),
        "current_jobcenter": getattr(request, "jobcenter", None),
        "current_membership": getattr(request, "membership", None),
        "current_company": getattr(request, "company", None),
    }
